using System.Linq;
using static NeuralNet.Core.Persistence.Onnx.GraphBuilder;
using DataType = Onnx.TensorProto.Types.DataType;

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

        /// <summary>
        /// The layer's activation, computed in float64 by the module's own formula and parameters
        /// (Activations.LeakyReLUSlope, ELUAlpha). Three are spelled out in primitive operators:
        /// ONNX Runtime's float64 Sigmoid computes 1 − 1/(1 + e^−|z|) for negative z, which loses the
        /// relative precision of small probabilities (5% at z = −35), so it is 1 / (1 + Exp(−z)) here;
        /// LeakyRelu's slope is a float32 attribute, which cannot hold 0.01; and ONNX Runtime has no
        /// float64 Elu. Where(z &gt; 0, z, …) reproduces the module's branch exactly.
        /// </summary>
        private static string Activate(GraphBuilder graph, ExportedLayer layer, string z, string a)
        {
            switch (layer.Activation)
            {
                case Activation.Sigmoid:
                    var exp = graph.Node("Exp", new[] { graph.Node("Neg", new[] { z }) });
                    return graph.Node("Div", new[] { One(graph), graph.Node("Add", new[] { One(graph), exp }) }, a);
                case Activation.Tanh: return graph.Node("Tanh", new[] { z }, a);
                case Activation.ReLU: return graph.Node("Relu", new[] { z }, a);
                case Activation.LeakyReLU:
                    return WherePositive(graph, z, graph.Node("Mul", new[] { z, graph.Constant("leaky_slope", new[] { Activations.LeakyReLUSlope }, 1) }), a);
                case Activation.ELU:
                    var expm1 = graph.Node("Sub", new[] { graph.Node("Exp", new[] { z }), One(graph) });
                    return WherePositive(graph, z, graph.Node("Mul", new[] { expm1, graph.Constant("elu_alpha", new[] { Activations.ELUAlpha }, 1) }), a);
                case Activation.Identity: return graph.Node("Identity", new[] { z }, a);
                case Activation.Softmax: return Softmax(graph, layer, z, a);
                default:
                    throw new NeuralNetException("OnnxUnsupportedActivation", ErrorKind.InvalidOperation,
                        $"The activation {layer.Activation} has no ONNX counterpart in this exporter, so the network cannot be exported to ONNX. " +
                        "Export it as JSON instead (Export-NeuralNetwork without -Format Onnx).");
            }
        }

        /// <summary>a = z where z &gt; 0, else <paramref name="negative"/>: the module's <c>z &gt; 0 ? z : f(z)</c>.</summary>
        private static string WherePositive(GraphBuilder graph, string z, string negative, string a) =>
            graph.Node("Where", new[] { graph.Node("Greater", new[] { z, graph.Constant("zero", new[] { 0.0 }, 1) }), z, negative }, a);

        private static string One(GraphBuilder graph) => graph.Constant("one", new[] { 1.0 }, 1);

        /// <summary>One softmax over the row, or, over several class targets, one per target's group of units (Split, Softmax each, Concat).</summary>
        private static string Softmax(GraphBuilder graph, ExportedLayer layer, string z, string a)
        {
            if (layer.SoftmaxGroups == null) return graph.Node("Softmax", new[] { z }, a, Attribute("axis", 1L));
            var widths = layer.SoftmaxGroups.Select(w => (long)w).ToArray();
            var parts = graph.Nodes("Split", new[] { z, graph.Constant("softmax_groups", widths, widths.Length) },
                layer.SoftmaxGroups.Select(_ => graph.Fresh("group")).ToArray(), null, Attribute("axis", 1L));
            var softmaxes = parts.Select(p => graph.Node("Softmax", new[] { p }, null, Attribute("axis", 1L))).ToArray();
            return graph.Node("Concat", softmaxes, a, Attribute("axis", 1L));
        }
    }
}
