using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Persistence.Onnx;
using Onnx;
using Xunit;
using Xunit.Abstractions;

namespace NeuralNet.Onnx.Tests
{
    /// <summary>The exported model's interface (inputs, outputs, metadata, operator sets) and the networks it refuses.</summary>
    public class OnnxGraphTests
    {
        private readonly ITestOutputHelper _log;

        public OnnxGraphTests(ITestOutputHelper log) => _log = log;

        private static NeuralNetworkModel Iris(Precision precision = Precision.Double) =>
            TestData.Train(TestData.Iris(), new[] { "species" }, precision, Activation.Tanh, new[] { 5 }, epochs: 20);

        [Fact]
        public void Iris_has_one_float64_input_per_column_and_a_label_and_probabilities_output()
        {
            using var session = new InferenceSession(OnnxRun.Export(Iris()));
            Assert.Equal(new[] { "sepal_length", "sepal_width", "petal_length", "petal_width" }, session.InputNames);
            Assert.All(session.InputMetadata.Values, m =>
            {
                Assert.Equal(typeof(double), m.ElementType);
                Assert.Equal(new[] { -1, 1 }, m.Dimensions);
            });
            Assert.Equal(new[] { "species", "species_probabilities" }, session.OutputNames);
            Assert.Equal(typeof(string), session.OutputMetadata["species"].ElementType);
            Assert.Equal(new[] { -1 }, session.OutputMetadata["species"].Dimensions);
            Assert.Equal(typeof(double), session.OutputMetadata["species_probabilities"].ElementType);
            Assert.Equal(new[] { -1, 3 }, session.OutputMetadata["species_probabilities"].Dimensions);
        }

        [Theory]
        [InlineData(Precision.Double)]
        [InlineData(Precision.Single)]
        public void Metadata_carry_the_module_version_precision_features_and_targets(Precision precision)
        {
            var bytes = OnnxRun.Export(Iris(precision));
            using var session = new InferenceSession(bytes);
            var metadata = session.ModelMetadata;
            Assert.Equal("NeuralNet.PowerShell", metadata.ProducerName);
            Assert.Equal("9.8.7", metadata.CustomMetadataMap["moduleVersion"]);
            Assert.Equal(precision.ToString(), metadata.CustomMetadataMap["precision"]);
            Assert.Equal("[\"sepal_length\",\"sepal_width\",\"petal_length\",\"petal_width\"]", metadata.CustomMetadataMap["features"]);
            Assert.Equal("[\"species\"]", metadata.CustomMetadataMap["targets"]);
            Assert.False(metadata.CustomMetadataMap.ContainsKey("unknownCategory")); // no categorical column

            var model = ModelProto.Parser.ParseFrom(bytes);
            Assert.Equal(OnnxExport.IrVersion, model.IrVersion);
            var opset = Assert.Single(model.OpsetImport); // no string column: no ai.onnx.ml
            Assert.Equal("", opset.Domain);
            Assert.Equal(17, opset.Version);
        }

        [Fact]
        public void Categorical_columns_are_string_inputs_and_bring_in_ai_onnx_ml()
        {
            var model = TestData.Train(TestData.Shop(), new[] { "buy" }, Precision.Double, Activation.ReLU, new[] { 4 }, epochs: 5,
                features: new[] { "color", "zone", "weight" }, categorical: new[] { "zone" });
            var bytes = OnnxRun.Export(model, UnknownCategoryPolicy.Ignore);
            using var session = new InferenceSession(bytes);
            Assert.Equal(typeof(string), session.InputMetadata["color"].ElementType);
            Assert.Equal(typeof(string), session.InputMetadata["zone"].ElementType); // numbers read as categories stay labels
            Assert.Equal(typeof(double), session.InputMetadata["weight"].ElementType);
            Assert.Equal("Ignore", session.ModelMetadata.CustomMetadataMap["unknownCategory"]);
            var proto = ModelProto.Parser.ParseFrom(bytes);
            Assert.Contains(proto.OpsetImport, o => o.Domain == "ai.onnx.ml" && o.Version == OnnxExport.MlOpsetVersion);
            var encoders = proto.Graph.Node.Where(n => n.Domain == "ai.onnx.ml").ToList();
            Assert.Equal(2, encoders.Count);
            Assert.All(encoders, n => Assert.Equal("OneHotEncoder", n.OpType));
            // Its schema infers no output type, so the graph states it ([N, 1, categories] float): strict
            // shape inference (onnx.checker with full_check) fails without it.
            Assert.All(encoders, n => Assert.Contains(proto.Graph.ValueInfo, v => v.Name == n.Output[0] && v.Type.TensorType.Shape.Dim.Count == 3));
        }

        [Fact]
        public void An_unknown_category_fails_the_run_when_exported_with_Error_as_prediction_does()
        {
            var model = TestData.Train(TestData.Shop(), new[] { "buy" }, Precision.Double, Activation.ReLU, new[] { 4 }, epochs: 5,
                features: new[] { "color", "size", "weight" });
            var unseen = TestData.Shop(rows: 6, seed: 2, extraColor: "purple");
            var e = Assert.Throws<NeuralNetException>(() => Agreement.ModulePredictions(model, unseen));
            Assert.Equal("UnknownCategory", e.ErrorId);
            var bytes = OnnxRun.Export(model);
            Assert.Equal("Error", new InferenceSession(bytes).ModelMetadata.CustomMetadataMap["unknownCategory"]);
            var failure = Assert.Throws<OnnxRuntimeException>(() => OnnxRun.Rows(bytes, model, unseen));
            _log.WriteLine(failure.Message);
        }

