using System;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Inverted dropout: its masks, its gradient, and that no dropout is exactly no dropout.</summary>
    public class DropoutTests
    {
        private static Network Net(Activation hidden = Activation.Tanh)
        {
            var network = Network.Create(new[] { 3, 6, 5, 2 }, hidden, Activation.Identity, hasBias: true);
            WeightInitializer.Initialize(network, WeightInit.Glorot, seed: 9);
            return network;
        }

        private static double[] Masked(Dropout dropout, long epoch, int count)
        {
            dropout.Epoch(epoch);
            var ones = Enumerable.Repeat(1.0, count).ToArray();
            return (double[])dropout.Forward(0, ones, count).Clone();
        }

        [Fact]
        public void Masks_follow_the_seed_and_the_epoch_and_keep_the_expected_share()
        {
            var network = Net();
            int count = 100 * 6;
            var a = new Dropout(network, 100, new[] { 0.25, 0.0 }, seed: 4);
            var b = new Dropout(network, 100, new[] { 0.25, 0.0 }, seed: 4);
            var other = new Dropout(network, 100, new[] { 0.25, 0.0 }, seed: 5);
            Assert.Equal(Masked(a, 3, count), Masked(b, 3, count));
            Assert.NotEqual(Masked(a, 3, count), Masked(a, 4, count));
            Assert.NotEqual(Masked(a, 3, count), Masked(other, 3, count));
            var mask = Masked(a, 7, count);
            Assert.All(mask, m => Assert.True(m == 0 || m == 1 / 0.75));
            double dropped = mask.Count(m => m == 0) / (double)count;
            Assert.InRange(dropped, 0.20, 0.30);
            Assert.False(a.Drops(1));
        }

        [Theory]
        [InlineData(Activation.Tanh)]
        [InlineData(Activation.ReLU)]
        [InlineData(Activation.Softmax)]
        public void Backprop_through_fixed_masks_matches_central_differences(Activation hidden)
        {
            const int rows = 4;
            var network = Net(hidden);
            var workspace = new Workspace(network, rows) { Dropout = new Dropout(network, rows, new[] { 0.3, 0.5 }, seed: 1) };
            var random = new Random(2);
            for (int i = 0; i < rows * 3; i++) workspace.Input[i] = random.NextDouble() * 2 - 1;
            var targets = Enumerable.Range(0, rows * 2).Select(_ => random.NextDouble()).ToArray();
            var loss = Loss.MeanSquaredError.Function();
            double Value()
            {
                workspace.Dropout.Epoch(11); // the same masks at every evaluation
                var y = network.Forward(workspace, rows);
                return loss.Sum(Activation.Identity, workspace.Z[2], y, targets, rows * 2, 2) / loss.Normaliser(rows, 2);
            }
            Value();
            loss.OutputGradient(Activation.Identity, workspace.Z[2], workspace.A[2], targets, workspace.Delta[2], rows * 2, 2, loss.Normaliser(rows, 2));
            network.Backward(workspace, rows);
            var analytic = workspace.GradientBlocks.Select(g => (double[])g.Clone()).ToArray();
            const double h = 1e-6;
            for (int b = 0; b < network.ParameterBlocks.Length; b++)
                for (int i = 0; i < network.ParameterBlocks[b].Length; i++)
                {
                    var p = network.ParameterBlocks[b];
                    double keep = p[i];
                    p[i] = keep + h; double plus = Value();
                    p[i] = keep - h; double minus = Value();
                    p[i] = keep;
                    double numeric = (plus - minus) / (2 * h);
                    Assert.True(Math.Abs(numeric - analytic[b][i]) < 1e-6 * Math.Max(1, Math.Abs(numeric)) || Math.Abs(numeric - analytic[b][i]) < 1e-7,
                        $"block {b} element {i}: numeric {numeric:R}, backprop {analytic[b][i]:R}");
                }
        }

        private static RawTable Rows()
        {
            var table = new RawTable(new[] { "a", "b", "y" });
            var random = new Random(6);
            for (int r = 0; r < 120; r++)
            {
                double a = random.NextDouble(), b = random.NextDouble();
                table.Add(new object[] { a, b, a + b > 1 ? "high" : "low" });
            }
            return table;
        }

        private static NeuralNetworkModel Trained(double[] dropout, int seed = 3)
        {
            var model = NeuralNetworkModel.Create(new NetworkOptions { HiddenLayers = new[] { 8, 8 }, Seed = seed }.ToSpec());
            var prepared = TrainingSetup.Prepare(model, Rows(), new DataOptions { Target = new[] { "y" } }, new TrainingOptions { Epochs = 6, BatchSize = 16, Dropout = dropout });
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, default);
            return model;
        }

        [Fact]
        public void Dropout_zero_is_bit_for_bit_training_without_it()
        {
            Assert.Equal(Trained(null).Network.ParameterBlocks, Trained(new[] { 0.0 }).Network.ParameterBlocks);
            Assert.Equal(Trained(null).Network.ParameterBlocks, Trained(new[] { 0.0, 0.0 }).Network.ParameterBlocks);
        }

        [Fact]
        public void The_same_seed_gives_the_same_network_and_the_rates_are_recorded()
        {
            var one = Trained(new[] { 0.2, 0.5 });
            Assert.Equal(one.Network.ParameterBlocks, Trained(new[] { 0.2, 0.5 }).Network.ParameterBlocks);
            Assert.NotEqual(one.Network.ParameterBlocks, Trained(null).Network.ParameterBlocks);
            Assert.NotEqual(one.Network.ParameterBlocks, Trained(new[] { 0.2, 0.5 }, seed: 4).Network.ParameterBlocks);
            Assert.Equal(new[] { 0.2, 0.5 }, one.LastOptions.Dropout);
            Assert.Equal(new[] { 0.3, 0.3 }, Resolver.DropoutFor(new[] { 0.3 }, null, 2));
            Assert.Equal("DropoutLayerCount", Assert.Throws<NeuralNetException>(() => Resolver.DropoutFor(new[] { 0.1, 0.2, 0.3 }, null, 2)).ErrorId);
        }
    }
}
