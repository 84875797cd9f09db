namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Rows as they arrive, before any parsing: one value per column, in <see cref="Columns"/> order.
    /// A value is a string, a number, a bool, null (empty), or <see cref="MissingProperty"/> when the
    /// row had no such property at all. Columns are matched case-insensitively, as PowerShell does.
    /// Pipeline rows are stored row by row, in one array of cells for the whole table (an array per row
    /// made 13,480 objects for W2's 10× call, which outlived the young generation and were copied out of
    /// it); CSV files column by column, numbers already parsed into
    /// contiguous arrays (<see cref="NumericColumn"/>), which is what makes reading files fast. A
    /// pipeline column is parsed once, when first asked for as numbers, so schema fitting, statistics
    /// and encoding read doubles and never parse a cell twice.
    /// </summary>
    public sealed class RawTable
    {
        /// <summary>Stands for a property the row does not have.</summary>
        public static readonly object MissingProperty = new object();

        private readonly Dictionary<string, int> _index;
        /// <summary>Pipeline rows: row r's cells at [r·width, (r + 1)·width), for <see cref="_rowCount"/> rows; null for a table read by columns.</summary>
        private object[] _cells;
        private readonly bool _byRows;
        private int _rowCount;
        private readonly NumericColumn[] _numeric;
        private readonly string[][] _text;
        private readonly int _columnRowCount;
        private readonly object _parseLock = new object();
        private NumericColumn[] _parsedRows;
        private double[] _parsedValues;

        /// <summary>An empty table that rows are added to.</summary>
        public RawTable(IReadOnlyList<string> columns)
        {
            Columns = columns;
            _index = BuildIndex(columns);
            _byRows = true;
            _cells = new object[0];
        }

        /// <summary>A table stored by column: for each column either <paramref name="numeric"/>[c] or <paramref name="text"/>[c].</summary>
        public RawTable(IReadOnlyList<string> columns, int rows, NumericColumn[] numeric, string[][] text)
        {
            Columns = columns;
            _index = BuildIndex(columns);
            _numeric = numeric;
            _text = text;
            _columnRowCount = rows;
        }

        public IReadOnlyList<string> Columns { get; }

        public int RowCount => _byRows ? _rowCount : _columnRowCount;

        /// <summary>Read by columns (a CSV file): a numeric column keeps its numbers, not the text they were written as.</summary>
        public bool ReadByColumns => !_byRows;

        /// <summary>The cell at a 0-based row and column (numbers in numeric columns come back as doubles).</summary>
        public object this[int row, int column]
        {
            [MethodImpl(Hot.Optimize)]
            get
            {
                if (_byRows)
                {
                    if ((uint)row >= (uint)_rowCount || (uint)column >= (uint)Columns.Count) throw new ArgumentOutOfRangeException(nameof(row));
                    return _cells[row * Columns.Count + column];
                }
                var numeric = _numeric[column];
                if (numeric == null) return _text[column][row] ?? MissingProperty;
                switch (numeric.StateAt(row))
                {
                    case CellState.Present: return numeric[row];
                    case CellState.Empty: return "";
                    default: return MissingProperty;
                }
            }
        }

        /// <summary>Whether the cell is empty, null or absent.</summary>
        public bool IsMissing(int row, int column)
        {
            if (!_byRows && _numeric[column] != null) return _numeric[column].StateAt(row) != CellState.Present;
            return ValueParser.IsMissing(this[row, column]);
        }

        /// <summary>The column's numbers when every present cell is one (parsed once for pipeline rows), else null.</summary>
        public NumericColumn Numeric(int column)
        {
            if (!_byRows) return _numeric[column];
            // Read without the lock once parsed: the encoder asks for every column of every block of rows,
            // from two threads, and contention on the lock cost W2's 10× call about 7 ms.
            var parsed = Volatile.Read(ref _parsedRows);
            if (parsed != null) return parsed[column];
            lock (_parseLock)
            {
                if (_parsedRows == null) Volatile.Write(ref _parsedRows, ParseRows());
                return _parsedRows[column];
            }
        }

        /// <summary>
        /// Every pipeline column as numbers, in one pass over the rows into a row-major matrix (as a
        /// file is stored); a column is dropped (null) when any present cell is not a number. Large
        /// tables are parsed in parts of rows on several cores; each part writes only its own rows.
        /// </summary>
        private NumericColumn[] ParseRows()
        {
            int rows = _rowCount, width = Columns.Count;
            // After Clear the last parse's matrix is refilled: a stream of chunks parses into one array.
            var values = _parsedValues != null && _parsedValues.Length >= rows * width ? _parsedValues : null;
            if (values == null)
            {
                TableScratch.Return(_parsedValues);
                values = TableScratch.Numbers(checked(rows * width));
            }
            _parsedValues = values;
            var cells = _cells;
            var states = new CellState[width][];
            int parts = rows >= ParallelParseRows ? Math.Min(Environment.ProcessorCount, 4) : 1;
            var isNumber = new bool[parts][];
            [MethodImpl(Hot.Optimize)]
            void Parse(int part)
            {
                var numbers = isNumber[part] = new bool[width];
                for (int c = 0; c < width; c++) numbers[c] = true;
                for (int r = (int)((long)rows * part / parts), end = (int)((long)rows * (part + 1) / parts); r < end; r++)
                {
                    int at = r * width;
                    for (int c = 0; c < width; c++)
                    {
                        if (!numbers[c]) continue;
                        var v = cells[at + c];
                        // A string (every Import-Csv cell) is read once: a number, blank or text.
                        if (v is string text)
                        {
                            var read = FastNumber.Read(text, out values[at + c]);
                            if (read == FastNumber.Cell.Number) continue;
                            if (read == FastNumber.Cell.Text)
                            {
                                numbers[c] = false;
                                continue;
                            }
                        }
                        if (ValueParser.IsMissing(v))
                        {
                            var columnStates = states[c] ?? Interlocked.CompareExchange(ref states[c], new CellState[rows], null) ?? states[c];
                            columnStates[r] = v == MissingProperty ? CellState.Absent : CellState.Empty;
                            // A missing cell reads as 0 (the array may hold the last chunk's numbers).
                            values[at + c] = 0;
                        }
                        else if (!ValueParser.TryParse(v, out values[r * width + c])) numbers[c] = false;
                    }
                }
            }
            if (parts == 1 || !Work.TryEachInParallel(parts, Parse))
            {
                parts = 1;
                isNumber = new bool[1][];
                Parse(0);
            }
            var columns = new NumericColumn[width];
            for (int c = 0; c < width; c++)
                columns[c] = isNumber.All(part => part[c]) ? new NumericColumn(values, c, width, states[c]) : null;
            return columns;
        }

        /// <summary>From this many pipeline rows, their cells are parsed on several cores.</summary>
        private const int ParallelParseRows = 4096;

        /// <summary>The cells of one row, as an array of its own.</summary>
        public object[] RowAt(int row)
        {
            var cells = new object[Columns.Count];
            if (_byRows)
            {
                if ((uint)row >= (uint)_rowCount) throw new ArgumentOutOfRangeException(nameof(row));
                Array.Copy(_cells, row * cells.Length, cells, 0, cells.Length);
                return cells;
            }
            for (int c = 0; c < cells.Length; c++) cells[c] = this[row, c];
            return cells;
        }

        /// <summary>
        /// The given rows (0-based), in that order, as a table of their own: what one fold of an experiment
        /// trains or tests on. Pipeline rows' cells are copied (the values are shared); a file's parsed columns are copied compactly.
        /// </summary>
        public RawTable Subset(IReadOnlyList<int> rows)
        {
            if (_byRows)
            {
                var subset = new RawTable(Columns);
                int cellsPerRow = Columns.Count, start = subset.AppendRows(rows.Count);
                for (int i = 0; i < rows.Count; i++)
                {
                    if ((uint)rows[i] >= (uint)_rowCount) throw new ArgumentOutOfRangeException(nameof(rows));
                    Array.Copy(_cells, rows[i] * cellsPerRow, subset._cells, (start + i) * cellsPerRow, cellsPerRow);
                }
                return subset;
            }
            int width = Columns.Count;
            var values = new double[checked(rows.Count * width)];
            var numeric = new NumericColumn[width];
            var text = new string[width][];
            for (int c = 0; c < width; c++)
            {
                var column = _numeric[c];
                if (column == null)
                {
                    text[c] = new string[rows.Count];
                    for (int i = 0; i < rows.Count; i++) text[c][i] = _text[c][rows[i]];
                    continue;
                }
                CellState[] states = column.States == null ? null : new CellState[rows.Count];
                for (int i = 0; i < rows.Count; i++)
                {
                    values[i * width + c] = column[rows[i]];
                    if (states != null) states[i] = column.States[rows[i]];
                }
                numeric[c] = new NumericColumn(values, c, width, states);
            }
            return new RawTable(Columns, rows.Count, numeric, text);
        }

        /// <summary>The column's index, or −1.</summary>
        public int IndexOf(string column) => _index.TryGetValue(column, out int c) ? c : -1;

        /// <summary>The column's name as the data spells it.</summary>
        public string CanonicalName(string column) => _index.TryGetValue(column, out int c) ? Columns[c] : column;

        /// <summary>
        /// Empties a table of pipeline rows for the next chunk of a stream, keeping its columns and the
        /// matrix its rows were parsed into (which the next parse refills: columns read before are stale).
        /// </summary>
        public void Clear()
        {
            if (!_byRows) throw new InvalidOperationException("A table read by columns cannot be emptied.");
            // The rows' values are let go (the next chunk's cells overwrite the array).
            Array.Clear(_cells, 0, _rowCount * Columns.Count);
            _rowCount = 0;
            lock (_parseLock) _parsedRows = null;
        }

        /// <summary>Adds a row: its cells are copied, so the array can be filled again for the next row.</summary>
        [MethodImpl(Hot.Optimize)]
        public void Add(object[] row)
        {
            if (!_byRows) throw new InvalidOperationException("Rows cannot be added to a table read by columns.");
            if (row.Length != Columns.Count) throw new ArgumentException("The row has a different number of values than the table has columns.");
            int start = AppendRows(1);
            Array.Copy(row, 0, _cells, start * row.Length, row.Length);
        }

        /// <summary>
        /// Adds <paramref name="count"/> rows whose cells the caller fills in <see cref="Cells"/> at
        /// [row·width, (row + 1)·width) from the row returned (several threads may fill different rows);
        /// until filled, a cell is null (an empty value). Returns the first new row.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public int AppendRows(int count)
        {
            if (!_byRows) throw new InvalidOperationException("Rows cannot be added to a table read by columns.");
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
            int width = Columns.Count, start = _rowCount;
            long needed = ((long)start + count) * width;
            if (needed > _cells.Length)
            {
                // Room for twice the rows, in a length the next call of the same size asks the pool for again.
                long capacity = Math.Max(64, (long)start + count);
                capacity = Math.Max(capacity, 2L * (_cells.Length / Math.Max(1, width)));
                var grown = TableScratch.Cells(checked((int)(capacity * width)));
                Array.Copy(_cells, grown, start * width);
                TableScratch.Return(_cells);
                _cells = grown;
            }
            _rowCount = start + count;
            lock (_parseLock) _parsedRows = null;
            return start;
        }

        /// <summary>Pipeline rows' cells (see <see cref="AppendRows"/>).</summary>
        public object[] Cells => _cells;

        /// <summary>
        /// Removes the rows at <paramref name="unfilled"/> (ascending), moving the rows after them up: rows
        /// added with <see cref="AppendRows"/> that turned out to be nothing (null in the pipeline).
        /// </summary>
        public void RemoveRows(IReadOnlyList<int> unfilled)
        {
            if (unfilled.Count == 0) return;
            int width = Columns.Count, to = unfilled[0], next = 0;
            for (int from = unfilled[0]; from < _rowCount; from++)
            {
                if (next < unfilled.Count && unfilled[next] == from)
                {
                    next++;
                    continue;
                }
                Array.Copy(_cells, from * width, _cells, to * width, width);
                to++;
            }
            Array.Clear(_cells, to * width, (_rowCount - to) * width);
            _rowCount = to;
            lock (_parseLock) _parsedRows = null;
        }

        /// <summary>
        /// Gives the table's large arrays back for the next call on this thread (<see cref="TableScratch"/>):
        /// the call that read the rows is done with them, and so is every column read from the table.
        /// The table is empty after.
        /// </summary>
        public void Release()
        {
            lock (_parseLock)
            {
                _parsedRows = null;
                TableScratch.Return(_parsedValues);
                _parsedValues = null;
            }
            if (!_byRows) return;
            TableScratch.Return(_cells);
            _cells = new object[0];
            _rowCount = 0;
        }

        private static Dictionary<string, int> BuildIndex(IReadOnlyList<string> columns)
        {
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (int c = 0; c < columns.Count; c++)
            {
                if (!index.ContainsKey(columns[c])) index.Add(columns[c], c);
            }
            return index;
        }
    }

    /// <summary>Whether a cell holds a value, is empty, or does not exist (a short CSV line).</summary>
    public enum CellState : byte
    {
        Present = 0,
        Empty = 1,
        Absent = 2,
    }

    /// <summary>
    /// A column whose every present cell is a number: a strided view of a row-major matrix of values,
    /// and the cells' states only when some are missing.
    /// </summary>
    public sealed class NumericColumn
    {
        private readonly double[] _data;
        private readonly int _offset;
        private readonly int _stride;

        public NumericColumn(double[] data, int offset, int stride, CellState[] states)
        {
            _data = data;
            _offset = offset;
            _stride = stride;
            States = states;
        }

        /// <summary>The value of a row; 0 where the cell is missing.</summary>
        /// <remarks>Inlined into the per-cell loops that read it (statistics, encoding): compiled apart, as Hot.Optimize would keep it, each cell paid for a call.</remarks>
        public double this[int row]
        {
            [MethodImpl(Hot.Inline)]
            get => _data[row * _stride + _offset];
        }

        /// <summary>Null when every cell is present.</summary>
        public CellState[] States { get; }

        [MethodImpl(Hot.Inline)]
        public CellState StateAt(int row) => States == null ? CellState.Present : States[row];
    }
}
