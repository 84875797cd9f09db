using Google.Protobuf;
using Onnx;

namespace NeuralNet.Core.Persistence.Onnx
{
    /// <summary>
    /// Appends nodes, constants, inputs and outputs to an ONNX graph (OnnxSharp's generated protobuf
    /// classes) and keeps every value name unique: a graph is in SSA form, so a name may be produced
    /// once. Inputs and outputs keep the names they are given (they are the consumer's interface);
    /// every intermediate value gets a fresh name from a hint, never one of the interface's names.
    /// </summary>
    internal sealed class GraphBuilder
    {
        /// <summary>The ai.onnx.ml domain, needed only for the one-hot encoding of string columns.</summary>
        public const string MlDomain = "ai.onnx.ml";

        private readonly HashSet<string> _names;
        private readonly HashSet<string> _interface;
        private readonly int[] _next;

        /// <param name="name">The graph's name.</param>
        /// <param name="interfaceNames">Every input and output name, known before the first node, so no intermediate value takes one.</param>
        public GraphBuilder(string name, IEnumerable<string> interfaceNames)
            : this(name, new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(interfaceNames, StringComparer.Ordinal), new int[1])
        {
        }

        private GraphBuilder(string name, HashSet<string> names, HashSet<string> interfaceNames, int[] next)
        {
            Graph = new GraphProto { Name = name };
            _names = names;
            _interface = interfaceNames;
            _next = next;
        }

        /// <summary>A builder for a subgraph (the body of a Scan) whose names stay unique across the whole model.</summary>
        public GraphBuilder Subgraph(string hint) => new GraphBuilder(Fresh(hint), _names, _interface, _next);

        public GraphProto Graph { get; }

        /// <summary>True once a node of the ai.onnx.ml domain was added, so the model must import it.</summary>
        public bool UsesMlDomain { get; private set; }

        /// <summary>
        /// Claims a name the consumer will see (a graph input or output). A clash between two such names
        /// (a column called like another column's output) cannot be renamed away, so it is an error.
        /// </summary>
        public void Reserve(string name, string what)
        {
            if (string.IsNullOrEmpty(name))
                throw new NeuralNetException("OnnxEmptyName", ErrorKind.InvalidOperation,
                    $"The {what} has an empty name, and an ONNX graph needs a name for every input and output. Retrain with named columns.");
            if (!_names.Add(name))
                throw new NeuralNetException("OnnxNameClash", ErrorKind.InvalidOperation,
                    $"The ONNX graph would have two inputs or outputs named '{name}' (the second is the {what}). " +
                    "Rename the column that clashes and retrain, so every input column and every output has its own name.",
                    column: name);
        }

        /// <summary>A fresh intermediate name based on <paramref name="hint"/>.</summary>
        public string Fresh(string hint)
        {
            string name;
            do name = hint + "_" + (_next[0]++).ToString(CultureInfo.InvariantCulture);
            while (_interface.Contains(name) || !_names.Add(name));
            return name;
        }

        /// <summary>A graph input of the given element type; a null dimension is the batch size "N".</summary>
        public void Input(string name, TensorProto.Types.DataType type, params long?[] dims) =>
            Graph.Input.Add(ValueInfo(name, type, dims));

        /// <summary>Declares an already produced (and reserved) value as a graph output.</summary>
        public void Output(string name, TensorProto.Types.DataType type, params long?[] dims) =>
            Graph.Output.Add(ValueInfo(name, type, dims));

        /// <summary>
        /// States an intermediate value's type and shape, for operators whose schema infers none (the
        /// ai.onnx.ml OneHotEncoder), so that strict shape inference (onnx.checker full_check) passes.
        /// </summary>
        public void Annotate(string name, TensorProto.Types.DataType type, params long?[] dims) =>
            Graph.ValueInfo.Add(ValueInfo(name, type, dims));

        /// <summary>Adds a node with one output, named <paramref name="output"/> or fresh from the operator's name; returns it.</summary>
        public string Node(string op, string[] inputs, string output = null, params AttributeProto[] attributes) =>
            Nodes(op, inputs, new[] { output ?? Fresh(op) }, null, attributes)[0];

        /// <summary>Adds a node of the ai.onnx.ml domain with one output.</summary>
        public string MlNode(string op, string[] inputs, params AttributeProto[] attributes)
        {
            UsesMlDomain = true;
            return Nodes(op, inputs, new[] { Fresh(op) }, MlDomain, attributes)[0];
        }

