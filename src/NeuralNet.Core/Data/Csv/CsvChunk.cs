namespace NeuralNet.Core.Data
{
    /// <summary>
    /// A chunk of rows read from CSV files for streaming: the wanted columns (numbers parsed, text kept
    /// where a column needs it) and, per row, the bytes an output line repeats before it adds its own
    /// cells. Buffers are made once and refilled for every chunk, so memory does not grow with the file.
    /// </summary>
    internal sealed class CsvChunk
    {
        private readonly string[] _wanted;
        private readonly bool[] _asText;

        /// <param name="wanted">The columns to read, by name.</param>
        /// <param name="asText">Per wanted column, whether it is read as text (a categorical feature).</param>
        /// <param name="capacity">Rows per chunk.</param>
        public CsvChunk(string[] wanted, bool[] asText, int capacity)
        {
            _wanted = wanted;
            _asText = asText;
            Capacity = capacity;
            Numbers = new double[capacity * wanted.Length];
            States = new CellState[capacity * wanted.Length];
            Text = new string[wanted.Length][];
            for (int c = 0; c < wanted.Length; c++) Text[c] = new string[capacity];
            FieldStart = new int[capacity * wanted.Length];
            FieldLength = new int[capacity * wanted.Length];
            EchoEnd = new int[capacity];
            Failed = new bool[wanted.Length];
            _tableText = new string[wanted.Length][];
            _tableStates = new CellState[wanted.Length][];
            _interners = new Utf8Interner[wanted.Length];
        }

        public int Capacity { get; }

        public int Rows { get; private set; }

        /// <summary>The 1-based row number of the chunk's first row in the whole stream.</summary>
        public int FirstRowNumber { get; private set; } = 1;

        public int Width => _wanted.Length;

        /// <summary>Rows × wanted columns, parsed where the cell is a number.</summary>
        public double[] Numbers { get; private set; }

        public CellState[] States { get; private set; }

        /// <summary>Per wanted column, the cells as strings, where a reader keeps them (the full-grammar reader always does).</summary>
        public string[][] Text { get; private set; }

        /// <summary>Whether <see cref="Text"/> holds every cell (else cells are read back from <see cref="Echo"/>).</summary>
        public bool TextKept { get; set; }

        /// <summary>Per row and wanted column, where the cell's bytes stand in <see cref="Echo"/> (plain files; −1: absent).</summary>
        public int[] FieldStart { get; private set; }

        public int[] FieldLength { get; private set; }

        /// <summary>Per wanted column, whether a present cell failed to parse as a number in this chunk.</summary>
        public bool[] Failed { get; private set; }

        /// <summary>The bytes output lines repeat, every row's one after the other.</summary>
        public byte[] Echo { get; private set; } = new byte[1 << 16];

        /// <summary>Where each row's echo ends in <see cref="Echo"/> (it starts where the previous one ends).</summary>
        public int[] EchoEnd { get; private set; }

        public int EchoLength { get; private set; }

        public bool IsFull => Rows == Capacity;

        /// <summary>Empties the chunk for the rows that follow it.</summary>
        public void Clear()
        {
            FirstRowNumber += Rows;
            Rows = 0;
            EchoLength = 0;
            Array.Clear(Failed, 0, Failed.Length);
        }

        /// <summary>
        /// Moves this chunk's rows into <paramref name="spare"/> by exchanging buffers, not copying them, so
        /// one thread can go on reading into this chunk (after <see cref="Clear"/>, which still numbers on
        /// from these rows) while another scores the rows in <paramref name="spare"/>.
        /// </summary>
        public void MoveRowsTo(CsvChunk spare)
        {
            (Numbers, spare.Numbers) = (spare.Numbers, Numbers);
            (States, spare.States) = (spare.States, States);
            (Text, spare.Text) = (spare.Text, Text);
            (FieldStart, spare.FieldStart) = (spare.FieldStart, FieldStart);
            (FieldLength, spare.FieldLength) = (spare.FieldLength, FieldLength);
            (Failed, spare.Failed) = (spare.Failed, Failed);
            (Echo, spare.Echo) = (spare.Echo, Echo);
            (EchoEnd, spare.EchoEnd) = (spare.EchoEnd, EchoEnd);
            spare.Rows = Rows;
            spare.FirstRowNumber = FirstRowNumber;
            spare.EchoLength = EchoLength;
            spare.TextKept = TextKept;
        }

        /// <summary>Appends echo bytes to the row being read.</summary>
        public void AppendEcho(byte[] bytes, int start, int length)
        {
            if (EchoLength + length > Echo.Length)
            {
                var grown = Echo;
                Array.Resize(ref grown, Math.Max(Echo.Length * 2, EchoLength + length));
                Echo = grown;
            }
            Buffer.BlockCopy(bytes, start, Echo, EchoLength, length);
            EchoLength += length;
        }

        /// <summary>Ends the row being read.</summary>
        public void EndRow()
        {
            EchoEnd[Rows] = EchoLength;
            Rows++;
        }

        public int EchoStartOf(int row) => row == 0 ? 0 : EchoEnd[row - 1];

        /// <summary>
        /// The wanted columns of the chunk as a table the schema encodes: parsed numbers where a whole column
        /// is numeric, strings otherwise. The table reads this chunk's own buffers, refilled by the next call,
        /// and a text column's recurring cells are one string each (<see cref="Utf8Interner"/>).
        /// </summary>
        public RawTable ToTable()
        {
            var numeric = new NumericColumn[_wanted.Length];
            var text = new string[_wanted.Length][];
            for (int c = 0; c < _wanted.Length; c++)
            {
                if (!_asText[c] && !Failed[c])
                {
                    bool anyMissing = false;
                    for (int r = 0; r < Rows && !anyMissing; r++) anyMissing = States[r * Width + c] != CellState.Present;
                    CellState[] states = null;
                    if (anyMissing)
                    {
                        states = _tableStates[c] ??= new CellState[Capacity];
                        for (int r = 0; r < Rows; r++) states[r] = States[r * Width + c];
                    }
                    numeric[c] = new NumericColumn(Numbers, c, Width, states);
                    continue;
                }
                text[c] = _tableText[c] ??= new string[Capacity];
                for (int r = 0; r < Rows; r++) text[c][r] = CellText(r, c);
            }
            return new RawTable(_wanted, Rows, numeric, text);
        }

        private readonly string[][] _tableText;
        private readonly CellState[][] _tableStates;
        private readonly Utf8Interner[] _interners;

        private string CellText(int row, int column)
        {
            if (TextKept) return Text[column][row];
            int start = FieldStart[row * Width + column];
            return start < 0 ? null : (_interners[column] ??= new Utf8Interner()).Text(Echo, start, FieldLength[row * Width + column]);
        }
    }
}
