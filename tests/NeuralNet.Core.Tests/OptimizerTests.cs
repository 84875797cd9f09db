using System;
using System.Linq;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// Each update rule against a step computed by hand from the published formula, and the table of
    /// choices against the published defaults: one file a new optimizer adds its cases to.
    /// </summary>
    public class OptimizerTests
    {
        private static Network OneWeight(double w)
        {
            var network = Network.Create(new[] { 1, 1 }, Activation.Identity, Activation.Identity, hasBias: false);
            network.Layers[0].Weights[0] = w;
            return network;
        }

        private static double Step(Optimizer optimizer, Network network, double gradient)
        {
            optimizer.Step(network.ParameterBlocks, new[] { new[] { gradient } });
            return network.Layers[0].Weights[0];
        }

        [Theory]
        [InlineData(false, 37)]
        [InlineData(true, 37)]
        [InlineData(false, 5003)]
        [InlineData(true, 5003)]
        [InlineData(false, 70003)]   // from 65,536 weights the step is split over two threads
        [InlineData(true, 70003)]
        public void Vectorised_Adam_equals_the_per_element_formula_to_the_last_bit(bool decoupled, int size)
        {
            // Whole vectors and a tail, against a plain loop of Algorithm 1.
            var network = Network.Create(new[] { size, 1 }, Activation.Identity, Activation.Identity, hasBias: false);
            var random = new Random(6);
            var w = network.Layers[0].Weights;
            for (int i = 0; i < w.Length; i++) w[i] = random.NextDouble() - 0.5;
            var expected = (double[])w.Clone();
            var m = new double[w.Length];
            var v = new double[w.Length];
            var adam = new AdamOptimizer(network, 0.01, 0.1, decoupled);
            for (int t = 1; t <= 3; t++)
            {
                var g = new double[w.Length];
                for (int i = 0; i < g.Length; i++) g[i] = random.NextDouble() * 2 - 1;
                for (int i = 0; i < g.Length; i++)
                {
                    double gi = decoupled ? g[i] : g[i] + 0.1 * expected[i];
                    m[i] = AdamOptimizer.Beta1 * m[i] + (1.0 - AdamOptimizer.Beta1) * gi;
                    v[i] = AdamOptimizer.Beta2 * v[i] + (1.0 - AdamOptimizer.Beta2) * gi * gi;
                    double mHat = m[i] * (1.0 / (1.0 - Math.Pow(AdamOptimizer.Beta1, t))), vHat = v[i] * (1.0 / (1.0 - Math.Pow(AdamOptimizer.Beta2, t)));
                    expected[i] -= 0.01 * mHat / (Math.Sqrt(vHat) + AdamOptimizer.Epsilon) + (decoupled ? 0.01 * 0.1 : 0.0) * expected[i];
                }
                adam.Step(network.ParameterBlocks, new[] { g });
            }
            Assert.Equal(expected, w);
        }

        [Theory]
        [InlineData(OptimizerKind.Adam)]
        [InlineData(OptimizerKind.GradientDescent)]
        public void A_copied_optimizer_steps_its_own_network_even_while_the_original_steps_on_another_thread(OptimizerKind kind)
        {
            // Large enough that both rules split their steps over the threads.
            Network Fresh()
            {
                var network = Network.Create(new[] { 300, 250, 2 }, Activation.Tanh, Activation.Identity, hasBias: true);
                WeightInitializer.Initialize(network, WeightInit.Glorot, seed: 3);
                return network;
            }
            double[][] Gradients(Network network) => network.ParameterBlocks.Select(b => Enumerable.Range(0, b.Length).Select(i => Math.Sin(i) * 0.01).ToArray()).ToArray();
            var original = Fresh();
            var optimizer = kind.Rule().Create(original, 0.01, 0, false);
            optimizer.Step(original.ParameterBlocks, Gradients(original));
            var copied = Fresh();
            for (int b = 0; b < copied.ParameterBlocks.Length; b++) Array.Copy(original.ParameterBlocks[b], copied.ParameterBlocks[b], copied.ParameterBlocks[b].Length);
            var copy = optimizer.CloneFor(copied);
            var before = original.ParameterBlocks.Select(b => (double[])b.Clone()).ToArray();

            // The copy steps 50 times on another thread while the original steps 50 times here, in step.
            var other = new System.Threading.Thread(() => { var g = Gradients(copied); for (int i = 0; i < 50; i++) copy.Step(copied.ParameterBlocks, g); });
            other.Start();
            var mine = Gradients(original);
            for (int i = 0; i < 50; i++) optimizer.Step(original.ParameterBlocks, mine);
            other.Join();
            // Both took the same 50 steps from the same point, each on its own weights.
            for (int b = 0; b < original.ParameterBlocks.Length; b++)
            {
                Assert.Equal(original.ParameterBlocks[b], copied.ParameterBlocks[b]);
                Assert.NotEqual(before[b], original.ParameterBlocks[b]);
            }
        }

        [Fact]
        public void Vectorised_gradient_descent_equals_the_per_element_rule()
        {
            var network = Network.Create(new[] { 29, 1 }, Activation.Identity, Activation.Identity, hasBias: false);
            var w = network.Layers[0].Weights;
            var g = new double[w.Length];
            for (int i = 0; i < w.Length; i++) { w[i] = i * 0.1; g[i] = 1.0 / (i + 1); }
            var expected = new double[w.Length];
            for (int i = 0; i < w.Length; i++) expected[i] = w[i] - 0.3 * g[i];
            new GradientDescentOptimizer(network, 0.3, 0).Step(network.ParameterBlocks, new[] { g });
            Assert.Equal(expected, w);
        }

        [Theory]
        [InlineData(0.0, 37)]
        [InlineData(0.01, 37)]
        [InlineData(0.0, 70003)]    // split over two threads, in claimed chunks with a tail
        [InlineData(0.01, 70003)]
        public void A_single_precision_step_updates_from_the_float_gradients_and_rounds_the_weights_as_the_plain_rule_does(double decay, int size)
        {
            // One layer with a bias: the weights' gradient comes in float32 (rounded weights go out), the bias's in double.
            var network = Network.Create(new[] { size, 1 }, Activation.Identity, Activation.Identity, hasBias: true);
            var random = new Random(8);
            var w = network.Layers[0].Weights;
            for (int i = 0; i < w.Length; i++) w[i] = random.NextDouble() - 0.5;
            network.Layers[0].Bias[0] = 0.25;
            var floatGradient = new float[w.Length];
            for (int i = 0; i < floatGradient.Length; i++) floatGradient[i] = (float)(random.NextDouble() * 2 - 1);
            var expected = new double[w.Length];
            var expectedRounded = new float[w.Length];
            for (int i = 0; i < w.Length; i++)
            {
                double g = (double)floatGradient[i] + decay * w[i];
                expected[i] = w[i] - 0.3 * g;
                expectedRounded[i] = (float)expected[i];
            }
            var rounded = new float[w.Length];
            var gradients = new[] { new double[w.Length], new[] { 0.5 } };
            new GradientDescentOptimizer(network, 0.3, decay).Step(network.ParameterBlocks, gradients, new[] { floatGradient, null }, new[] { rounded, null });
            Assert.Equal(expected, w);
            Assert.Equal(expectedRounded, rounded);
            Assert.Equal(0.25 - 0.3 * 0.5, network.Layers[0].Bias[0]);
        }

        [Fact]
        public void A_single_precision_Adam_step_widens_the_float_gradients_first()
        {
            // Adam has no path of its own from float32 gradients: the step widens them, then updates as from doubles.
            var network = Network.Create(new[] { 70003, 1 }, Activation.Identity, Activation.Identity, hasBias: false);
            var copy = Network.Create(new[] { 70003, 1 }, Activation.Identity, Activation.Identity, hasBias: false);
            var random = new Random(9);
            var w = network.Layers[0].Weights;
            for (int i = 0; i < w.Length; i++) w[i] = copy.Layers[0].Weights[i] = random.NextDouble() - 0.5;
            var floatGradient = new float[w.Length];
            for (int i = 0; i < floatGradient.Length; i++) floatGradient[i] = (float)(random.NextDouble() * 2 - 1);
            var rounded = new float[w.Length];
            new AdamOptimizer(network, 0.01, 0.1, false).Step(network.ParameterBlocks, new[] { new double[w.Length] }, new[] { floatGradient }, new[] { rounded });
            new AdamOptimizer(copy, 0.01, 0.1, false).Step(copy.ParameterBlocks, new[] { floatGradient.Select(g => (double)g).ToArray() });
            Assert.Equal(copy.Layers[0].Weights, w);
            Assert.Equal(w.Select(x => (float)x).ToArray(), rounded);
        }

        [Fact]
        public void Gradient_descent_subtracts_rate_times_gradient()
        {
            var network = OneWeight(1.0);
            Assert.Equal(1.0 - 0.1 * 0.5, Step(new GradientDescentOptimizer(network, 0.1, 0), network, 0.5), 15);
        }

        [Fact]
        public void L2_adds_lambda_times_weight_to_the_gradient()
        {
            var network = OneWeight(2.0);
            Assert.Equal(2.0 - 0.1 * (0.5 + 0.01 * 2.0), Step(new GradientDescentOptimizer(network, 0.1, 0.01), network, 0.5), 15);
        }

        [Fact]
        public void Adam_follows_Kingma_and_Ba()
        {
            var network = OneWeight(1.0);
            var adam = new AdamOptimizer(network, 0.01, 0, decoupled: false);
            double w = 1.0, m = 0, v = 0;
            foreach (var (g, t) in new[] { (0.5, 1), (-0.2, 2), (0.3, 3) })
            {
                m = 0.9 * m + 0.1 * g;
                v = 0.999 * v + 0.001 * g * g;
                w -= 0.01 * (m / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v / (1 - Math.Pow(0.999, t))) + 1e-8);
                Assert.Equal(w, Step(adam, network, g), 14);
            }
            // the first step of Adam moves by about the learning rate, whatever the gradient's scale
            var fresh = OneWeight(0.0);
            Assert.Equal(-0.01, Step(new AdamOptimizer(fresh, 0.01, 0, false), fresh, 1234.0), 6);
        }

        [Fact]
        public void AdamW_decays_the_weight_outside_the_moments()
        {
            var network = OneWeight(2.0);
            double expected = 2.0 - 0.01 * 0.5 / (0.5 + 1e-8) - 0.01 * 0.1 * 2.0; // m̂ = g, v̂ = g² on step 1
            Assert.Equal(expected, Step(new AdamOptimizer(network, 0.01, 0.1, decoupled: true), network, 0.5), 12);
        }

        [Fact]
        public void Momentum_and_Nesterov_match_PyTorch_SGD()
        {
            var plain = OneWeight(1.0);
            var momentum = new MomentumOptimizer(plain, 0.1, 0, nesterov: false);
            Assert.Equal(1.0 - 0.1 * 0.5, Step(momentum, plain, 0.5), 15);                  // v = g
            Assert.Equal(0.95 - 0.1 * (0.9 * 0.5 + 0.5), Step(momentum, plain, 0.5), 15);   // v = μv + g

            var nesterov = OneWeight(1.0);
            var n = new MomentumOptimizer(nesterov, 0.1, 0, nesterov: true);
            Assert.Equal(1.0 - 0.1 * (0.5 + 0.9 * 0.5), Step(n, nesterov, 0.5), 15);       // w −= η(g + μv)
        }

        [Fact]
        public void RMSProp_divides_by_the_root_mean_square()
        {
            var network = OneWeight(1.0);
            double s = 0.1 * 0.25;
            Assert.Equal(1.0 - 0.01 * 0.5 / (Math.Sqrt(s) + 1e-8), Step(new RMSPropOptimizer(network, 0.01, 0), network, 0.5), 14);
        }

        [Fact]
        public void Rprop_grows_steps_on_agreement_and_shrinks_and_forgets_on_sign_change()
        {
            var network = OneWeight(0.0);
            var rprop = new RpropOptimizer(network, 0);
            Assert.Equal(-0.1, Step(rprop, network, 3.0), 15);                 // first step: Δ₀ against the sign
            Assert.Equal(-0.1 - 0.12, Step(rprop, network, 0.001), 15);        // same sign: Δ·1.2, size of g irrelevant
            Assert.Equal(-0.22, Step(rprop, network, -5.0), 15);              // sign flip: Δ·0.5, no move (iRPROP−)
            Assert.Equal(-0.22 + 0.06, Step(rprop, network, -5.0), 15);       // previous g forgotten: move by the halved Δ
        }

        // The table: one rule per choice, which the resolver, solvers and help ask.

        private static Network Small() => Network.Create(new[] { 3, 2, 1 }, Activation.Tanh, Activation.Identity, hasBias: true);

        [Fact]
        public void Every_choice_has_its_rule_and_every_update_rule_makes_an_optimizer_of_its_kind()
        {
            foreach (OptimizerKind kind in Enum.GetValues(typeof(OptimizerKind)))
            {
                var rule = kind.Rule();
                Assert.Equal(kind, rule.Kind);
                if (!rule.IsUpdateRule)
                {
                    Assert.Throws<InvalidOperationException>(() => rule.Create(Small(), 0.1, 0, false));
                    continue;
                }
                var optimizer = rule.Create(Small(), rule.DefaultLearningRate, 0.5, nesterov: false);
                Assert.Equal(kind, optimizer.Kind);
                Assert.Equal(rule.DefaultLearningRate, optimizer.LearningRate);
                Assert.Equal(0.5, optimizer.WeightDecay);
            }
            Assert.False(OptimizerKind.Lbfgs.Rule().IsUpdateRule);
        }

        [Fact]
        public void The_defaults_are_the_published_ones()
        {
            // As Keras and PyTorch: 0.001 for the adaptive rules, 0.01 for plain and momentum SGD; Rprop starts from Δ₀ = 0.1.
            Assert.Equal(0.001, OptimizerKind.Adam.Rule().DefaultLearningRate);
            Assert.Equal(0.001, OptimizerKind.AdamW.Rule().DefaultLearningRate);
            Assert.Equal(0.001, OptimizerKind.RMSProp.Rule().DefaultLearningRate);
            Assert.Equal(0.01, OptimizerKind.GradientDescent.Rule().DefaultLearningRate);
            Assert.Equal(0.01, OptimizerKind.Momentum.Rule().DefaultLearningRate);
            Assert.Equal(RpropOptimizer.InitialStep, OptimizerKind.Rprop.Rule().DefaultLearningRate);
            Assert.Equal(0.001, Resolver.LearningRateFor(null, OptimizerKind.Adam));
            Assert.Equal(0.3, Resolver.LearningRateFor(0.3, OptimizerKind.Adam));
            Assert.Equal(500, Resolver.BatchSizeFor(null, OptimizerKind.Rprop, 500));
            Assert.Equal(Resolver.DefaultBatchSize, Resolver.BatchSizeFor(null, OptimizerKind.Adam, 500));
        }

        [Fact]
        public void Help_states_the_learning_rates_the_table_holds()
        {
            Assert.Equal("0.01 for GradientDescent and Momentum; 0.001 for Adam, AdamW and RMSProp", OptimizerTable.DescribeLearningRates());
            Assert.Contains(OptimizerTable.DescribeLearningRates(), Resolver.DescribeDefault(typeof(TrainingOptions), "LearningRate"));
            Assert.EndsWith("every row for Rprop.", Resolver.DescribeDefault(typeof(TrainingOptions), "BatchSize"));
        }

        [Fact]
        public void Only_momentum_has_a_Nesterov_variant()
        {
            Assert.True(OptimizerKind.Momentum.Rule().Create(Small(), 0.1, 0, nesterov: true).Nesterov);
            Assert.False(OptimizerKind.Momentum.Rule().Create(Small(), 0.1, 0, nesterov: false).Nesterov);
            Assert.False(OptimizerKind.Adam.Rule().Create(Small(), 0.1, 0, nesterov: true).Nesterov);
        }
    }
}
