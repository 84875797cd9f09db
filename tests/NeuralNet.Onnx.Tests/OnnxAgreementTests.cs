using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;
using Xunit;
using Xunit.Abstractions;

namespace NeuralNet.Onnx.Tests
{
    /// <summary>
    /// Networks of every kind, trained by the module, exported and run by ONNX Runtime: probabilities
    /// and numbers within 1e-5 relative of the module's own predictions, labels identical, in both precisions.
    /// </summary>
    public class OnnxAgreementTests
    {
        private readonly ITestOutputHelper _log;

        public OnnxAgreementTests(ITestOutputHelper log) => _log = log;

        [Theory]
        [InlineData(Precision.Double)]
        [InlineData(Precision.Single)]
        public void Tutorial_network_trained_on_matrices_gives_the_same_outputs(Precision precision)
        {
            var reference = JsonDocument.Parse(File.ReadAllText(TestData.DataFile("tutorial.json"))).RootElement;
            double[][] Matrix(string name) => reference.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            var model = NeuralNetworkModel.Create(new NetworkSpec(inputSize: 3, hiddenSizes: new[] { 4 }, outputSize: 1, hiddenActivation: Activation.Sigmoid, outputActivation: Activation.Sigmoid, hasBias: false, seed: 0, precision: precision, initialWeights: new[] { Matrix("initialWij"), Matrix("initialWjk") }));
            var x = Matrix("X");
            var y = reference.GetProperty("y").EnumerateArray().Select(v => new[] { v.GetDouble() }).ToArray();
            var options = new TrainingOptions { Epochs = 10000, LearningRate = 1, BatchSize = 4, Loss = Loss.SumSquaredError, Optimizer = OptimizerKind.GradientDescent };
            var prepared = TrainingSetup.Prepare(model, DataSet.FromMatrices(x, y), options);
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, default);

            // The four training rows and a grid of other inputs.
            var rows = x.Concat(Enumerable.Range(0, 27).Select(i => new[] { i % 3 * 0.5, i / 3 % 3 * 0.5, i / 9 * 0.5 })).ToArray();
            var inputs = rows.SelectMany(r => r).ToArray();
            var onnx = OnnxRun.Matrix(OnnxRun.Export(model), model, inputs, rows.Length);
            Agreement.AssertMatrixAgrees(model, inputs, rows.Length, onnx, _log, $"tutorial {precision}");
        }

        [Theory]
        [InlineData(Precision.Double)]
        [InlineData(Precision.Single)]
        public void Iris_softmax_gives_the_same_labels_and_probabilities(Precision precision)
        {
            var iris = TestData.Iris();
            var model = TestData.Train(iris, new[] { "species" }, precision, Activation.Tanh, new[] { 8 });
            Assert.Equal(Activation.Softmax, model.Network.OutputLayer.Activation);
            Agreement.AssertRowsAgree(model, iris, OnnxRun.Rows(OnnxRun.Export(model), model, iris), _log, $"iris {precision}");
        }

        [Theory]
        [InlineData(Precision.Double)]
        [InlineData(Precision.Single)]
        public void Digits_ten_classes_from_64_inputs_sum_long_products_alike(Precision precision)
        {
            // 64-term sums: where a float32 MatMul's order would differ most from the module's.
            var digits = CsvSource.Read(new[] { TestData.DataFile("digits.csv") });
            var model = TestData.Train(digits, new[] { "digit" }, precision, Activation.ReLU, new[] { 32 }, epochs: 5);
            Assert.Equal(10, ((ClassTarget)model.Schema.Targets[0]).Classes.Count);
            Agreement.AssertRowsAgree(model, digits, OnnxRun.Rows(OnnxRun.Export(model), model, digits), _log, $"digits {precision}");
        }

        [Theory]
        [InlineData(Precision.Double, Activation.ReLU)]
        [InlineData(Precision.Single, Activation.ReLU)]
        [InlineData(Precision.Double, Activation.LeakyReLU)]
        [InlineData(Precision.Single, Activation.LeakyReLU)]
        [InlineData(Precision.Double, Activation.ELU)]
        [InlineData(Precision.Single, Activation.ELU)]
        [InlineData(Precision.Double, Activation.Sigmoid)]
        [InlineData(Precision.Single, Activation.Sigmoid)]
        [InlineData(Precision.Double, Activation.Tanh)]
        [InlineData(Precision.Single, Activation.Tanh)]
        [InlineData(Precision.Double, Activation.Identity)]
        [InlineData(Precision.Single, Activation.Identity)]
        public void Regression_gives_the_same_numbers_in_the_targets_units(Precision precision, Activation hidden)
        {
            var table = TestData.Regression();
            var model = TestData.Train(table, new[] { "y" }, precision, hidden, new[] { 10, 6 }, features: new[] { "x1", "x2", "x3" });
            Assert.NotEqual(0.0, ((ValueTarget)model.Schema.Targets[0]).Offset); // the graph has to undo a real standardisation
            Agreement.AssertRowsAgree(model, table, OnnxRun.Rows(OnnxRun.Export(model), model, table), _log, $"regression {hidden} {precision}");
        }