        /// <summary>Adds a node with several outputs (already named); returns them.</summary>
        public string[] Nodes(string op, string[] inputs, string[] outputs, string domain = null, params AttributeProto[] attributes)
        {
            var node = new NodeProto { OpType = op, Name = Fresh(op + "_node") };
            if (domain != null) node.Domain = domain;
            node.Input.AddRange(inputs);
            node.Output.AddRange(outputs);
            node.Attribute.AddRange(attributes);
            Graph.Node.Add(node);
            return outputs;
        }

        /// <summary>A float32 tensor holding one value, for attributes such as ConstantOfShape's value.</summary>
        public static TensorProto SingleValue(float value)
        {
            var tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
            tensor.Dims.Add(1);
            tensor.FloatData.Add(value);
            return tensor;
        }

        /// <summary>A constant double tensor (an initializer) of the given shape.</summary>
        public string Constant(string hint, double[] values, params long[] dims)
        {
            var tensor = Tensor(hint, TensorProto.Types.DataType.Double, dims);
            tensor.DoubleData.AddRange(values);
            return Add(tensor);
        }

        /// <summary>A constant float32 tensor: each double rounded to the nearest float, as the module's float32 products round their weights.</summary>
        public string ConstantSingle(string hint, double[] values, params long[] dims)
        {
            var tensor = Tensor(hint, TensorProto.Types.DataType.Float, dims);
            tensor.FloatData.AddRange(values.Select(v => (float)v));
            return Add(tensor);
        }

        public string Constant(string hint, long[] values, params long[] dims)
        {
            var tensor = Tensor(hint, TensorProto.Types.DataType.Int64, dims);
            tensor.Int64Data.AddRange(values);
            return Add(tensor);
        }

        /// <summary>A constant string tensor (UTF-8, as ONNX stores strings).</summary>
        public string Constant(string hint, string[] values, params long[] dims)
        {
            var tensor = Tensor(hint, TensorProto.Types.DataType.String, dims);
            tensor.StringData.AddRange(values.Select(ByteString.CopyFromUtf8));
            return Add(tensor);
        }

        /// <summary>The float64 constant 1.</summary>
        public string One() => Constant("one", new[] { 1.0 }, 1);

        /// <summary>a = z where z &gt; 0, else <paramref name="negative"/>: the module's <c>z &gt; 0 ? z : f(z)</c>.</summary>
        public string WherePositive(string z, string negative, string a) =>
            Node("Where", new[] { Node("Greater", new[] { z, Constant("zero", new[] { 0.0 }, 1) }), z, negative }, a);

        /// <summary>One softmax over the row, or, over several class targets, one per target's group of units (Split, Softmax each, Concat).</summary>
        public string Softmax(int[] groups, string z, string a)
        {
            if (groups == null) return Node("Softmax", new[] { z }, a, Attribute("axis", 1L));
            var widths = groups.Select(w => (long)w).ToArray();
            var parts = Nodes("Split", new[] { z, Constant("softmax_groups", widths, widths.Length) }, groups.Select(_ => Fresh("group")).ToArray(), null, Attribute("axis", 1L));
            var softmaxes = parts.Select(p => Node("Softmax", new[] { p }, null, Attribute("axis", 1L))).ToArray();
            return Node("Concat", softmaxes, a, Attribute("axis", 1L));
        }

        public static AttributeProto Attribute(string name, long value) =>
            new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

        public static AttributeProto Attribute(string name, float value) =>
            new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

        public static AttributeProto Attribute(string name, GraphProto graph) =>
            new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Graph, G = graph };

        public static AttributeProto Attribute(string name, TensorProto value) =>
            new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value };

        public static AttributeProto Attribute(string name, string[] values)
        {
            var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
            attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
            return attribute;
        }

        private TensorProto Tensor(string hint, TensorProto.Types.DataType type, long[] dims)
        {
            var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)type };
            tensor.Dims.AddRange(dims);
            return tensor;
        }

        private string Add(TensorProto tensor)
        {
            Graph.Initializer.Add(tensor);
            return tensor.Name;
        }

        private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long?[] dims)
        {
            var shape = new TensorShapeProto();
            shape.Dim.AddRange(dims.Select(d => d.HasValue
                ? new TensorShapeProto.Types.Dimension { DimValue = d.Value }
                : new TensorShapeProto.Types.Dimension { DimParam = "N" }));
            return new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
            };
        }
    }
}
