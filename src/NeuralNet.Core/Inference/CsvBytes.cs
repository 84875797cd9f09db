using NeuralNet.Core.Data;

namespace NeuralNet.Core.Inference
{
    /// <summary>
    /// Writes scored CSV lines as UTF-8 bytes through one buffer: echoed input bytes, then prediction
    /// cells, numbers in their shortest round-trip invariant form. A failed write is an error naming the
    /// output, so it is never taken for a failure to read an input file.
    /// </summary>
    internal sealed class CsvBytes
    {
        private readonly Stream _output;
        private readonly byte _delimiter;
        private readonly char _delimiterChar;
        private readonly byte[] _buffer = new byte[1 << 18];
        private int _length;

        public CsvBytes(Stream output, char delimiter)
        {
            _output = output;
            _delimiterChar = delimiter;
            _delimiter = (byte)delimiter;
            if (delimiter >= 128) throw new NeuralNetException("InvalidDelimiter", ErrorKind.InvalidArgument, "-OutFile writes a one-byte delimiter; use a comma, semicolon, tab or another ASCII character.");
        }

        public void Header(IEnumerable<string> names)
        {
            bool first = true;
            foreach (var name in names)
            {
                if (!first) Delimiter();
                Text(CsvText.Cell(name, _delimiterChar));
                first = false;
            }
            EndLine();
        }

        /// <summary>A row's prediction cells, each after a delimiter, from its outputs at outputs[offset …]: read in place, no object per row.</summary>
        public void Predictions(DataSchema schema, double[] outputs, int offset)
        {
            var targets = schema.Targets;
            int count = targets.Count;
            for (int t = 0; t < count; t++)
            {
                var target = targets[t];
                Delimiter();
                if (target is ClassTarget classes)
                {
                    int best = classes.BestClass(outputs, offset);
                    Label(classes.Classes[best]);
                    Delimiter();
                    Number(classes.Probability(outputs, offset, best));
                    if (PredictionColumns.HasClassProbabilities(count))
                    {
                        for (int j = 0; j < classes.ClassCount; j++)
                        {
                            Delimiter();
                            Number(classes.Probability(outputs, offset, j));
                        }
                    }
                }
                else Number(((ValueTarget)target).Value(outputs, offset));
                offset += target.Width;
            }
        }

        /// <summary>A class label, encoded once per label and quoted where CSV needs it.</summary>
        private void Label(string label)
        {
            if (!_labels.TryGetValue(label, out var bytes)) _labels[label] = bytes = Encoding.UTF8.GetBytes(CsvText.Cell(label, _delimiterChar));
            Bytes(bytes, 0, bytes.Length);
        }

        private readonly Dictionary<string, byte[]> _labels = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        public void Delimiter() => Byte(_delimiter);

        public void EndLine() => Byte((byte)'\n');

        public void Bytes(byte[] bytes, int start, int length)
        {
            if (_length + length > _buffer.Length) Flush();
            if (length > _buffer.Length)
            {
                Write(bytes, start, length);
                return;
            }
            Buffer.BlockCopy(bytes, start, _buffer, _length, length);
            _length += length;
        }

        /// <summary>
        /// The shortest invariant form that reads back as the same double, laid out as "R" lays it out,
        /// formatted straight into the buffer (<see cref="ShortestNumber"/>, no string per cell). Windows
        /// PowerShell's runtime gives "R" 15 digits, or 17 when 15 do not read back, so both editions now write the
        /// same digits.
        /// </summary>
        private void Number(double value)
        {
            if (_length + ShortestNumber.MaxLength > _buffer.Length) Flush();
            _length += ShortestNumber.Format(value, _buffer.AsSpan(_length));
        }

        private void Text(string text)
        {
            if (_length + text.Length * 3 > _buffer.Length) Flush();
            _length += Encoding.UTF8.GetBytes(text, 0, text.Length, _buffer, _length);
        }

        private void Byte(byte value)
        {
            if (_length == _buffer.Length) Flush();
            _buffer[_length++] = value;
        }

        public void Flush()
        {
            Write(_buffer, 0, _length);
            _length = 0;
        }

        private void Write(byte[] bytes, int start, int length) => Write(_output, bytes, start, length);

        /// <summary>Writes bytes to the scoring output; a failure is OutFileWriteFailed.</summary>
        internal static void Write(Stream output, byte[] bytes, int start, int length)
        {
            try
            {
                output.Write(bytes, start, length);
            }
            catch (IOException e)
            {
                throw new NeuralNetException("OutFileWriteFailed", ErrorKind.InvalidResult, $"Writing the scored rows failed: {e.Message}");
            }
        }
    }
}