        [Fact]
        public void Whole_number_classes_come_back_as_their_labels()
        {
            var table = TestData.Shop();
            var model = TestData.Train(table, new[] { "zone" }, Precision.Double, Activation.ReLU, new[] { 6 }, epochs: 20,
                features: new[] { "color", "size", "weight" });
            Assert.Equal(new[] { "1", "2", "3", "4" }, ((ClassTarget)model.Schema.Targets[0]).Classes);
            var onnx = OnnxRun.Rows(OnnxRun.Export(model), model, table);
            Agreement.AssertRowsAgree(model, table, onnx, _log, "whole-number classes");
        }

        [Fact]
        public void Column_names_with_spaces_punctuation_and_accents_are_the_input_and_output_names()
        {
            var iris = TestData.Iris();
            var names = new[] { "sepal length (cm)", "sepal.width", "Blütenblatt-Länge", "petal_width", "Art der Blüte" };
            var table = new RawTable(names);
            for (int r = 0; r < iris.RowCount; r++) table.Add(Enumerable.Range(0, names.Length).Select(c => iris[r, c]).ToArray());
            var model = TestData.Train(table, new[] { "Art der Blüte" }, Precision.Double, Activation.Tanh, new[] { 5 }, epochs: 20);
            var bytes = OnnxRun.Export(model);
            using var session = new InferenceSession(bytes);
            Assert.Equal(names.Take(4), session.InputNames);
            Assert.Equal(new[] { "Art der Blüte", "Art der Blüte_probabilities" }, session.OutputNames);
            Agreement.AssertRowsAgree(model, table, OnnxRun.Rows(bytes, model, table), _log, "unusual column names");
        }

        [Fact]
        public void Columns_named_like_the_graphs_own_values_keep_their_names()
        {
            // "Concat_0" is what the joined inputs would be called, "W1_8" the first weights, "one_56" a constant.
            var iris = TestData.Iris();
            var names = new[] { "W1_8", "sepal_width", "petal_length", "one_56", "Concat_0" };
            var table = new RawTable(names);
            for (int r = 0; r < iris.RowCount; r++) table.Add(Enumerable.Range(0, names.Length).Select(c => iris[r, c]).ToArray());
            var model = TestData.Train(table, new[] { "Concat_0" }, Precision.Double, Activation.Tanh, new[] { 5 }, epochs: 20);
            var bytes = OnnxRun.Export(model);
            using var session = new InferenceSession(bytes);
            Assert.Equal(names.Take(4), session.InputNames);
            Assert.Equal(new[] { "Concat_0", "Concat_0_probabilities" }, session.OutputNames);
            Agreement.AssertRowsAgree(model, table, OnnxRun.Rows(bytes, model, table), _log, "columns named like internal values");
        }

        [Fact]
        public void A_column_without_a_name_is_refused_before_anything_is_written()
        {
            var table = new RawTable(new[] { "", "y" });
            for (int r = 0; r < 20; r++) table.Add(new object[] { (double)r, r % 2 == 0 ? "even" : "odd" });
            var model = TestData.Train(table, new[] { "y" }, Precision.Double, Activation.Tanh, new[] { 2 }, epochs: 1);
            using var stream = new MemoryStream();
            var e = Assert.Throws<NeuralNetException>(() => OnnxExport.Write(model, stream, "1.0.0"));
            Assert.Equal("OnnxEmptyName", e.ErrorId);
            Assert.Equal(0, stream.Length);
        }

        [Fact]
        public void An_untrained_network_is_refused_before_anything_is_written()
        {
            var model = NeuralNetworkModel.Create(new NetworkSpec(inputSize: null, hiddenSizes: new[] { 3 }, outputSize: null, hiddenActivation: Activation.ReLU, outputActivation: null, hasBias: true, seed: 0));
            using var stream = new MemoryStream();
            var e = Assert.Throws<NeuralNetException>(() => OnnxExport.Write(model, stream, "1.0.0"));
            Assert.Equal("NetworkNotTrained", e.ErrorId);
            Assert.Equal(ErrorKind.InvalidOperation, e.Kind);
            Assert.Equal(0, stream.Length);
        }

        [Fact]
        public void A_column_named_like_an_output_is_refused_with_the_name_before_anything_is_written()
        {
            var iris = TestData.Iris();
            var names = new[] { "species_probabilities", "sepal_width", "petal_length", "petal_width", "species" };
            var table = new RawTable(names);
            for (int r = 0; r < iris.RowCount; r++) table.Add(Enumerable.Range(0, names.Length).Select(c => iris[r, c]).ToArray());
            var model = TestData.Train(table, new[] { "species" }, Precision.Double, Activation.Tanh, new[] { 3 }, epochs: 2);
            using var stream = new MemoryStream();
            var e = Assert.Throws<NeuralNetException>(() => OnnxExport.Write(model, stream, "1.0.0"));
            Assert.Equal("OnnxNameClash", e.ErrorId);
            Assert.Equal("species_probabilities", e.Column);
            Assert.Contains("Rename", e.Message);
            Assert.Equal(0, stream.Length);
        }
    }
}
