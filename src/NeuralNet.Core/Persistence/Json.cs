namespace NeuralNet.Core.Persistence
{
    /// <summary>
    /// A strict JSON reader and a writer for the model file's fixed schema, with no dependency to ship.
    /// Values come back as <see cref="JsonObject"/>, <see cref="List{T}"/> of object, string, double,
    /// bool or null. Nothing in a file ever names a .NET type to create.
    /// </summary>
    public static class Json
    {
        private const int MaxDepth = 64;

        /// <summary>Parses a whole document; errors say what was expected, at which line and column, and in which value (such as "network.layers[0].weights[3]").</summary>
        public static object Parse(string text)
        {
            var parser = new Parser(text);
            parser.SkipSpace();
            var value = parser.Value(0);
            parser.SkipSpace();
            if (!parser.AtEnd) throw parser.Error("the end of the document");
            return value;
        }

        /// <summary>
        /// The value a document cut off at its end was in, such as "schema.features[0].name", or null
        /// at the top level: names the property around a fault found before parsing (an invalid byte).
        /// </summary>
        public static string PathAtEnd(string truncated)
        {
            var parser = new Parser(truncated);
            try
            {
                parser.SkipSpace();
                parser.Value(0);
            }
            catch (FormatException)
            {
                // Running off the end is the expected outcome; the path is where it happened.
            }
            return parser.CurrentPath();
        }

        /// <summary>A number as JSON: the shortest form that reads back to the same double (G17 when "R" would not).</summary>
        public static string Number(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) throw new ArgumentException("JSON has no NaN or infinity.", nameof(value));
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            if (double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != value) text = value.ToString("G17", CultureInfo.InvariantCulture);
            return text;
        }

        /// <summary>A string as a quoted JSON literal.</summary>
        public static string Quote(string value)
        {
            var builder = new StringBuilder(value.Length + 2).Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < ' ') builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else builder.Append(c);
                        break;
                }
            }
            return builder.Append('"').ToString();
        }

        private sealed class Parser
        {
            private readonly string _text;
            private int _position;

            // The path to the value being read, one entry per open object or array: a property name
            // ("" until the first is read), or (name null) the index of an array item. Indexes are
            // updated in place, so an array of a million numbers costs no allocation for its path.
            private readonly List<string> _names = new List<string>();
            private readonly List<int> _indexes = new List<int>();

            public Parser(string text)
            {
                _text = text;
            }

            /// <summary>The path of the value being read, such as "network.layers[0].weights[3]"; null at the top level.</summary>
            public string CurrentPath()
            {
                var path = new StringBuilder();
                for (int i = 0; i < _names.Count; i++)
                {
                    if (_names[i] == null) path.Append('[').Append(_indexes[i].ToString(CultureInfo.InvariantCulture)).Append(']');
                    else if (_names[i].Length > 0) path.Append(path.Length == 0 ? "" : ".").Append(_names[i]);
                }
                return path.Length == 0 ? null : path.ToString();
            }

            public bool AtEnd => _position >= _text.Length;

            public void SkipSpace()
            {
                while (_position < _text.Length && (_text[_position] == ' ' || _text[_position] == '\t' || _text[_position] == '\n' || _text[_position] == '\r')) _position++;
            }

            public object Value(int depth)
            {
                if (depth > MaxDepth) throw Error("less deeply nested values");
                if (AtEnd) throw Error("a value");
                char c = _text[_position];
                switch (c)
                {
                    case '{': return Object(depth);
                    case '[': return Array(depth);
                    case '"': return String();
                    case 't': return Literal("true", true);
                    case 'f': return Literal("false", false);
                    case 'n': return Literal("null", null);
                    default:
                        if (c == '-' || (c >= '0' && c <= '9')) return Number();
                        throw Error("a value");
                }
            }

            private JsonObject Object(int depth)
            {
                var result = new JsonObject();
                _position++;
                SkipSpace();
                if (Peek('}')) return result;
                int level = Enter("");
                while (true)
                {
                    SkipSpace();
                    if (AtEnd || _text[_position] != '"') throw Error("a property name in quotes");
                    var name = String();
                    _names[level] = name;
                    SkipSpace();
                    Expect(':');
                    SkipSpace();
                    if (result.ContainsKey(name)) throw Error($"no second '{name}' property");
                    result[name] = Value(depth + 1);
                    SkipSpace();
                    if (Peek('}')) return Leave(result);
                    Expect(',');
                }
            }

            private List<object> Array(int depth)
            {
                var result = new List<object>();
                _position++;
                SkipSpace();
                if (Peek(']')) return result;
                int level = Enter(null);
                while (true)
                {
                    SkipSpace();
                    _indexes[level] = result.Count;
                    result.Add(Value(depth + 1));
                    SkipSpace();
                    if (Peek(']')) return Leave(result);
                    Expect(',');
                }
            }

            private int Enter(string name)
            {
                _names.Add(name);
                _indexes.Add(0);
                return _names.Count - 1;
            }

            private T Leave<T>(T value)
            {
                _names.RemoveAt(_names.Count - 1);
                _indexes.RemoveAt(_indexes.Count - 1);
                return value;
            }

            private string String()
            {
                int start = _position;
                _position++;
                var builder = new StringBuilder();
                while (true)
                {
                    if (AtEnd) throw Error("a closing quote");
                    char c = _text[_position++];
                    if (c == '"') return WellFormed(builder.ToString(), start);
                    if (c < ' ') throw Error("no control characters inside a string");
                    if (c != '\\')
                    {
                        builder.Append(c);
                        continue;
                    }
                    if (AtEnd) throw Error("an escape sequence");
                    char e = _text[_position++];
                    switch (e)
                    {
                        case '"': builder.Append('"'); break;
                        case '\\': builder.Append('\\'); break;
                        case '/': builder.Append('/'); break;
                        case 'b': builder.Append('\b'); break;
                        case 'f': builder.Append('\f'); break;
                        case 'n': builder.Append('\n'); break;
                        case 'r': builder.Append('\r'); break;
                        case 't': builder.Append('\t'); break;
                        case 'u':
                            if (_position + 4 > _text.Length ||
                                !int.TryParse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                                throw Error("four hex digits after \\u");
                            builder.Append((char)code);
                            _position += 4;
                            break;
                        default: throw Error("a valid escape sequence");
                    }
                }
            }

            /// <summary>
            /// Refuses a string with half of a surrogate pair (from a "\\ud800" escape): it names nothing
            /// and would not survive being written back as UTF-8.
            /// </summary>
            private string WellFormed(string value, int start)
            {
                for (int i = 0; i < value.Length; i++)
                {
                    if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
                    else if (char.IsSurrogate(value[i]))
                    {
                        _position = start;
                        throw Error("text without a lone surrogate (\\u escapes of UTF-16 halves must come in pairs)");
                    }
                }
                return value;
            }

            private double Number()
            {
                int start = _position;
                if (_text[_position] == '-') _position++;
                while (!AtEnd && (char.IsDigit(_text[_position]) || _text[_position] == '.' || _text[_position] == 'e' || _text[_position] == 'E' || _text[_position] == '+' || _text[_position] == '-')) _position++;
                var token = _text.Substring(start, _position - start);
                if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsInfinity(value))
                {
                    _position = start;
                    throw Error("a finite number");
                }
                return value;
            }

            private object Literal(string word, object value)
            {
                if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0) throw Error("a value");
                _position += word.Length;
                return value;
            }

            private bool Peek(char c)
            {
                if (AtEnd || _text[_position] != c) return false;
                _position++;
                return true;
            }

            private void Expect(char c)
            {
                if (!Peek(c)) throw Error($"'{c}'");
            }

            public FormatException Error(string expected)
            {
                int line = 1, column = 1;
                for (int i = 0; i < Math.Min(_position, _text.Length); i++)
                {
                    if (_text[i] == '\n') { line++; column = 1; }
                    else column++;
                }
                var path = CurrentPath();
                return new FormatException($"malformed JSON at line {line}, column {column}{(path == null ? "" : ", in " + path)}: expected {expected}");
            }
        }
    }

    /// <summary>A JSON object: property names in file order.</summary>
    internal sealed class JsonObject : Dictionary<string, object>
    {
        public JsonObject() : base(StringComparer.Ordinal)
        {
        }
    }
}
