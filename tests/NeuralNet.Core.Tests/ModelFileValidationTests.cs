using System;
using System.Linq;
using System.Text;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Persistence;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// What a damaged or hostile network file (or a ModelJson from CliXml or remoting) is refused for:
    /// declared sizes checked before anything of that size is allocated, and values that would load
    /// silently and then predict nonsense. Each case names the property at fault.
    /// </summary>
    public class ModelFileValidationTests
    {
        /// <summary>A 4-3-1 network with a schema: numeric a and b, categorical c (red, blue), class target y (no, yes), one epoch of history.</summary>
        private static string ValidDocument()
        {
            var model = NeuralNetworkModel.Create(new NetworkSpec(inputSize: 4, hiddenSizes: new[] { 3 }, outputSize: 1, hiddenActivation: Activation.ReLU, outputActivation: Activation.Sigmoid, hasBias: true, seed: 1));
            model.Schema = new DataSchema(
                new FeatureColumn[]
                {
                    new NumericFeature("a", 1, 2, 1),
                    new NumericFeature("b", 0, 1, 0),
                    new CategoricalFeature("c", new[] { "red", "blue" }, "red"),
                },
                new TargetColumn[] { new ClassTarget("y", new[] { "no", "yes" }, oneSigmoid: true) },
                Scaling.Standard, MissingValuePolicy.Error);
            model.AppendHistory(new EpochRecord(1, 0.5, null, null, null, null, 0.01, TimeSpan.FromSeconds(1.5), false));
            return ModelFile.Write(model, "1.0.0", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        private static NeuralNetException Refused(string document) => Assert.Throws<NeuralNetException>(() => ModelFile.Read(document, "net.json"));

        private static string Changed(string from, string to)
        {
            var document = ValidDocument();
            Assert.Contains(from, document);
            return document.Replace(from, to);
        }

        /// <summary>A document of bare layers (no schema): sizes as declared, and as many weights as given.</summary>
        private static string Layers(int inputs, int hidden, int weightsGiven)
        {
            string Zeros(long n) => "[" + string.Join(", ", new string('0', (int)n).ToCharArray()) + "]";
            return "{\"format\": \"NeuralNet.PowerShell network\", \"formatVersion\": 1, \"moduleVersion\": \"1.0.0\", \"created\": \"2026-01-01T00:00:00.000Z\"," +
                $"\"network\": {{\"inputSize\": {inputs}, \"hiddenSizes\": [{hidden}], \"outputSize\": 1, \"hiddenActivation\": \"ReLU\", \"outputActivation\": \"Identity\"," +
                "\"hasBias\": false, \"seed\": 1, \"weightInit\": \"Auto\", \"layers\": [" +
                $"{{\"inputs\": {inputs}, \"units\": {hidden}, \"activation\": \"ReLU\", \"softmaxGroups\": null, \"weights\": {Zeros(weightsGiven)}, \"bias\": null}}," +
                $"{{\"inputs\": {hidden}, \"units\": 1, \"activation\": \"Identity\", \"softmaxGroups\": null, \"weights\": {Zeros(hidden)}, \"bias\": null}}]}}," +
                "\"schema\": null, \"training\": null, \"history\": []}";
        }

        private static long AllocatedWhile(Action action)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        [Fact]
        public void The_valid_document_of_these_tests_loads()
        {
            var model = ModelFile.Read(ValidDocument(), "net.json");
            Assert.Equal(3, model.Schema.Features.Count);
            Assert.Equal(TimeSpan.FromSeconds(1.5), model.History[0].Elapsed);
        }

        [Fact]
        public void A_million_by_a_thousand_layer_with_twenty_weights_is_refused_for_its_size_before_anything_is_allocated()
        {
            var document = Layers(1_000_000, 1000, 20);
            NeuralNetException error = null;
            long allocated = AllocatedWhile(() => error = Refused(document));
            Assert.Equal("ModelFileInvalid", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, error.Kind);
            Assert.Contains("'net.json'", error.Message);
            Assert.Contains("1,000,001,000 parameters (8,000,008,000 bytes", error.Message);
            Assert.Contains("33,554,432 parameters", error.Message);
            Assert.True(allocated < 16 << 20, $"{allocated} bytes allocated while refusing the file");
        }

        [Fact]
        public void A_weights_array_shorter_than_its_shape_is_refused_before_the_layer_is_allocated()
        {
            // 5000 × 5000 is under the cap (25 M weights, 200 MB): only the length check can stop it.
            var document = Layers(5000, 5000, 20);
            NeuralNetException error = null;
            long allocated = AllocatedWhile(() => error = Refused(document));
            Assert.Equal("ModelFileInvalid", error.ErrorId);
            Assert.Contains("20 values where the shape needs 25000000 (at network.layers[0].weights)", error.Message);
            Assert.True(allocated < 16 << 20, $"{allocated} bytes allocated while refusing the file");
        }

        [Fact]
        public void Hidden_sizes_too_large_for_any_network_are_refused_even_without_layers()
        {
            var document = Changed("\"hiddenSizes\": [3]", "\"hiddenSizes\": [1000000, 1000000]").Replace("\"inputSize\": 4", "\"inputSize\": null");
            var error = Refused(document);
            Assert.Equal("ModelFileInvalid", error.ErrorId);
            Assert.Contains("at least 1,000,00", error.Message);
            Assert.Contains("(at network)", error.Message);
        }

        [Theory]
        [InlineData("1e300")]
        [InlineData("-1")]
        public void An_elapsed_time_no_TimeSpan_holds_is_refused(string seconds)
        {
            var error = Refused(Changed("\"elapsedSeconds\": 1.5", "\"elapsedSeconds\": " + seconds));
            Assert.Equal("ModelFileInvalid", error.ErrorId);
            Assert.Contains("a number from 0 to 900000000000 (at history[0].elapsedSeconds)", error.Message);
        }

        [Theory]
        [InlineData("\"name\": \"b\"", "\"name\": \"a\"", "schema.features[1].name", "'a' is also the name at schema.features[0].name (at")]
        [InlineData("\"name\": \"b\"", "\"name\": \"A\"", "schema.features[1].name", "'A' is also the name at schema.features[0].name ('a'; names are matched ignoring case)")]
        [InlineData("\"name\": \"y\"", "\"name\": \"c\"", "schema.targets[0].name", "'c' is also the name at schema.features[2].name (at")]
        [InlineData("\"classes\": [\"no\", \"yes\"]", "\"classes\": [\"no\", \"no\"]", "schema.targets[0].classes[1]", "'no' appears twice")]
        [InlineData("\"categories\": [\"red\", \"blue\"]", "\"categories\": [\"red\", \"red\"]", "schema.features[2].categories[1]", "'red' appears twice")]
        [InlineData("\"mostFrequent\": \"red\"", "\"mostFrequent\": \"green\"", "schema.features[2].mostFrequent", "one of the column's categories")]
        [InlineData("\"scale\": 2", "\"scale\": 1e-320", "schema.features[0].scale", "a scale from 1e-300 to 1e300")]
        [InlineData("\"scale\": 2", "\"scale\": -2", "schema.features[0].scale", "a scale from 1e-300 to 1e300")]
        [InlineData("\"scale\": 1\n", "\"scale\": 1e301\n", "schema.targets[0].scale", "a scale from 1e-300 to 1e300")]
        [InlineData("\"learningRate\": null", "\"learningRate\": -0.1", "training.learningRate", "at least 0")]
        [InlineData("\"classes\": [\"no\", \"yes\"]", "\"classes\": [\"no\", \"\\ud800\"]", "schema.targets[0].classes[1]", "lone surrogate")]
        public void Values_that_would_load_silently_and_mislead_are_refused_naming_the_property(string from, string to, string path, string reason)
        {
            var document = from.StartsWith("\"learningRate\"") ? ValidDocumentWithTraining() : ValidDocument();
            Assert.Contains(from, document);
            var error = Assert.Throws<NeuralNetException>(() => ModelFile.Read(document.Replace(from, to), "net.json"));
            Assert.Equal("ModelFileInvalid", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, error.Kind);
            Assert.Contains("'net.json' is not a valid network file", error.Message);
            Assert.Contains(path, error.Message);
            Assert.Contains(reason, error.Message);
        }

        private static string ValidDocumentWithTraining() =>
            ValidDocument().Replace("\"training\": null", "\"training\": {\"epochs\": 1, \"learningRate\": null, \"batchSize\": null, \"loss\": null, \"optimizer\": null, " +
                "\"nesterov\": false, \"l2\": 0, \"shuffle\": false, \"seed\": null, \"patience\": null, \"minDelta\": 0, \"autoReduceLearningRate\": false, " +
                "\"schedule\": \"Constant\", \"scheduleStep\": 10, \"scheduleFactor\": 0.5}");

        [Fact]
        public void A_byte_that_is_not_UTF8_is_refused_naming_its_offset_line_and_property()
        {
            var bytes = Encoding.UTF8.GetBytes(ValidDocument().Replace("\"name\": \"b\"", "\"name\": \"b?\""));
            int at = IndexOf(bytes, Encoding.UTF8.GetBytes("b?\"")) + 1;
            bytes[at] = 0xFF;
            var error = Assert.Throws<NeuralNetException>(() => ModelFile.Read(bytes, "net.json"));
            Assert.Equal("ModelFileInvalid", error.ErrorId);
            Assert.Contains($"byte {at} (0xFF, line ", error.Message);
            Assert.Contains(", in schema.features[1].name) is not valid UTF-8 text", error.Message);
        }

        [Fact]
        public void UTF8_with_or_without_a_byte_order_mark_and_UTF16_with_one_all_load()
        {
            var text = ValidDocument();
            var utf8 = Encoding.UTF8.GetBytes(text);
            var withMark = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(utf8);
            var utf16 = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(text));
            foreach (var bytes in new[] { utf8, withMark, utf16 })
                Assert.Equal(new[] { "a", "b", "c" }, ModelFile.Read(bytes, "net.json").Schema.Features.Select(f => f.Name).ToArray());
        }

        [Fact]
        public void A_malformed_value_is_located_by_its_property_path_as_well_as_line_and_column()
        {
            var document = Changed("\"elapsedSeconds\": 1.5", "\"elapsedSeconds\": 1.5.5");
            var error = Refused(document);
            Assert.Contains("malformed JSON at line", error.Message);
            Assert.Contains(", in history[0].elapsedSeconds: expected", error.Message);
        }

        [Fact]
        public void The_path_at_the_end_of_a_cut_off_document_names_the_value_being_read()
        {
            Assert.Equal("network.layers[1].weights[2]", Json.PathAtEnd("{\"network\": {\"layers\": [{}, {\"weights\": [1, 2, 3"));
            Assert.Equal("schema.features[0].name", Json.PathAtEnd("{\"schema\": {\"features\": [{\"name\": \"ab"));
            Assert.Null(Json.PathAtEnd("  "));
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }
    }

    internal static class ByteArrays
    {
        public static byte[] Concat(this byte[] first, byte[] second)
        {
            var all = new byte[first.Length + second.Length];
            first.CopyTo(all, 0);
            second.CopyTo(all, first.Length);
            return all;
        }
    }
}
