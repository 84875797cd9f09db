using System;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Persistence;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Single precision: float32 products, everything else in double.</summary>
    public class PrecisionTests
    {
        private static Network RandomNetwork(Precision precision, int inputs = 20, int hidden = 24, int outputs = 5)
        {
            var network = Network.Create(new[] { inputs, hidden, outputs }, Activation.Tanh, Activation.Softmax, hasBias: true);
            WeightInitializer.Initialize(network, WeightInit.Glorot, seed: 11);
            var random = new Random(5);
            foreach (var layer in network.Layers) for (int j = 0; j < layer.Units; j++) layer.Bias[j] = random.NextDouble() - 0.5;
            network.Precision = precision;
            return network;
        }

        private static void FillInputs(Workspace workspace, int count)
        {
            var random = new Random(9);
            for (int i = 0; i < count; i++) workspace.Input[i] = random.NextDouble() * 2 - 1;
        }

        [Fact]
        public void Single_forward_is_the_float32_product_widened_then_bias_and_activation_in_double()
        {
            const int rows = 7;
            var network = RandomNetwork(Precision.Single);
            var workspace = new Workspace(network, rows);
            FillInputs(workspace, rows * 20);
            network.Forward(workspace, rows);

            // The first layer by hand: inputs and weights rounded to float, the float triple loop, then double.
            var layer = network.Layers[0];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < layer.Units; j++)
                {
                    float sum = 0f;
                    for (int p = 0; p < layer.Inputs; p++) sum += (float)workspace.Input[i * layer.Inputs + p] * (float)layer.Weights[p * layer.Units + j];
                    double z = (double)sum + layer.Bias[j];
                    Assert.Equal(z, workspace.Z[0][i * layer.Units + j]);
                    Assert.Equal(Math.Tanh(z), workspace.A[0][i * layer.Units + j]);
                }
        }

        [Fact]
        public void Single_outputs_and_gradients_agree_with_double_to_float_precision()
        {
            const int rows = 9, outputs = 5;
            var single = RandomNetwork(Precision.Single);
            var reference = RandomNetwork(Precision.Double);
            var targets = new double[rows * outputs];
            for (int r = 0; r < rows; r++) targets[r * outputs + r % outputs] = 1.0;

            (double[] Output, double[][] Gradients) Pass(Network network)
            {
                var workspace = new Workspace(network, rows);
                FillInputs(workspace, rows * 20);
                var output = (double[])network.Forward(workspace, rows).Clone();
                Loss.CrossEntropy.Function().OutputGradient(Activation.Softmax, workspace.Z[1], output, targets, workspace.Delta[1], rows * outputs, outputs, rows);
                network.Backward(workspace, rows);
                return (output, workspace.GradientBlocks.Select(g => (double[])g.Clone()).ToArray());
            }

            var (singleOutput, singleGradients) = Pass(single);
            var (doubleOutput, doubleGradients) = Pass(reference);
            Reference.AssertClose(doubleOutput, singleOutput, 1e-5);
            Assert.NotEqual(doubleOutput, singleOutput); // the float path really ran
            for (int b = 0; b < doubleGradients.Length; b++) Reference.AssertClose(doubleGradients[b], singleGradients[b], 1e-5);
        }

        [Fact]
        public void Training_in_single_precision_keeps_double_weights_and_learns()
        {
            var random = new Random(2);
            const int rows = 400, inputs = 6;
            var x = new double[rows][];
            var y = new double[rows][];
            for (int r = 0; r < rows; r++)
            {
                x[r] = Enumerable.Range(0, inputs).Select(_ => random.NextDouble() * 2 - 1).ToArray();
                y[r] = new[] { x[r][0] + 2 * x[r][1] - x[r][2] > 0 ? 1.0 : 0.0 };
            }
            double FinalLoss(Precision precision)
            {
                var model = NeuralNetworkModel.Create(new NetworkOptions { HiddenLayers = new[] { 16 }, Seed = 3, Precision = precision }.ToSpec());
                var options = new TrainingOptions { Epochs = 30, BatchSize = 32, Optimizer = OptimizerKind.Adam, LearningRate = 0.01 };
                var prepared = TrainingSetup.Prepare(model, DataSet.FromMatrices(x, y), options);
                Assert.Equal(precision, model.Network.Precision);
                return new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, default).FinalLoss;
            }
            double single = FinalLoss(Precision.Single), reference = FinalLoss(Precision.Double);
            Assert.True(single < 0.2, $"single-precision training reached loss {single}");
            Assert.True(Math.Abs(single - reference) < 1e-3 * reference, $"single {single} against double {reference}");
            Assert.NotEqual(reference, single);
        }

        [Theory]
        [InlineData(OptimizerKind.GradientDescent)]   // its step splits the blocks over the threads
        [InlineData(OptimizerKind.Adam)]              // its step takes each block whole
        public void A_single_precision_pass_rounds_in_the_step_and_the_gather_as_the_separate_sweeps_would(OptimizerKind kind)
        {
            // Large enough that two threads gather the batch and share the step.
            const int rows = 256, inputs = 600, hidden = 128, outputs = 5, batch = 64, seed = 4;
            var random = new Random(8);
            var x = new double[rows][];
            var y = new double[rows][];
            for (int r = 0; r < rows; r++)
            {
                x[r] = Enumerable.Range(0, inputs).Select(_ => random.NextDouble() * 2 - 1).ToArray();
                y[r] = new double[outputs];
                y[r][r % outputs] = 1;
            }
            Network Fresh()
            {
                var network = Network.Create(new[] { inputs, hidden, outputs }, Activation.ReLU, Activation.Softmax, hasBias: true);
                WeightInitializer.Initialize(network, WeightInit.He, seed: 11);
                network.Precision = Precision.Single;
                return network;
            }
            var data = DataSet.FromMatrices(x, y);

            // The training pass: batches gathered into float32, weights rounded and gradients widened by the step.
            var fused = Fresh();
            var metric = new MetricAccumulator(OutputLayout.From(Activation.Softmax, Loss.CrossEntropy, outputs), new double[outputs]);
            var pass = new EpochPass(fused, data, Loss.CrossEntropy, batch, true, new MathNet.Numerics.Random.MersenneTwister(seed, false), metric);
            var fusedOptimizer = kind.Rule().Create(fused, 0.01, 0, false);
            pass.Run(fusedOptimizer, fused.ParameterBlocks, default);
            pass.Run(fusedOptimizer, fused.ParameterBlocks, default);

            // The same by the public passes, each rounding in its own sweep, in the same shuffled order.
            var plain = Fresh();
            var plainOptimizer = kind.Rule().Create(plain, 0.01, 0, false);
            var workspace = new Workspace(plain, batch);
            var shuffle = new MathNet.Numerics.Random.MersenneTwister(seed, false);
            var order = Enumerable.Range(0, rows).ToArray();
            var uniforms = new double[rows];
            for (int epoch = 0; epoch < 2; epoch++)
            {
                shuffle.NextDoubles(uniforms);
                for (int i = rows - 1; i > 0; i--)
                {
                    int j = Math.Min(i, (int)(uniforms[i] * (i + 1)));
                    (order[i], order[j]) = (order[j], order[i]);
                }
                for (int start = 0; start < rows; start += batch)
                {
                    for (int r = 0; r < batch; r++)
                    {
                        Array.Copy(x[order[start + r]], 0, workspace.Input, r * inputs, inputs);
                        Array.Copy(y[order[start + r]], 0, workspace.Target, r * outputs, outputs);
                    }
                    var output = plain.Forward(workspace, batch);
                    Loss.CrossEntropy.Function().OutputGradient(Activation.Softmax, workspace.Z[1], output, workspace.Target, workspace.Delta[1], batch * outputs, outputs,
                        Loss.CrossEntropy.Function().Normaliser(batch, outputs));
                    plain.Backward(workspace, batch);
                    plainOptimizer.Step(plain.ParameterBlocks, workspace.GradientBlocks);
                }
            }
            for (int b = 0; b < plain.ParameterBlocks.Length; b++) Assert.Equal(plain.ParameterBlocks[b], fused.ParameterBlocks[b]);
        }

        [Fact]
        public void A_pass_rounds_weights_changed_since_the_last_pass_afresh()
        {
            const int rows = 32, inputs = 20, outputs = 5;
            var x = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, inputs).Select(c => Math.Sin(r * inputs + c)).ToArray()).ToArray();
            var y = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, outputs).Select(c => c == r % outputs ? 1.0 : 0.0).ToArray()).ToArray();
            var data = DataSet.FromMatrices(x, y);
            var metric = new MetricAccumulator(OutputLayout.From(Activation.Softmax, Loss.CrossEntropy, outputs), new double[outputs]);
            var network = RandomNetwork(Precision.Single);
            var pass = new EpochPass(network, data, Loss.CrossEntropy, 8, false, null, metric);
            pass.Run(OptimizerKind.GradientDescent.Rule().Create(network, 0.1, 0, false), network.ParameterBlocks, default);
            // Weights set between passes, as a restore of the best epoch sets them.
            var restored = RandomNetwork(Precision.Single, hidden: 24);
            WeightInitializer.Initialize(restored, WeightInit.He, seed: 99);
            for (int b = 0; b < network.ParameterBlocks.Length; b++) Array.Copy(restored.ParameterBlocks[b], network.ParameterBlocks[b], restored.ParameterBlocks[b].Length);
            pass.Run(OptimizerKind.GradientDescent.Rule().Create(network, 0.1, 0, false), network.ParameterBlocks, default);

            // The same pass (batches in order) on a network that never ran one.
            var reference = new EpochPass(restored, data, Loss.CrossEntropy, 8, false, null, metric);
            reference.Run(OptimizerKind.GradientDescent.Rule().Create(restored, 0.1, 0, false), restored.ParameterBlocks, default);
            for (int b = 0; b < network.ParameterBlocks.Length; b++) Assert.Equal(restored.ParameterBlocks[b], network.ParameterBlocks[b]);
        }

        [Fact]
        public void Gradient_check_works_in_double_for_a_single_precision_network()
        {
            var network = RandomNetwork(Precision.Single, inputs: 4, hidden: 5, outputs: 3);
            var random = new Random(4);
            var x = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 4).Select(__ => random.NextDouble()).ToArray()).ToArray();
            var y = Enumerable.Range(0, 6).Select(r => Enumerable.Range(0, 3).Select(j => j == r % 3 ? 1.0 : 0.0).ToArray()).ToArray();
            var checks = GradientCheck.Run(network, DataSet.FromMatrices(x, y), Loss.CrossEntropy);
            Assert.All(checks, c => Assert.True(c.MaxRelativeError < 1e-6, $"layer {c.Layer} {c.Parameter}: {c.MaxRelativeError}"));
        }

        [Fact]
        public void Model_files_keep_the_precision_and_older_files_read_as_double()
        {
            var model = NeuralNetworkModel.Create(new NetworkOptions { LayerSizes = new[] { 3, 4, 2 }, Activation = Activation.ReLU, OutputActivation = Activation.Softmax, Precision = Precision.Single, Seed = 0 }.ToSpec());
            string json = ModelFile.Write(model, "1.0.0", DateTime.UtcNow);
            var restored = ModelFile.Read(json, "test");
            Assert.Equal(Precision.Single, restored.Spec.Precision);
            Assert.Equal(Precision.Single, restored.Network.Precision);
            Assert.Equal(Precision.Single, restored.Copy().Network.Precision);

            var older = ModelFile.Read(json.Replace("\"precision\": \"Single\",", ""), "older");
            Assert.Equal(Precision.Double, older.Spec.Precision);
            Assert.Equal(Precision.Double, older.Network.Precision);
        }
    }
}
