using System;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>The whole-data gradient (chunked), the finite-difference check built on it, and L-BFGS training.</summary>
    public class FullBatchTests
    {
        private static (Network Network, DataSet Data) Problem(int rows, Activation hidden, Activation output, int seed = 5)
        {
            var network = Network.Create(new[] { 4, 6, 3 }, hidden, output, hasBias: true);
            WeightInitializer.Initialize(network, WeightInit.Glorot, seed);
            var random = new Random(seed);
            var x = new double[rows * 4];
            var y = new double[rows * 3];
            for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble() * 2 - 1;
            for (int r = 0; r < rows; r++) y[r * 3 + (x[r * 4] + x[r * 4 + 1] > 0 ? 0 : x[r * 4 + 2] > 0 ? 1 : 2)] = 1;
            return (network, new DataSet(x, y, rows, 4, 3));
        }

        [Fact]
        public void Chunked_gradient_equals_one_batch_backprop()
        {
            // 2,500 rows span three chunks of 1,024; the reference is one plain batch over every row.
            var (network, data) = Problem(2500, Activation.Tanh, Activation.Softmax);
            var evaluator = new GradientEvaluator(network, Loss.CrossEntropy, l2: 0, data.Rows);
            double loss = evaluator.Evaluate(data);

            var workspace = new Workspace(network, data.Rows);
            Array.Copy(data.Features, workspace.Input, data.Features.Length);
            Array.Copy(data.Targets, workspace.Target, data.Targets.Length);
            var output = network.Forward(workspace, data.Rows);
            int last = workspace.Z.Length - 1;
            double norm = Loss.CrossEntropy.Function().Normaliser(data.Rows, 3);
            double expected = Loss.CrossEntropy.Function().Sum(Activation.Softmax, workspace.Z[last], output, workspace.Target, data.Rows * 3, 3) / norm;
            Loss.CrossEntropy.Function().OutputGradient(Activation.Softmax, workspace.Z[last], output, workspace.Target, workspace.Delta[last], data.Rows * 3, 3, norm);
            network.Backward(workspace, data.Rows);

            Assert.Equal(expected, loss, 12);
            for (int b = 0; b < evaluator.Gradients.Count; b++)
                for (int i = 0; i < evaluator.Gradients[b].Length; i++)
                    Assert.Equal(workspace.GradientBlocks[b][i], evaluator.Gradients[b][i], 12);
        }

        [Fact]
        public void L2_penalty_adds_half_lambda_squared_weights_and_lambda_w_to_weight_gradients_only()
        {
            var (network, data) = Problem(10, Activation.Sigmoid, Activation.Softmax);
            var plain = new GradientEvaluator(network, Loss.CrossEntropy, 0, data.Rows);
            var penalised = new GradientEvaluator(network, Loss.CrossEntropy, 0.3, data.Rows);
            plain.Evaluate(data);
            penalised.Evaluate(data);
            double squares = network.Layers.Sum(l => l.Weights.Sum(w => w * w));
            Assert.Equal(0.15 * squares, penalised.Penalty, 12);
            var weights = network.Layers[0].Weights;
            for (int i = 0; i < weights.Length; i++) Assert.Equal(plain.Gradients[0][i] + 0.3 * weights[i], penalised.Gradients[0][i], 12);
            Assert.Equal(plain.Gradients[1], penalised.Gradients[1]); // bias block: no decay
        }

        [Theory]
        [InlineData(Loss.CrossEntropy, 0.0)]
        [InlineData(Loss.MeanSquaredError, 0.1)]
        public void Gradient_check_passes_for_backprop(Loss loss, double l2)
        {
            var (network, data) = Problem(20, Activation.Tanh, loss == Loss.CrossEntropy ? Activation.Softmax : Activation.Identity);
            var before = network.ParameterBlocks.Select(b => (double[])b.Clone()).ToArray();
            var checks = GradientCheck.Run(network, data, loss, l2);
            Assert.Equal(4, checks.Count);
            Assert.All(checks, c => Assert.True(c.MaxRelativeError < 1e-6, $"layer {c.Layer} {c.Parameter}: {c.MaxRelativeError}"));
            for (int b = 0; b < before.Length; b++) Assert.Equal(before[b], network.ParameterBlocks[b]); // restored exactly
        }

        [Fact]
        public void Gradient_check_fails_a_gradient_that_disagrees()
        {
            // The gradient of SumSquaredError checked as if it were BinaryCrossEntropy's must fail.
            var (network, data) = Problem(20, Activation.Tanh, Activation.Sigmoid);
            var evaluator = new GradientEvaluator(network, Loss.SumSquaredError, 0, data.Rows);
            evaluator.Evaluate(data);
            var checks = GradientCheck.Run(network, data, Loss.BinaryCrossEntropy, analytic: evaluator.Gradients);
            Assert.All(checks, c => Assert.True(c.MaxRelativeError > 1e-2, $"layer {c.Layer} {c.Parameter}: {c.MaxRelativeError}"));
        }

        [Fact]
        public void Grouped_softmax_normalises_each_target_and_backprop_matches_finite_differences()
        {
            // Two class targets of 2 and 3 classes: one softmax each over a 5-unit output layer.
            var network = Network.Create(new[] { 4, 6, 5 }, Activation.Tanh, Activation.Softmax, hasBias: true, outputGroups: new[] { 2, 3 });
            WeightInitializer.Initialize(network, WeightInit.Glorot, 2);
            var random = new Random(8);
            int rows = 12;
            var x = new double[rows * 4];
            var y = new double[rows * 5];
            for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble() * 2 - 1;
            for (int r = 0; r < rows; r++)
            {
                y[r * 5 + random.Next(2)] = 1;
                y[r * 5 + 2 + random.Next(3)] = 1;
            }
            var data = new DataSet(x, y, rows, 4, 5);
            var outputs = Evaluator.Predict(network, x, rows);
            for (int r = 0; r < rows; r++)
            {
                Assert.Equal(1.0, outputs[r * 5] + outputs[r * 5 + 1], 12);
                Assert.Equal(1.0, outputs[r * 5 + 2] + outputs[r * 5 + 3] + outputs[r * 5 + 4], 12);
            }
            // Reference loss: the sum of each group's own cross-entropy.
            double expected = 0;
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < 5; j++)
                    if (y[r * 5 + j] == 1) expected -= Math.Log(outputs[r * 5 + j]);
            var evaluator = new GradientEvaluator(network, Loss.CrossEntropy, 0, rows);
            Assert.Equal(expected / rows, evaluator.Evaluate(data), 10);
            foreach (var loss in new[] { Loss.CrossEntropy, Loss.MeanSquaredError })
                Assert.All(GradientCheck.Run(network, data, loss), c => Assert.True(c.MaxRelativeError < 1e-6, $"{loss} layer {c.Layer} {c.Parameter}: {c.MaxRelativeError}"));
        }

        [Fact]
        public void Lbfgs_lowers_the_loss_monotonically_and_is_deterministic()
        {
            NeuralNetworkModel Train()
            {
                var model = NeuralNetworkModel.Create(new NetworkOptions { HiddenLayers = new[] { 6 }, Activation = Activation.Tanh, Seed = 3 }.ToSpec());
                var (_, data) = Problem(200, Activation.Tanh, Activation.Softmax);
                var options = new TrainingOptions { Epochs = 40, Optimizer = OptimizerKind.Lbfgs, Loss = Loss.CrossEntropy };
                var prepared = TrainingSetup.Prepare(model, data, options);
                new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, default);
                return model;
            }

            var a = Train();
            var losses = a.History.Select(h => h.Loss).ToArray();
            Assert.InRange(losses.Length, 10, 40);
            for (int i = 1; i < losses.Length; i++) Assert.True(losses[i] < losses[i - 1], $"epoch {i + 1} did not lower the loss");
            Assert.True(losses[losses.Length - 1] < 0.25 * losses[0]);
            var b = Train();
            for (int l = 0; l < a.Network.ParameterBlocks.Length; l++) Assert.Equal(a.Network.ParameterBlocks[l], b.Network.ParameterBlocks[l]);
        }
    }
}
