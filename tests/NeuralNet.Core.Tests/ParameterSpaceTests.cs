using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using MathNet.Numerics.Random;
using NeuralNet.Core.Experiments;
using Xunit;

namespace NeuralNet.Core.Tests
{
    public class ParameterSpaceTests
    {
        private static ParameterSpace Space(params (string Key, object Value)[] entries) =>
            ParameterSpace.Parse(entries.Select(e => new KeyValuePair<string, object>(e.Key, e.Value)));

        // A continuous companion keeps the space infinite, so a finite distribution is drawn with repeats.
        // Seed takes any whole number; L2 any number from 0.
        private static double[] Draws(string key, string text, int count, int seed = 1) =>
            Space((key, text), ("MinDelta", "Uniform(0,1)")).Sample(count, seed)
                .Select(c => Convert.ToDouble(c.Values.Single(v => v.Key == key).Value, CultureInfo.InvariantCulture)).ToArray();

        /// <summary>Kolmogorov–Smirnov distance between the samples (mapped through the claimed CDF) and U(0, 1).</summary>
        private static double KolmogorovSmirnov(IEnumerable<double> cdfValues)
        {
            var sorted = cdfValues.OrderBy(v => v).ToArray();
            double d = 0;
            for (int i = 0; i < sorted.Length; i++)
                d = Math.Max(d, Math.Max((i + 1.0) / sorted.Length - sorted[i], sorted[i] - (double)i / sorted.Length));
            return d;
        }

        /// <summary>Pearson's χ² of observed counts against equal expected counts.</summary>
        private static double ChiSquare(IEnumerable<int> counts)
        {
            var c = counts.ToArray();
            double expected = c.Sum() / (double)c.Length;
            return c.Sum(o => (o - expected) * (o - expected) / expected);
        }

        // 1.63/√n is the Kolmogorov–Smirnov critical distance at the 1 % level.
        private const int N = 20_000;
        private static readonly double KsCritical = 1.63 / Math.Sqrt(N);

        [Fact]
        public void Keys_are_taken_in_name_order_and_each_value_is_read_by_its_shape()
        {
            var space = Space(("scheduleFactor", new object[] { 0.9, 0.99 }), ("L2", "Uniform(0,0.5)"), ("activation", "ReLU"),
                ("LearningRate", " logUniform( 1e-4 , 1E-1 ) "), ("Epochs", "INTUNIFORM(10,20)"), ("Seed", 3));
            Assert.Equal(new[] { "activation", "Epochs", "L2", "LearningRate", "scheduleFactor", "Seed" }, space.Axes.Select(a => a.Key));
            var kinds = space.Axes.ToDictionary(a => a.Key, a => a.Value);
            Assert.Equal(new object[] { "ReLU" }, ((ChoiceDistribution)kinds["activation"]).Values);
            Assert.Equal(new object[] { 0.9, 0.99 }, ((ChoiceDistribution)kinds["scheduleFactor"]).Values);
            Assert.Equal(new object[] { 3 }, ((ChoiceDistribution)kinds["Seed"]).Values);
            var rate = (LogUniformDistribution)kinds["LearningRate"];
            Assert.Equal((1e-4, 1e-1), (rate.Lower, rate.Upper));
            var l2 = (UniformDistribution)kinds["L2"];
            Assert.Equal((0.0, 0.5), (l2.Lower, l2.Upper));
            var epochs = (IntUniformDistribution)kinds["Epochs"];
            Assert.Equal((10, 20), (epochs.Lower, epochs.Upper));
            Assert.Equal("LogUniform(0.0001,0.1)", rate.ToString());
        }

        [Fact]
        public void Numbers_are_read_in_the_invariant_culture_whatever_the_current_one()
        {
            var saved = Thread.CurrentThread.CurrentCulture;
            try
            {
                Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");   // decimal comma
                var uniform = (UniformDistribution)Space(("L2", "Uniform(0.5,2.5)")).Axes[0].Value;
                Assert.Equal((0.5, 2.5), (uniform.Lower, uniform.Upper));
                var e = Assert.Throws<NeuralNetException>(() => Space(("L2", "Uniform(0;5,2)")));
                Assert.Equal("InvalidParameterDistribution", e.ErrorId);
            }
            finally { Thread.CurrentThread.CurrentCulture = saved; }
        }

