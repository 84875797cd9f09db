using Onnx;

namespace NeuralNet.Core.Persistence.Onnx
{
    /// <summary>
    /// A value of a small graph written as the expression that computes it, such as
    /// <c>Div(1, Add(1, Exp(Neg(z))))</c>: how help shows the nodes an activation exports as, taken from
    /// the exporter itself so the two cannot disagree.
    /// </summary>
    internal static class NodeExpression
    {
        /// <summary>The nodes <paramref name="function"/> exports as, for one softmax over the row, applied to z.</summary>
        public static string Of(Activations.ActivationFunction function)
        {
            var graph = new GraphBuilder("activation", new[] { "z", "a" });
            function.ToOnnx(graph, new ExportedLayer(0, 0, function.Kind, null, null, null), "z", "a");
            return Of(graph.Graph, "a");
        }

        /// <summary>The expression of <paramref name="value"/>: an operator of its inputs, a constant's values, or an input's name.</summary>
        public static string Of(GraphProto graph, string value)
        {
            var node = graph.Node.FirstOrDefault(n => n.Output.Contains(value));
            if (node != null)
            {
                var arguments = node.Input.Select(input => Of(graph, input))
                    .Concat(node.Attribute.Select(a => a.Name + " = " + (a.Type == AttributeProto.Types.AttributeType.Int ? a.I.ToString(CultureInfo.InvariantCulture) : a.F.ToString("R", CultureInfo.InvariantCulture))));
                return node.OpType + "(" + string.Join(", ", arguments) + ")";
            }
            var constant = graph.Initializer.FirstOrDefault(t => t.Name == value);
            if (constant == null) return value;
            var numbers = constant.DoubleData.Select(d => d.ToString("R", CultureInfo.InvariantCulture));
            return constant.DoubleData.Count == 1 ? numbers.First() : "[" + string.Join(", ", numbers) + "]";
        }
    }
}
