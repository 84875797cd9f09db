namespace NeuralNet.Core.Persistence
{
    /// <summary>Indented JSON output for model files: objects and arrays one member per line, numeric arrays on one line.</summary>
    internal sealed class DocumentWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private readonly Stack<bool> _first = new Stack<bool>();

        public void Open(char bracket)
        {
            _text.Append(bracket);
            _first.Push(true);
        }

        public void Close(char bracket)
        {
            _first.Pop();
            _text.Append('\n').Append(' ', _first.Count * 2).Append(bracket);
        }

        private void Separate()
        {
            if (!_first.Pop()) _text.Append(',');
            _first.Push(false);
            _text.Append('\n').Append(' ', _first.Count * 2);
        }

        public void Name(string name)
        {
            Separate();
            _text.Append(Json.Quote(name)).Append(": ");
        }

        public void Property(string name, string rawValue)
        {
            Name(name);
            _text.Append(rawValue);
        }

        public void Item() => Separate();

        /// <summary>An optional part of the file: "name": null for a null <paramref name="value"/> (false), else "name": { opened (true).</summary>
        public bool OpenObject(string name, object value)
        {
            if (value == null)
            {
                Property(name, "null");
                return false;
            }
            Name(name);
            Open('{');
            return true;
        }

        /// <summary>"name": [ one object per item, each written by <paramref name="write"/> ].</summary>
        public void Objects<T>(string name, IEnumerable<T> items, Action<T> write)
        {
            Name(name);
            Open('[');
            foreach (var item in items)
            {
                Item();
                Open('{');
                write(item);
                Close('}');
            }
            Close(']');
        }

        public void Inline(string raw) => _text.Append(raw);

        public override string ToString() => _text.Append('\n').ToString();

        public static string Int(int? value) => value.HasValue ? value.Value.ToString(CultureInfo.InvariantCulture) : "null";

        /// <summary>L-BFGS epochs have no learning rate (NaN): JSON null.</summary>
        public static string NumberOrNull(double value) => double.IsNaN(value) || double.IsInfinity(value) ? "null" : Json.Number(value);

        public static string Bool(bool value) => value ? "true" : "false";

        public static string Numbers(double[] values)
        {
            var builder = new StringBuilder(values.Length * 20).Append('[');
            for (int i = 0; i < values.Length; i++)
            {
                if (i > 0) builder.Append(", ");
                builder.Append(Json.Number(values[i]));
            }
            return builder.Append(']').ToString();
        }

        public static string Strings(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Json.Quote)) + "]";
    }
}
