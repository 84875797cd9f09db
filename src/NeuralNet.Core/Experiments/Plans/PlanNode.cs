using NeuralNet.Core.Persistence;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// A value of a parsed plan or task-result file with its place in it, so a damaged file says which
    /// file and which property ("plan.json, configurations[3].index") is wrong and how to fix it.
    /// </summary>
    internal readonly struct PlanNode
    {
        private readonly object _value;
        private readonly string _file;

        public PlanNode(object value, string path, string file)
        {
            _value = value;
            Path = path;
            _file = file;
        }

        /// <summary>Parses a whole file's text; a syntax error is <see cref="Invalid"/> quoting the parser.</summary>
        public static PlanNode Parse(string text, string file)
        {
            try
            {
                return new PlanNode(Json.Parse(text), "", file);
            }
            catch (FormatException e)
            {
                throw Invalid(file, e.Message);
            }
        }

        public string Path { get; }

        public object Value => _value;

        public bool IsNull => _value == null;

        public PlanNode Field(string name)
        {
            if (!(_value is JsonObject obj)) throw Error("an object");
            if (!obj.TryGetValue(name, out var value)) throw Invalid(_file, $"the property '{Child(name)}' is missing");
            return new PlanNode(value, Child(name), _file);
        }

        public IEnumerable<KeyValuePair<string, PlanNode>> Properties()
        {
            if (!(_value is JsonObject obj)) throw Error("an object");
            var path = Path;
            var file = _file;
            return obj.Select(p => new KeyValuePair<string, PlanNode>(p.Key, new PlanNode(p.Value, (path.Length == 0 ? "" : path + ".") + p.Key, file)));
        }

        public JsonObject Object() => _value as JsonObject ?? throw Error("an object");

        public IReadOnlyList<PlanNode> Items()
        {
            if (!(_value is List<object> list)) throw Error("an array");
            var path = Path;
            var file = _file;
            return list.Select((v, i) => new PlanNode(v, $"{path}[{i}]", file)).ToList();
        }

        public string String() => _value as string ?? throw Error("a string");

        public bool Bool() => _value is bool b ? b : throw Error("true or false");

        public double Number() => _value is double d ? d : throw Error("a number");

        public int Int(int min = int.MinValue, int max = int.MaxValue)
        {
            if (!(_value is double d) || d != Math.Floor(d) || d < min || d > max)
                throw Error(string.Format(CultureInfo.InvariantCulture, "a whole number from {0} to {1}", min, max));
            return (int)d;
        }

        public int? NullableInt(int min = int.MinValue, int max = int.MaxValue) => IsNull ? (int?)null : Int(min, max);

        public T Enum<T>() where T : struct
        {
            var text = String();
            if (char.IsDigit(text[0]) || !System.Enum.TryParse(text, true, out T value) || !System.Enum.IsDefined(typeof(T), value))
                throw Error("one of " + string.Join(", ", System.Enum.GetNames(typeof(T))));
            return value;
        }

        public NeuralNetException Error(string expected) => Invalid(_file, $"expected {expected} at '{(Path.Length == 0 ? "the top level" : Path)}'");

        private string Child(string name) => Path.Length == 0 ? name : Path + "." + name;

        public static NeuralNetException Invalid(string file, string problem) =>
            new NeuralNetException("InvalidExperimentPlan", ErrorKind.InvalidData,
                $"'{file}' is not a valid experiment plan file: {problem}. Plan files are written by Invoke-NetworkExperiment -PlanPath and its tasks; write the plan again rather than editing it.");
    }
}
