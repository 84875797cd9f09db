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
