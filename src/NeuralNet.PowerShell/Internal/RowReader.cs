namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Reads pipeline rows ([pscustomobject], Import-Csv rows, hashtables, .NET objects) into the core's
    /// <see cref="RawTable"/>: property values unwrapped, looked up by name case-insensitively. The first
    /// row's properties name the columns. The original objects are kept, to be named as error targets.
    /// </summary>
    internal sealed class RowReader
    {
        private readonly List<object> _originals = new List<object>();
        private RawTable _table;
        /// <summary>The table's columns as an array: the per-cell loops index it directly, not through an interface.</summary>
        private string[] _columns;

        public RowReader(IReadOnlyList<string> columns = null)
        {
            if (columns != null) Start(columns.ToArray());
        }

        private void Start(string[] columns)
        {
            _columns = columns;
            _table = new RawTable(columns);
        }

        public RawTable Table => _table ?? new RawTable(new string[0]);

        public int Count => _originals.Count;

        /// <summary>The original object of a 1-based row number, for ErrorRecord targets.</summary>
        public object Original(int? rowNumber) =>
            rowNumber.HasValue && rowNumber.Value >= 1 && rowNumber.Value <= _originals.Count ? _originals[rowNumber.Value - 1] : null;

        [MethodImpl(PerRow.Optimized)]
        public void Add(object row)
        {
            if (row == null) return;
            var item = PSObject.AsPSObject(row);
            if (_table == null) Start(PropertyNames(item));
            // Read straight into the table's cells: no array per row. A row that fails to read is taken
            // out again, so that the table's rows and the originals stay one for one.
            int added = _table.AppendRows(1);
            try
            {
                Values(item, _columns, _table.Cells, added * _columns.Length);
            }
            catch
            {
                _table.RemoveRows(new[] { added });
                throw;
            }
            _originals.Add(row);
        }

        /// <summary>Empties the reader for the next chunk of a stream (the columns stay, and the table's cells for the rows that follow).</summary>
        public void Clear()
        {
            if (_table == null) return;
            _table.Clear();
            _originals.Clear();
        }

        /// <summary>Gives the table's large arrays back for the next call (<see cref="RawTable.Release"/>), once the rows are no longer needed; the originals stay, to name error targets.</summary>
        public void Release() => _table?.Release();

        /// <summary>
        /// Adds rows as the cmdlets' -InputObject (object[]) receives them. That parameter is not PSObject[]:
        /// PowerShell binds an array to PSObject[] element by element, 60 ms for 180,000 Import-Csv rows
        /// given as -InputObject $rows, and to object[] as it is. A row that is not a PSObject is wrapped
        /// here (<see cref="Add"/>), as the binder would have wrapped it.
        /// </summary>
        [MethodImpl(PerRow.Optimized)]
        public void AddRange(IEnumerable<object> rows)
        {
            if (rows is IList<object> list && list.Count >= ParallelRows && Environment.ProcessorCount > 1)
            {
                AddInParallel(list);
                return;
            }
            foreach (var row in rows) Add(row);
        }

        /// <summary>From this many rows in one array (-InputObject $rows), their notes are read on several threads.</summary>
        private const int ParallelRows = 4096;

        /// <summary>
        /// Reading a row's notes is mostly waiting on memory (an Import-Csv row is some 70 small objects),
        /// so a large array is read on up to four threads. Only the in-order note path runs off the
        /// pipeline's thread: it reads plain fields, and PowerShell copies a member collection under its
        /// lock before enumerating it. Any row that path does not take (a hashtable, a .NET object, a row
        /// of another shape) is read afterwards on the calling thread, by name, as <see cref="Add"/> reads it;
        /// rows enter the table in their order either way.
        /// </summary>
        [MethodImpl(PerRow.Optimized)]
        private void AddInParallel(IList<object> rows)
        {
            int first = 0;
            while (first < rows.Count && _table == null) Add(rows[first++]);
            if (_table == null) return;
            var columns = _columns;
            int count = rows.Count - first, width = columns.Length;
            // Each row's cells go straight to its place in the table, from any thread; a row the in-order
            // path leaves is read by name here afterwards, and null rows are taken out at the end.
            int start = _table.AppendRows(count);
            var cells = _table.Cells;
            var done = new bool[count];
            int parts = Math.Min(Environment.ProcessorCount, 4);
            System.Threading.Tasks.Parallel.For(0, parts, part =>
                ReadInOrder(rows, first + (int)((long)count * part / parts), first + (int)((long)count * (part + 1) / parts), first, columns, cells, start, done));
            List<int> nulls = null;
            int i = first;
            try
            {
                for (; i < rows.Count; i++)
                {
                    var row = rows[i];
                    if (row == null)
                    {
                        (nulls ?? (nulls = new List<int>())).Add(start + i - first);
                        continue;
                    }
                    if (!done[i - first]) Values(PSObject.AsPSObject(row), columns, cells, (start + i - first) * width);
                    _originals.Add(row);
                }
            }
            catch
            {
                // The rows from the one that failed on are taken out again, and the nulls before it, so that
                // the table's rows and the originals stay one for one.
                var unread = nulls ?? new List<int>();
                for (int r = i; r < rows.Count; r++) unread.Add(start + r - first);
                _table.RemoveRows(unread);
                throw;
            }
            if (nulls != null) _table.RemoveRows(nulls);
        }

        /// <summary>
        /// Rows <paramref name="from"/> to <paramref name="to"/> (exclusive) read in order into the table's
        /// <paramref name="cells"/> (row i at row <paramref name="start"/> + i − <paramref name="first"/>),
        /// marked in <paramref name="done"/>; a row left unmarked is for the calling thread.
        /// </summary>
        [MethodImpl(PerRow.Optimized)]
        private static void ReadInOrder(IList<object> rows, int from, int to, int first, string[] columns, object[] cells, int start, bool[] done)
        {
            int width = columns.Length;
            for (int i = from; i < to; i++)
            {
                if (!(rows[i] is PSObject row)) continue;
                try
                {
                    done[i - first] = TryReadInOrder(row, columns, cells, (start + i - first) * width);
                }
                catch (Exception)
                {
                    // Left for the calling thread, which reads the row by name and reports what it finds.
                }
            }
        }

        /// <summary>Row <paramref name="row"/> of a table (a CSV file) as an object whose properties are the columns it has.</summary>
        public static PSObject ToObject(RawTable table, int row)
        {
            var cells = table.RowAt(row);
            var result = new PSObject();
            for (int c = 0; c < cells.Length; c++)
                if (cells[c] != RawTable.MissingProperty) result.Properties.Add(new PSNoteProperty(table.Columns[c], cells[c]));
            return result;
        }

        /// <summary>The property names of a row, in order (dictionary keys for hashtables).</summary>
        public static string[] PropertyNames(PSObject row)
        {
            if (row.BaseObject is IDictionary dictionary)
                return dictionary.Keys.Cast<object>().Select(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return row.Properties.Select(p => p.Name).ToArray();
        }

        /// <summary>The row's values for the given columns; <see cref="RawTable.MissingProperty"/> where it has none.</summary>
        [MethodImpl(PerRow.Optimized)]
        public static object[] Values(PSObject row, string[] columns)
        {
            var values = new object[columns.Length];
            Values(row, columns, values, 0);
            return values;
        }

        /// <summary>The same, into <paramref name="values"/> from <paramref name="at"/> (one per column).</summary>
        [MethodImpl(PerRow.Optimized)]
        private static void Values(PSObject row, string[] columns, object[] values, int at)
        {
            if (TryReadInOrder(row, columns, values, at)) return;
            if (row.BaseObject is IDictionary dictionary)
            {
                var keys = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture);
                    if (!keys.ContainsKey(key)) keys.Add(key, entry.Value);
                }
                for (int c = 0; c < columns.Length; c++)
                    values[at + c] = keys.TryGetValue(columns[c], out var v) ? Unwrap(v) : RawTable.MissingProperty;
                return;
            }
            for (int c = 0; c < columns.Length; c++)
            {
                var property = row.Properties[columns[c]];
                if (property == null)
                {
                    values[at + c] = RawTable.MissingProperty;
                    continue;
                }
                try
                {
                    values[at + c] = Unwrap(property.Value);
                }
                catch (GetValueException e)
                {
                    // Named when the cell is used (DataErrors.NotScalar), not read as empty.
                    values[at + c] = new UnreadableCell((e.InnerException ?? e).Message);
                }
            }
        }

        [MethodImpl(PerRow.Optimized)]
        private static object Unwrap(object value) => value is PSObject pso ? pso.BaseObject : value;

        /// <summary>
        /// Reads a [pscustomobject] (an Import-Csv row) from its own notes (<see cref="RowNotes"/>) when
        /// they hold the columns by the same names in the same order, as rows of one table do; other
        /// notes between them (the target, an id) are passed over. Anything else (another order, a
        /// missing column, a script property) returns false, and the row is read by name. A name
        /// matched exactly is the row's only match: PowerShell keeps names unique ignoring case.
        /// </summary>
        [MethodImpl(PerRow.Optimized)]
        private static bool TryReadInOrder(PSObject row, string[] columns, object[] values, int at) =>
            RowNotes.TryReadColumns(row, columns, values, at);
    }
}
