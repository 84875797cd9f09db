using NeuralNet.Core.Model;

namespace NeuralNet.Core.Persistence
{
    /// <summary>
    /// A value of a parsed model file with its path, so every check names where it failed, as in
    /// "network.layers[1].weights[7]". Lengths are checked against shapes before anything of that
    /// length is allocated.
    /// </summary>
    internal readonly struct DocumentNode
    {
        private readonly object _value;
        private readonly string _source;

        public DocumentNode(object value, string path, string source)
        {
            _value = value;
            Path = path.Length == 0 ? "the top level" : path;
            _source = source;
        }

        public string Path { get; }

        public bool IsNull => _value == null;

        public object Value => _value;

        public DocumentNode Field(string name)
        {
            if (!(_value is JsonObject obj)) throw Error("an object");
            if (!obj.TryGetValue(name, out var value)) throw ModelFile.Invalid(_source, $"the property '{name}' is missing (at {Path})");
            return new DocumentNode(value, Path == "the top level" ? name : Path + "." + name, _source);
        }

        /// <summary>The property, or a null node when it is absent (for properties added in later releases of the same format version).</summary>
        public DocumentNode OptionalField(string name)
        {
            if (!(_value is JsonObject obj)) throw Error("an object");
            obj.TryGetValue(name, out var value);
            return new DocumentNode(value, Path == "the top level" ? name : Path + "." + name, _source);
        }

        public IEnumerable<DocumentNode> Items()
        {
            if (!(_value is List<object> list)) throw Error("an array");
            var path = Path;
            var source = _source;
            return list.Select((v, i) => new DocumentNode(v, $"{path}[{i}]", source));
        }

        public string String() => _value as string ?? throw Error("a string");

        public bool Bool() => _value is bool b ? b : throw Error("true or false");

        public double Number() => _value is double d ? d : throw Error("a number");

        /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>.</summary>
        public double Number(double min, double max)
        {
            double d = Number();
            if (d < min || d > max)
                throw Error(max == double.MaxValue ? (min == 0 ? "a number of at least 0" : "a number greater than 0") : $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
            return d;
        }

        /// <summary>An array of exactly <paramref name="length"/> items, checked before the caller allocates that many.</summary>
        public void RequireLength(long length)
        {
            if (!(_value is List<object> list)) throw Error("an array of numbers");
            if (list.Count != length)
                throw ModelFile.Invalid(_source, string.Format(CultureInfo.InvariantCulture, "{0} values where the shape needs {1} (at {2})", list.Count, length, Path));
        }

        public int Int(int min, int max)
        {
            if (!(_value is double d) || d != Math.Floor(d) || d < min || d > max)
                throw Error(min == 1 && max == NeuralNetworkModel.MaxLayerSize ? $"a whole number from 1 to {max}" : "a whole number in range");
            return (int)d;
        }

        public int? NullableInt(int min, int max) => IsNull ? (int?)null : Int(min, max);

        public T Enum<T>() where T : struct
        {
            var text = String();
            if (!System.Enum.TryParse(text, true, out T value) || !System.Enum.IsDefined(typeof(T), value) || char.IsDigit(text[0]))
                throw Error($"one of {string.Join(", ", System.Enum.GetNames(typeof(T)))}");
            return value;
        }

        /// <summary>Copies a numeric array of exactly <paramref name="into"/>'s length.</summary>
        public void Numbers(double[] into)
        {
            RequireLength(into.Length);
            var list = (List<object>)_value;
            for (int i = 0; i < list.Count; i++)
            {
                if (!(list[i] is double d)) throw ModelFile.Invalid(_source, $"a value that is not a finite number (at {Path}[{i}])");
                into[i] = d;
            }
        }

        /// <summary>Category or class labels: strings, each once (labels are told apart exactly, case included).</summary>
        public string[] Labels()
        {
            var labels = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in Items())
            {
                var label = item.String();
                if (!seen.Add(label)) throw item.Error($"each label once, but '{label}' appears twice");
                labels.Add(label);
            }
            return labels.ToArray();
        }

        public NeuralNetException Error(string expected) => ModelFile.Invalid(_source, $"expected {expected} (at {Path})");
    }
}