        [Theory]
        [InlineData("Normal(0,1)", "'Normal' is not a known distribution")]
        [InlineData("Uniform(1)", "two bounds separated by a comma")]
        [InlineData("Uniform(1,2,3)", "two bounds separated by a comma")]
        [InlineData("Uniform(a,1)", "'a' is not a finite number")]
        [InlineData("Uniform(NaN,1)", "'NaN' is not a finite number")]
        [InlineData("Uniform(0,Infinity)", "'Infinity' is not a finite number")]
        [InlineData("Uniform(1,1,)", "two bounds")]
        [InlineData("Uniform(2,1)", "lower bound 2 is not below its upper bound 1")]
        [InlineData("Uniform(1,1)", "give the value itself")]
        [InlineData("Uniform(-1e308,1e308)", "too far apart")]
        [InlineData("LogUniform(0,1)", "LogUniform needs bounds above 0")]
        [InlineData("LogUniform(-1,1)", "LogUniform needs bounds above 0")]
        [InlineData("LogUniform(1e-1,1e-4)", "give the smaller bound first")]
        [InlineData("IntUniform(1.5,3)", "'1.5' is not a whole number")]
        [InlineData("IntUniform(1,3000000000)", "'3000000000' is not a whole number")]
        [InlineData("IntUniform(5,5)", "not below its upper bound")]
        public void Bad_distribution_text_names_the_key_the_text_and_the_fix(string text, string problem)
        {
            var e = Assert.Throws<NeuralNetException>(() => Space(("LearningRate", text)));
            Assert.Equal("InvalidParameterDistribution", e.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
            Assert.Contains("'LearningRate'", e.Message);
            Assert.Contains($"'{text}'", e.Message);
            Assert.Contains(problem, e.Message);
        }

        [Fact]
        public void A_distribution_inside_a_list_an_empty_list_an_empty_space_and_a_repeated_name_are_errors()
        {
            var inList = Assert.Throws<NeuralNetException>(() => Space(("L2", new object[] { "Uniform(0,0.5)", 0.7 })));
            Assert.Equal("InvalidParameterDistribution", inList.ErrorId);
            Assert.Contains("give the distribution alone", inList.Message);
            Assert.Equal("EmptyParameterValues", Assert.Throws<NeuralNetException>(() => Space(("HiddenLayers", new object[0]))).ErrorId);
            Assert.Equal("EmptyParameterSpace", Assert.Throws<NeuralNetException>(() => Space()).ErrorId);
            var twice = Assert.Throws<NeuralNetException>(() => Space(("Epochs", 5), ("epochs", 6)));
            Assert.Equal("DuplicateParameterName", twice.ErrorId);
            Assert.Contains("'epochs'", twice.Message);
            Assert.Equal("InvalidTrialCount", Assert.Throws<NeuralNetException>(() => Space(("Epochs", 5)).Sample(0, 1)).ErrorId);
        }

        [Fact]
        public void A_key_that_is_no_option_and_a_distribution_its_option_cannot_take_are_refused_before_drawing()
        {
            var unknown = Assert.Throws<NeuralNetException>(() => Space(("LearnignRate", "LogUniform(1e-4,1e-1)")));
            Assert.Equal("InvalidParameterSpace", unknown.ErrorId);
            Assert.Contains("'LearnignRate'", unknown.Message);
            var continuous = Assert.Throws<NeuralNetException>(() => Space(("Epochs", "Uniform(1,10)")));
            Assert.Equal("InvalidParameterDistribution", continuous.ErrorId);
            Assert.Contains("IntUniform", continuous.Message);
            var below = Assert.Throws<NeuralNetException>(() => Space(("L2", "Uniform(-1,1)")));
            Assert.Contains("-L2 must be at least 0", below.Message);
            Assert.Contains("'Uniform(-1,1)'", below.Message);
            Assert.Equal("InvalidParameterDistribution", Assert.Throws<NeuralNetException>(() => Space(("BatchSize", "IntUniform(0,8)"))).ErrorId);
            Assert.Equal("InvalidParameterDistribution", Assert.Throws<NeuralNetException>(() => Space(("Activation", "IntUniform(0,3)"))).ErrorId);
            Assert.Equal("InvalidParameterDistribution", Assert.Throws<NeuralNetException>(() => Space(("Activation", new object[] { "ReLU", "Bogus" }))).ErrorId);
            // Draws are kept as their option's type: a list of activations gives Activation values.
            Assert.IsType<Activation>(Space(("Activation", new object[] { "ReLU", "Tanh" })).Sample(1, 1)[0].Values[0].Value);
        }

        [Fact]
        public void Each_parameter_takes_one_number_of_the_seeded_stream_per_configuration_in_name_order()
        {
            // A plain reference: the Mersenne Twister's numbers, used in turn by HiddenLayers, then L2, then LearningRate.
            var space = Space(("HiddenLayers", new object[] { 4, 8, 16 }), ("LearningRate", "LogUniform(1e-4,1e-1)"), ("L2", "Uniform(1,5)"));
            var sample = space.Sample(50, seed: 42);
            var stream = new MersenneTwister(42, threadSafe: false);
            foreach (var configuration in sample)
            {
                double units = stream.NextDouble(), b = stream.NextDouble(), lr = stream.NextDouble();
                Assert.Equal(new[] { "HiddenLayers", "L2", "LearningRate" }, configuration.Values.Select(v => v.Key));
                Assert.Equal(new[] { 4, 8, 16 }[(int)(units * 3)], configuration.Values[0].Value);
                Assert.Equal(1 + 4 * b, (double)configuration.Values[1].Value);
                double expected = 1e-4 * Math.Exp(lr * Math.Log(1e-1 / 1e-4));
                Assert.InRange(Math.Abs((double)configuration.Values[2].Value - expected) / expected, 0, 1e-15);
            }
            // Numbered from 1 in the order drawn, as a grid's configurations are.
            Assert.Equal(Enumerable.Range(1, 50), sample.Select(c => c.Index));
        }

        [Fact]
        public void The_same_seed_gives_the_same_bits_and_another_seed_other_values()
        {
            var space = Space(("LearningRate", "LogUniform(1e-5,1)"), ("L2", "Uniform(0,0.5)"), ("ScheduleStep", "IntUniform(1,512)"));
            string Bits(int seed) => string.Join(";", space.Sample(20, seed).SelectMany(c => c.Values).Select(v =>
                v.Value is double d ? BitConverter.DoubleToInt64Bits(d).ToString("X16") : v.Value.ToString()));
            Assert.Equal(Bits(7), Bits(7));
            Assert.NotEqual(Bits(7), Bits(8));
            // Pinned from this implementation: only integer arithmetic (the generator) and IEEE
            // addition, multiplication and division (PortableMath) produce these bits.
            var first = space.Sample(1, 7)[0].Values;
            Assert.Equal("3FA388F0AF000000", BitConverter.DoubleToInt64Bits((double)first[0].Value).ToString("X16"));
            Assert.Equal("3F21F4B0C6C2B2F6", BitConverter.DoubleToInt64Bits((double)first[1].Value).ToString("X16"));
            Assert.Equal(400, first[2].Value);
        }

        [Fact]
        public void Uniform_draws_stay_within_the_bounds_and_fit_the_uniform_distribution()
        {
            var x = Draws("L2", "Uniform(2,7)", N);
            Assert.All(x, v => Assert.InRange(v, 2.0, 7.0));
            Assert.InRange(KolmogorovSmirnov(x.Select(v => (v - 2) / 5)), 0, KsCritical);
            Assert.InRange(x.Average(), 4.5 - 0.05, 4.5 + 0.05);   // ±5 standard errors (5/√12/√N ≈ 0.01)
        }

        [Fact]
        public void LogUniform_draws_are_uniform_in_their_logarithms_so_each_decade_is_equally_likely()
        {
            var x = Draws("LearningRate", "LogUniform(1e-4,1e-1)", N);
            Assert.All(x, v => Assert.InRange(v, 1e-4, 1e-1));
            var unit = x.Select(v => (Math.Log10(v) + 4) / 3).ToArray();
            Assert.InRange(KolmogorovSmirnov(unit), 0, KsCritical);
            // Linear uniformity would fail here: 90 % of a linear draw lies in the top decade.
            int[] decades = { x.Count(v => v < 1e-3), x.Count(v => v >= 1e-3 && v < 1e-2), x.Count(v => v >= 1e-2) };
            Assert.InRange(ChiSquare(decades), 0, 13.82);   // χ², 2 degrees of freedom, 0.1 %
            Assert.InRange(KolmogorovSmirnov(x.Select(v => (v - 1e-4) / (1e-1 - 1e-4))), 0.5, 1);
        }

        [Fact]
        public void IntUniform_draws_every_whole_number_of_the_range_including_both_ends_equally_often()
        {
            var x = Draws("Seed", "IntUniform(-2,3)", N);
            Assert.All(x, v => Assert.Equal(Math.Floor(v), v));
            var counts = Enumerable.Range(-2, 6).Select(k => x.Count(v => v == k)).ToArray();
            Assert.All(counts, c => Assert.True(c > 0));
            Assert.Equal(N, counts.Sum());
            Assert.InRange(ChiSquare(counts), 0, 20.52);   // χ², 5 degrees of freedom, 0.1 %
            Assert.IsType<int>(Space(("Epochs", "IntUniform(1,2)")).Sample(1, 1)[0].Values[0].Value);
        }

        [Fact]
        public void A_list_gives_each_of_its_values_equally_often_and_parameters_are_drawn_independently()
        {
            var names = new[] { "Sigmoid", "Tanh", "ReLU", "Identity" };
            var sample = Space(("Activation", names), ("L2", "Uniform(0,1)")).Sample(N, 3);
            var counts = names.Select(s => sample.Count(c => c.Values[0].Value.ToString() == s));
            Assert.InRange(ChiSquare(counts), 0, 16.27);   // χ², 3 degrees of freedom, 0.1 %
            // Consecutive numbers of the stream feed different parameters; they must not correlate.
            var a = sample.Select(c => (double)Array.IndexOf(names, c.Values[0].Value.ToString())).ToArray();
            var b = sample.Select(c => (double)c.Values[1].Value).ToArray();
            double ma = a.Average(), mb = b.Average();
            double r = a.Zip(b, (p, q) => (p - ma) * (q - mb)).Sum() / Math.Sqrt(a.Sum(p => (p - ma) * (p - ma)) * b.Sum(q => (q - mb) * (q - mb)));
            Assert.InRange(r, -0.04, 0.04);   // ±5.7 standard errors of r (1/√N)
        }

        [Fact]
        public void A_finite_space_is_drawn_without_repeats_and_whole_when_asked_for_more_than_it_has()
        {
            var space = Space(("HiddenLayers", new object[] { 1, 2, 3 }), ("Seed", "IntUniform(0,1)"));
            Assert.Equal(6, space.Size);
            string Key(Configuration c) => string.Join(",", c.Values.Select(v => v.Value));
            var four = space.Sample(4, 5);
            Assert.Equal(4, four.Select(Key).Distinct().Count());
            var all = space.Sample(100, 5);
            Assert.Equal(6, all.Count);
            Assert.Equal(new[] { "1,0", "1,1", "2,0", "2,1", "3,0", "3,1" }, all.Select(Key).OrderBy(k => k));
            Assert.Equal(four.Select(Key), all.Take(4).Select(Key));   // the same stream: a longer draw extends a shorter one
            Assert.Null(Space(("HiddenLayers", new object[] { 1, 2 }), ("L2", "Uniform(0,1)")).Size);
        }
    }
}
