using System.IO;
using System.Linq;
using System.Text.Json;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// The tutorial's 3-4-1 sigmoid network, no bias, 10,000 full-batch updates at learning rate 1 with
    /// ½Σ(y − ŷ)², against numpy's numbers (examples/data/tutorial.json, made by make-tutorial-reference.py).
    /// </summary>
    public class TutorialTests
    {
        private static JsonElement Load() =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(System.AppContext.BaseDirectory, "data", "tutorial.json"))).RootElement;

        private static double[][] Matrix(JsonElement e) =>
            e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

        [Fact]
        public void Training_reproduces_numpy_to_1e9()
        {
            var reference = Load();
            var spec = new NetworkOptions
            {
                LayerSizes = new[] { 3, 4, 1 }, Activation = Activation.Sigmoid, OutputActivation = Activation.Sigmoid, NoBias = true, Seed = 0,
                InitialWeights = new[] { Matrix(reference.GetProperty("initialWij")), Matrix(reference.GetProperty("initialWjk")) },
            }.ToSpec();
            var model = NeuralNetworkModel.Create(spec);
            var x = Matrix(reference.GetProperty("X"));
            var y = reference.GetProperty("y").EnumerateArray().Select(v => new[] { v.GetDouble() }).ToArray();
            var options = new TrainingOptions
            {
                Epochs = 10000, LearningRate = 1, BatchSize = 4, Loss = Loss.SumSquaredError, Optimizer = OptimizerKind.GradientDescent,
            };
            var prepared = TrainingSetup.Prepare(model, DataSet.FromMatrices(x, y), options);
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, default);

            var wij = Matrix(reference.GetProperty("finalWij")).SelectMany(r => r).ToArray();
            var wjk = Matrix(reference.GetProperty("finalWjk")).SelectMany(r => r).ToArray();
            Reference.AssertClose(wij, model.Network.Layers[0].Weights, 1e-9);
            Reference.AssertClose(wjk, model.Network.Layers[1].Weights, 1e-9);
            var predictions = model.Network.Predict(x.SelectMany(r => r).ToArray(), 4);
            var expected = reference.GetProperty("predictionAfterTraining").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Reference.AssertClose(expected, predictions, 1e-9);
            Assert.Equal(10000, model.EpochsTrained);
        }
    }
}
