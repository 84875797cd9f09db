using static NeuralNet.Core.Persistence.Onnx.GraphBuilder;
using DataType = Onnx.TensorProto.Types.DataType;

using NeuralNet.Core.Activations;

namespace NeuralNet.Core.Persistence.Onnx
{
    /// <summary>
    /// The dense layers, computed as the module computes them (Network.Forward): z = x·W as MatMul,
    /// then + b as Add, then the activation, all in float64. For a Single network each product runs
    /// in float32 instead (<see cref="SingleProduct"/>), on inputs and weights rounded to float32 and
    /// widened back after, while bias and activation stay in float64, as the module's float32 path does.
    /// </summary>
    internal static class LayerStack
    {
        /// <summary>Adds every layer to the graph; returns the float64 [N, outputs] network output.</summary>
        public static string Add(GraphBuilder graph, ExportedModel model, string x)
        {
            for (int l = 0; l < model.Layers.Length; l++)
            {
                var layer = model.Layers[l];
                string product;
                if (model.Single)
                {
                    var narrow = graph.Node("Cast", new[] { x }, null, Attribute("to", (long)DataType.Float));
                    var single = SingleProduct.Add(graph, narrow, layer.Weights, layer.Inputs, layer.Units, $"W{l + 1}");
                    product = graph.Node("Cast", new[] { single }, null, Attribute("to", (long)DataType.Double));
                }
                else
                {
                    product = graph.Node("MatMul", new[] { x, graph.Constant($"W{l + 1}", layer.Weights, layer.Inputs, layer.Units) });
                }
                var z = layer.Bias == null ? product
                    : graph.Node("Add", new[] { product, graph.Constant($"b{l + 1}", layer.Bias, layer.Units) }, graph.Fresh($"layer{l + 1}_z"));
                x = Activate(graph, layer, z, graph.Fresh($"layer{l + 1}_a"));
            }
            return x;
        }

        /// <summary>The layer's activation, computed in float64 by the module's own formula and parameters (each activation's <c>ToOnnx</c>).</summary>
        private static string Activate(GraphBuilder graph, ExportedLayer layer, string z, string a) => layer.Activation.Function().ToOnnx(graph, layer, z, a);
    }
}
