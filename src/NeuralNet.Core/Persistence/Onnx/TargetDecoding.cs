using static NeuralNet.Core.Persistence.Onnx.GraphBuilder;
using DataType = Onnx.TensorProto.Types.DataType;

namespace NeuralNet.Core.Persistence.Onnx
{
    /// <summary>
    /// The graph's outputs, decoded from the network output as DataSchema.Decode does, per target:
    /// a class target gives "&lt;target&gt;" (the label, string [N]: ArgMax, first maximum on ties, then
    /// Gather from the class names) and "&lt;target&gt;_probabilities" ([N, classes] in class order; one
    /// sigmoid output p becomes (1 − p, p)); a numeric target gives "&lt;target&gt;" ([N, 1] in its own
    /// units: y'·scale + offset). A network trained on matrices has one output "output", its raw outputs.
    /// Probabilities and numbers are float64, computed in float64 as the module computes them.
    /// </summary>
    internal static class TargetDecoding
    {
        public const string MatrixOutput = "output";

        public const string ProbabilitiesSuffix = "_probabilities";

        /// <summary>The names of the graph's outputs.</summary>
        public static IEnumerable<string> OutputNames(ExportedModel model) =>
            !model.HasSchema ? new[] { MatrixOutput }
            : model.Targets.SelectMany(t => t.IsClassification ? new[] { t.Name, t.Name + ProbabilitiesSuffix } : new[] { t.Name });

        public static void Add(GraphBuilder graph, ExportedModel model, string output)
        {
            if (!model.HasSchema)
            {
                Publish(graph, output, MatrixOutput, "network output", model.OutputWidth);
                return;
            }

            var targets = model.Targets;
            var slices = targets.Length == 1 ? new[] { output }
                : graph.Nodes("Split", new[] { output, graph.Constant("target_widths", targets.Select(t => (long)t.Width).ToArray(), targets.Length) },
                    targets.Select(t => graph.Fresh("target")).ToArray(), null, Attribute("axis", 1L));
            for (int t = 0; t < targets.Length; t++)
            {
                var target = targets[t];
                if (target.IsClassification) Classes(graph, target, slices[t]);
                else Number(graph, target, slices[t]);
            }
        }

        private static void Number(GraphBuilder graph, ExportedTarget target, string value)
        {
            if (target.Scale != 1.0) value = graph.Node("Mul", new[] { value, graph.Constant("target_scale", new[] { target.Scale }, 1) });
            if (target.Offset != 0.0) value = graph.Node("Add", new[] { value, graph.Constant("target_offset", new[] { target.Offset }, 1) });
            Publish(graph, value, target.Name, $"prediction of target '{target.Name}'", 1);
        }

        private static void Classes(GraphBuilder graph, ExportedTarget target, string value)
        {
            var probabilities = value;
            if (target.SingleOutputBinary)
            {
                var complement = graph.Node("Sub", new[] { graph.Constant("one", new[] { 1.0 }, 1), value });
                probabilities = graph.Node("Concat", new[] { complement, value }, null, Attribute("axis", 1L));
            }
            // The label is chosen from the float64 probabilities, as the module chooses it.
            var best = graph.Node("ArgMax", new[] { probabilities }, null, Attribute("axis", 1L), Attribute("keepdims", 0L));
            graph.Reserve(target.Name, $"label of target '{target.Name}'");
            graph.Node("Gather", new[] { graph.Constant("classes", target.Classes, target.Classes.Length), best }, target.Name, Attribute("axis", 0L));
            graph.Output(target.Name, DataType.String, (long?)null);
            Publish(graph, probabilities, target.Name + ProbabilitiesSuffix, $"probabilities of target '{target.Name}'", target.Classes.Length);
        }

        /// <summary>Names a float64 value as a graph output.</summary>
        private static void Publish(GraphBuilder graph, string value, string name, string what, int width)
        {
            graph.Reserve(name, what);
            graph.Node("Identity", new[] { value }, name);
            graph.Output(name, DataType.Double, null, width);
        }
    }
}
