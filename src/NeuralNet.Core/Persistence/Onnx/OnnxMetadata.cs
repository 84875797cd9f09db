using NeuralNet.Core.Data;

namespace NeuralNet.Core.Persistence.Onnx
{
    /// <summary>
    /// The model's metadata_props: what a consumer may want to know without reading the graph. Lists
    /// are JSON arrays of strings, since column names may hold commas.
    /// </summary>
    internal static class OnnxMetadata
    {
        public static IEnumerable<KeyValuePair<string, string>> For(ExportedModel model, string moduleVersion, UnknownCategoryPolicy unknownCategory)
        {
            yield return Entry("moduleVersion", moduleVersion ?? "");
            // Double: float64 throughout. Single: float32 products (summed in the module's order) between
            // float64 inputs, bias, activations, decoding and outputs, as the module computes.
            yield return Entry("precision", model.Single ? "Single" : "Double");
            // The graph's inputs in the network's order; empty for a network trained on matrices, whose
            // single input is "input".
            yield return Entry("features", JsonArray(model.HasSchema ? model.Features.Select(f => f.Name) : new string[0]));
            yield return Entry("targets", JsonArray(model.HasSchema ? model.Targets.Select(t => t.Name) : new string[0]));
            if (model.HasSchema && model.Features.Any(f => f.IsCategorical))
                yield return Entry("unknownCategory", unknownCategory.ToString());
        }

        private static KeyValuePair<string, string> Entry(string key, string value) => new KeyValuePair<string, string>(key, value);

        private static string JsonArray(IEnumerable<string> values) => "[" + string.Join(",", values.Select(Json.Quote)) + "]";
    }
}