        /// <summary>Every activation of the table has its ONNX form (each activation's class must give one), and it computes what the module does.</summary>
        [Fact]
        public void Every_activation_exports_and_agrees()
        {
            var table = TestData.Regression();
            foreach (Activation hidden in Enum.GetValues(typeof(Activation)))
            {
                var model = TestData.Train(table, new[] { "y" }, Precision.Double, hidden, new[] { 6 }, features: new[] { "x1", "x2", "x3" });
                Agreement.AssertRowsAgree(model, table, OnnxRun.Rows(OnnxRun.Export(model), model, table), _log, $"hidden {hidden}");
            }
        }

        [Theory]
        [InlineData(Precision.Double)]
        [InlineData(Precision.Single)]
        public void Categorical_inputs_are_one_hot_encoded_in_the_graph(Precision precision)
        {
            var table = TestData.Shop();
            var model = TestData.Train(table, new[] { "buy" }, precision, Activation.ReLU, new[] { 8 },
                features: new[] { "color", "size", "zone", "weight" }, categorical: new[] { "zone" });
            Assert.True(((ClassTarget)model.Schema.Targets[0]).OneSigmoid); // one sigmoid output, reported as (1 − p, p)
            Assert.Equal(4 + 1 + 3 + 3, model.Network.InputSize);
            Agreement.AssertRowsAgree(model, table, OnnxRun.Rows(OnnxRun.Export(model), model, table), _log, $"categorical {precision}");
        }

        [Theory]
        [InlineData(Precision.Double)]
        [InlineData(Precision.Single)]
        public void Three_classes_from_categorical_inputs_through_two_hidden_layers(Precision precision)
        {
            var table = TestData.Shop();
            var model = TestData.Train(table, new[] { "tier" }, precision, Activation.ELU, new[] { 10, 5 },
                features: new[] { "color", "size", "zone", "weight" }, categorical: new[] { "zone" });
            Agreement.AssertRowsAgree(model, table, OnnxRun.Rows(OnnxRun.Export(model), model, table), _log, $"categorical 3 classes {precision}");
        }

        [Theory]
        [InlineData(Precision.Double)]
        [InlineData(Precision.Single)]
        public void Two_class_targets_share_one_softmax_split_per_target(Precision precision)
        {
            var table = TestData.IrisWithTwoMoreClasses();
            var model = TestData.Train(table, new[] { "species", "length" }, precision, Activation.Tanh, new[] { 8 },
                features: new[] { "sepal_length", "sepal_width", "petal_length", "petal_width" });
            Assert.Equal(new[] { 3, 2 }, model.Network.OutputLayer.SoftmaxGroups);
            Agreement.AssertRowsAgree(model, table, OnnxRun.Rows(OnnxRun.Export(model), model, table), _log, $"class+class softmax {precision}");
        }

        [Theory]
        [InlineData(Precision.Double)]
        [InlineData(Precision.Single)]
        public void Two_binary_targets_with_one_sigmoid_output_each(Precision precision)
        {
            var table = TestData.IrisWithTwoMoreClasses();
            var model = TestData.Train(table, new[] { "length", "width" }, precision, Activation.ReLU, new[] { 6 },
                features: new[] { "sepal_length", "sepal_width", "petal_length", "petal_width" });
            Assert.Equal(Activation.Sigmoid, model.Network.OutputLayer.Activation);
            Assert.All(model.Schema.Targets, t => Assert.True(((ClassTarget)t).OneSigmoid));
            Agreement.AssertRowsAgree(model, table, OnnxRun.Rows(OnnxRun.Export(model), model, table), _log, $"class+class sigmoid {precision}");
        }

        [Theory]
        [InlineData(Precision.Double)]
        [InlineData(Precision.Single)]
        public void Two_numeric_targets_give_one_output_each(Precision precision)
        {
            var table = TestData.Regression();
            var model = TestData.Train(table, new[] { "y", "z" }, precision, Activation.Tanh, new[] { 12 }, features: new[] { "x1", "x2", "x3" });
            Agreement.AssertRowsAgree(model, table, OnnxRun.Rows(OnnxRun.Export(model), model, table), _log, $"numeric+numeric {precision}");
        }

        [Theory]
        [InlineData(Precision.Double)]
        [InlineData(Precision.Single)]
        public void Unknown_categories_are_all_zeros_when_exported_with_Ignore(Precision precision)
        {
            var model = TestData.Train(TestData.Shop(), new[] { "buy" }, precision, Activation.ReLU, new[] { 8 },
                features: new[] { "color", "size", "zone", "weight" }, categorical: new[] { "zone" });
            var unseen = TestData.Shop(rows: 30, seed: 9, extraColor: "purple");
            var onnx = OnnxRun.Rows(OnnxRun.Export(model, UnknownCategoryPolicy.Ignore), model, unseen);
            Agreement.AssertRowsAgree(model, unseen, onnx, _log, $"unknown category ignored {precision}", UnknownCategoryPolicy.Ignore);
        }
    }
}
