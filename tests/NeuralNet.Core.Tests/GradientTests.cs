using System;
using System.Linq;
using NeuralNet.Core.Model;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Backprop against central finite differences of the loss, for every activation and loss.</summary>
    public class GradientTests
    {
        public static TheoryData<Activation, Activation, Loss> Cases()
        {
            var data = new TheoryData<Activation, Activation, Loss>();
            // Every elementwise activation as a hidden layer's, so a new one is checked without being named here.
            foreach (var hidden in Enum.GetValues(typeof(Activation)).Cast<Activation>().Where(a => a.Function().IsElementwise))
            {
                data.Add(hidden, Activation.Identity, Loss.MeanSquaredError);
                data.Add(hidden, Activation.Softmax, Loss.CrossEntropy);
            }
            data.Add(Activation.Sigmoid, Activation.Sigmoid, Loss.SumSquaredError);
            data.Add(Activation.Tanh, Activation.Sigmoid, Loss.BinaryCrossEntropy);
            data.Add(Activation.Tanh, Activation.Identity, Loss.Huber);
            data.Add(Activation.Tanh, Activation.Softmax, Loss.MeanSquaredError); // softmax Jacobian path
            data.Add(Activation.Tanh, Activation.Sigmoid, Loss.CrossEntropy);     // unfused cross-entropy
            data.Add(Activation.Tanh, Activation.Tanh, Loss.SumSquaredError);
            return data;
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Backprop_matches_central_differences(Activation hidden, Activation output, Loss loss) => Check(hidden, output, loss, weighted: false);

        /// <summary>Row weights (class and sample weights) enter every loss and its gradient alike.</summary>
        [Theory]
        [MemberData(nameof(Cases))]
        public void Weighted_backprop_matches_central_differences(Activation hidden, Activation output, Loss loss) => Check(hidden, output, loss, weighted: true);

        private static void Check(Activation hidden, Activation output, Loss loss, bool weighted)
        {
            const int rows = 5, inputs = 3, outputs = 3;
            var network = Network.Create(new[] { inputs, 4, 5, outputs }, hidden, output, hasBias: true);
            WeightInitializer.Initialize(network, WeightInit.Glorot, seed: 7);
            var random = new Random(3);
            foreach (var layer in network.Layers) for (int j = 0; j < layer.Units; j++) layer.Bias[j] = random.NextDouble() - 0.5;
            var workspace = new Workspace(network, rows);
            for (int i = 0; i < rows * inputs; i++) workspace.Input[i] = random.NextDouble() * 2 - 1;
            var targets = new double[rows * outputs];
            for (int r = 0; r < rows; r++)
            {
                if (loss == Loss.CrossEntropy || loss == Loss.BinaryCrossEntropy) targets[r * outputs + random.Next(outputs)] = 1.0;
                else for (int j = 0; j < outputs; j++) targets[r * outputs + j] = random.NextDouble();
            }

            var weights = weighted ? Enumerable.Range(0, rows).Select(r => 0.25 + 1.5 * random.NextDouble()).ToArray() : null;

            double LossValue()
            {
                var yhat = network.Forward(workspace, rows);
                return loss.Function().Sum(output, workspace.Z[2], yhat, targets, rows * outputs, outputs, weights: weights) / loss.Function().Normaliser(rows, outputs);
            }

            var predicted = network.Forward(workspace, rows);
            loss.Function().OutputGradient(output, workspace.Z[2], predicted, targets, workspace.Delta[2], rows * outputs, outputs,
                loss.Function().Normaliser(rows, outputs), weights: weights);
            network.Backward(workspace, rows);
            var analytic = workspace.GradientBlocks.Select(g => (double[])g.Clone()).ToArray();

            const double h = 1e-6;
            for (int b = 0; b < network.ParameterBlocks.Length; b++)
            {
                var block = network.ParameterBlocks[b];
                for (int i = 0; i < block.Length; i++)
                {
                    double saved = block[i];
                    block[i] = saved + h;
                    double plus = LossValue();
                    block[i] = saved - h;
                    double minus = LossValue();
                    block[i] = saved;
                    double numeric = (plus - minus) / (2 * h);
                    double error = Math.Abs(numeric - analytic[b][i]) / Math.Max(1e-6, Math.Abs(numeric) + Math.Abs(analytic[b][i]));
                    // ReLU kinks can sit within h of a pre-activation; those rare points are not a backprop error.
                    Assert.True(error < 1e-5 || Math.Abs(numeric - analytic[b][i]) < 1e-7,
                        $"block {b} element {i}: numeric {numeric:R}, backprop {analytic[b][i]:R}");
                }
            }
        }

        [Fact]
        public void Softmax_cross_entropy_stays_finite_for_huge_logits()
        {
            var z = new[] { 1000.0, -1000.0, 0.0 };
            var a = new double[3];
            Activation.Softmax.Function().Forward(z, a, 3, 3);
            Assert.Equal(1.0, a[0], 12);
            double loss = Loss.CrossEntropy.Function().Sum(Activation.Softmax, z, a, new[] { 0.0, 1.0, 0.0 }, 3, 3);
            Assert.Equal(2000.0, loss, 9); // −log softmax = lse − z = 1000 − (−1000)
            double bce = Loss.BinaryCrossEntropy.Function().Sum(Activation.Sigmoid, z, new[] { 1.0, 0.0, 0.5 }, new[] { 0.0, 1.0, 1.0 }, 3, 3);
            Assert.False(double.IsInfinity(bce) || double.IsNaN(bce));
        }
    }
}
