using static NeuralNet.Core.Persistence.Onnx.GraphBuilder;
using DataType = Onnx.TensorProto.Types.DataType;

namespace NeuralNet.Core.Persistence.Onnx
{
    /// <summary>
    /// The graph's inputs and the encoding of a row into network inputs, as the data schema does it:
    /// one input per original column, [N, 1], float64 for a number (the module reads numbers as
    /// doubles and scales them in double before a Single network rounds them to float32, so a float32
    /// input would round them once too often) and string for a category. A categorical column is
    /// one-hot encoded over its training categories (ai.onnx.ml OneHotEncoder, in the schema's
    /// category order); every column is joined in schema order and scaled with Sub/Div of the stored
    /// offsets and scales, in float64 like the module. A network trained on matrices has no schema:
    /// its one input "input" [N, inputs] goes in unchanged.
    /// </summary>
    internal static class FeatureEncoding
    {
        public const string MatrixInput = "input";

        /// <summary>The names of the graph's inputs.</summary>
        public static IEnumerable<string> InputNames(ExportedModel model) =>
            model.HasSchema ? model.Features.Select(f => f.Name) : new[] { MatrixInput };

        /// <summary>Adds the inputs and their encoding; returns the float64 [N, inputs] tensor the first layer reads.</summary>
        /// <param name="graph">The graph being built.</param>
        /// <param name="model">The network being exported.</param>
        /// <param name="ignoreUnknownCategories">True to encode a category training never saw as all zeros, false to fail the run.</param>
        public static string Add(GraphBuilder graph, ExportedModel model, bool ignoreUnknownCategories)
        {
            if (!model.HasSchema)
            {
                graph.Reserve(MatrixInput, "network input");
                graph.Input(MatrixInput, DataType.Double, null, model.InputWidth);
                return MatrixInput;
            }

            var encoded = new List<string>();
            foreach (var feature in model.Features)
            {
                graph.Reserve(feature.Name, $"input column '{feature.Name}'");
                if (!feature.IsCategorical)
                {
                    graph.Input(feature.Name, DataType.Double, null, 1);
                    encoded.Add(feature.Name);
                    continue;
                }
                graph.Input(feature.Name, DataType.String, null, 1);
                // [N, 1] strings → [N, 1, C] floats: zeros = 1 writes all zeros for an unknown
                // category (the module's -UnknownCategory Ignore), zeros = 0 makes the run fail (Error).
                var oneHot = graph.MlNode("OneHotEncoder", new[] { feature.Name },
                    Attribute("cats_strings", feature.Categories), Attribute("zeros", ignoreUnknownCategories ? 1L : 0L));
                graph.Annotate(oneHot, DataType.Float, null, 1, feature.Categories.Length);
                var flat = graph.Node("Flatten", new[] { oneHot }, null, Attribute("axis", 1L));
                encoded.Add(graph.Node("Cast", new[] { flat }, null, Attribute("to", (long)DataType.Double)));
            }
            var x = encoded.Count == 1 ? encoded[0] : graph.Node("Concat", encoded.ToArray(), null, Attribute("axis", 1L));

            // Categories are not scaled: offset 0 and scale 1 leave their 0/1 exactly as they are.
            var offsets = model.Features.SelectMany(f => Enumerable.Repeat(f.IsCategorical ? 0.0 : f.Offset, f.Width)).ToArray();
            var scales = model.Features.SelectMany(f => Enumerable.Repeat(f.IsCategorical ? 1.0 : f.Scale, f.Width)).ToArray();
            if (offsets.Any(o => o != 0.0))
                x = graph.Node("Sub", new[] { x, graph.Constant("offsets", offsets, offsets.Length) });
            if (scales.Any(s => s != 1.0))
                x = graph.Node("Div", new[] { x, graph.Constant("scales", scales, scales.Length) }, graph.Fresh("scaled"));
            return x;
        }
    }
}
