using System;
using System.Linq;
using NeuralNet.Core;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>The loss table, and every loss's value against its formula written out, weighted and not.</summary>
    public class LossTests
    {
        private static readonly double[] Y = { 1, 0, 0, 0, 1, 0 };
        private static readonly double[] P = { 0.7, 0.2, 0.1, 0.3, 0.3, 0.4 };

        private static double Reference(Loss loss, double y, double p)
        {
            switch (loss)
            {
                case Loss.SumSquaredError: return 0.5 * (y - p) * (y - p);
                case Loss.MeanSquaredError: return (y - p) * (y - p);
                case Loss.CrossEntropy: return -y * Math.Log(p);
                case Loss.BinaryCrossEntropy: return -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
                case Loss.Huber: return Math.Abs(y - p) <= 1 ? 0.5 * (y - p) * (y - p) : Math.Abs(y - p) - 0.5;
                default: throw new ArgumentException(loss.ToString());
            }
        }

        [Fact]
        public void Every_loss_has_a_function_of_its_own_kind()
        {
            foreach (Loss loss in Enum.GetValues(typeof(Loss))) Assert.Equal(loss, loss.Function().Kind);
            Assert.Throws<ArgumentOutOfRangeException>(() => ((Loss)42).Function());
            Assert.Equal(new[] { Loss.SumSquaredError, Loss.MeanSquaredError, Loss.Huber },
                Enum.GetValues(typeof(Loss)).Cast<Loss>().Where(l => l.Function().IsRegression));
            Assert.Equal(Activation.Softmax, Loss.CrossEntropy.Function().NaturalOutput);
            Assert.Equal(Activation.Sigmoid, Loss.BinaryCrossEntropy.Function().NaturalOutput);
        }

        [Theory]
        [InlineData(Loss.SumSquaredError, 1.0)]
        [InlineData(Loss.MeanSquaredError, 6.0)]
        [InlineData(Loss.CrossEntropy, 2.0)]
        [InlineData(Loss.BinaryCrossEntropy, 6.0)]
        [InlineData(Loss.Huber, 6.0)]
        public void Sums_and_normalisers_match_the_formulas(Loss loss, double normaliser)
        {
            var function = loss.Function();
            Assert.Equal(normaliser, function.Normaliser(2, 3));
            double plain = Enumerable.Range(0, 6).Sum(i => Reference(loss, Y[i], P[i]));
            Assert.Equal(plain, function.Sum(Activation.Sigmoid, P, P, Y, 6, 3), 12);
            var weights = new[] { 0.5, 2.0 };
            double weighted = Enumerable.Range(0, 6).Sum(i => weights[i / 3] * Reference(loss, Y[i], P[i]));
            Assert.Equal(weighted, function.Sum(Activation.Sigmoid, P, P, Y, 6, 3, weights: weights), 12);
        }

        [Fact]
        public void Weights_of_one_change_no_bit()
        {
            var z = new[] { 0.4, -1.3, 2.2, 0.1, 0.9, -0.5 };
            var a = new double[6];
            Activation.Softmax.Function().Forward(z, a, 6, 3);
            var ones = new[] { 1.0, 1.0 };
            foreach (Loss loss in Enum.GetValues(typeof(Loss)))
            {
                var f = loss.Function();
                Assert.Equal(f.Sum(Activation.Softmax, z, a, Y, 6, 3), f.Sum(Activation.Softmax, z, a, Y, 6, 3, weights: ones));
                var plain = new double[6];
                var weighted = new double[6];
                f.OutputGradient(Activation.Softmax, z, a, Y, plain, 6, 3, 2.0);
                f.OutputGradient(Activation.Softmax, z, a, Y, weighted, 6, 3, 2.0, weights: ones);
                Assert.Equal(plain, weighted);
            }
        }
    }
}
