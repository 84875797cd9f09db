using Sylvan.Data.Csv;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Streams CSV files a chunk of rows at a time, for scoring files of any size in memory that does not
    /// grow with them: the wanted columns are read into a <see cref="CsvChunk"/>, with each row's cells
    /// echoed in the first file's column order. Plain files (no quote anywhere) are split from their
    /// bytes, and a row's line is echoed as it is; other files go through Sylvan's full grammar and
    /// their cells are quoted again where they need it. Rows are numbered across files, as one table.
    /// </summary>
    internal sealed class CsvChunkReader
    {
        private readonly IReadOnlyList<string> _paths;
        private readonly CsvOptions _options;
        private readonly string[] _wanted;
        private readonly bool[] _asText;
        private readonly bool _plain;

        /// <param name="paths">The files, read as one stream of rows matched by column name.</param>
        /// <param name="options">How the files are delimited.</param>
        /// <param name="wanted">The columns to read into each chunk (the network's features).</param>
        /// <param name="asText">Per wanted column, whether it is read as text (a categorical feature).</param>
        /// <param name="replaced">Columns the output adds again (a scored file scored anew carries its old
        /// prediction columns): they are left out of the echo, so no output header names a column twice.
        /// A wanted column is never left out.</param>
        public CsvChunkReader(IReadOnlyList<string> paths, CsvOptions options, string[] wanted, bool[] asText, IEnumerable<string> replaced = null)
        {
            options.Validate();
            foreach (var path in paths)
                if (Directory.Exists(path)) throw DataErrors.CsvIsDirectory(path);
            _paths = paths;
            _options = options;
            _wanted = wanted;
            _asText = asText;
            var scanner = PlainCsvScanner.TryCreate(paths, options);
            _plain = scanner != null && paths.All(path => ReadsPlain(path, (byte)options.Delimiter));
            var header = scanner?.Columns ?? new QuotedCsvReader(paths, options).Columns;
            var dropped = new HashSet<string>(replaced ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            dropped.ExceptWith(wanted);
            Columns = header.Where(name => !dropped.Contains(name)).ToArray();
            foreach (var name in wanted)
                if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase)) throw DataErrors.TrainedColumnMissing(name, "feature", Columns);
        }

        /// <summary>The first file's header, less the replaced columns: the columns every output line repeats.</summary>
        public string[] Columns { get; }

        /// <summary>Reads every row, calling <paramref name="full"/> with each full chunk and once with the last, partial one.</summary>
        public void Read(CsvChunk chunk, Action<CsvChunk> full, CancellationToken token)
        {
            foreach (var path in _paths)
            {
                if (_plain) ReadPlain(path, chunk, full, token);
                else ReadQuoted(path, chunk, full, token);
            }
            if (chunk.Rows > 0) full(chunk);
        }

        /// <summary>
        /// Whether the file holds no quote byte, or only the field-wide quotes Export-Csv writes: then lines
        /// are rows and fields split at delimiters outside quotes. Checked before the first chunk, since a
        /// stream cannot change reader halfway.
        /// </summary>
        private static bool ReadsPlain(string path, byte delimiter)
        {
            var buffer = new byte[1 << 20];
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            {
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                    if (Array.IndexOf(buffer, (byte)'"', 0, read) >= 0)
                        return PlainCsvScanner.ScanRange(path, 0, long.MaxValue, delimiter, (b, start, end, isHeader) => true) != PlainCsvScanner.ScanEnd.Quote;
            }
            return true;
        }

        private void ReadPlain(string path, CsvChunk chunk, Action<CsvChunk> full, CancellationToken token)
        {
            byte delimiter = (byte)_options.Delimiter;
            int[] wantedOfField = null;
            int[] tableOfField = null;
            bool identity = false;
            int width = _wanted.Length, columns = Columns.Length;
            var fieldStart = new int[columns];
            var fieldEnd = new int[columns];
            var cellStart = new int[columns];
            var cellEnd = new int[columns];
            PlainCsvScanner.ScanRange(path, 0, long.MaxValue, delimiter, (buffer, start, end, isHeader) =>
            {
                if (isHeader)
                {
                    var header = PlainCsvScanner.SplitHeader(buffer, start, end, delimiter);
                    var map = CsvHeader.Map(path, header, Columns);
                    tableOfField = map.ColumnOfField;
                    wantedOfField = tableOfField.Select(c => c < 0 ? -1 : Array.FindIndex(_wanted, w => string.Equals(w, Columns[c], StringComparison.OrdinalIgnoreCase))).ToArray();
                    identity = header.Length == columns && tableOfField.Select((c, f) => c == f).All(same => same);
                    return true;
                }
                if (start == end) return true; // a blank line
                int row = chunk.Rows;
                if ((row & 0xFF) == 0) token.ThrowIfCancellationRequested();
                for (int c = 0; c < width; c++)
                {
                    chunk.States[row * width + c] = CellState.Absent;
                    chunk.FieldStart[row * width + c] = -1;
                }
                for (int c = 0; c < columns; c++) fieldStart[c] = -1;
                int echoAt = chunk.EchoLength;
                if (identity) chunk.AppendEcho(buffer, start, end - start);
                int field = 0;
                for (int from = start; ; )
                {
                    // A field's bytes as written (quotes included) are what is echoed; its cell is inside the quotes.
                    int stop = PlainCsvScanner.FieldEnd(buffer, from, end, delimiter, out int first, out int last);
                    if (field < tableOfField.Length && tableOfField[field] >= 0)
                    {
                        int c = tableOfField[field];
                        (fieldStart[c], fieldEnd[c], cellStart[c], cellEnd[c]) = (from, stop, first, last);
                    }
                    int w = field < wantedOfField.Length ? wantedOfField[field] : -1;
                    if (w >= 0 && identity) Cell(chunk, row, w, buffer, first, last - first, echoAt + (first - start));
                    field++;
                    if (stop == end) break;
                    from = stop + 1;
                }
                if (!identity)
                {
                    // Another column order: echo the fields in the first file's order (a missing one empty).
                    for (int c = 0; c < columns; c++)
                    {
                        if (c > 0) chunk.AppendEcho(new[] { delimiter }, 0, 1);
                        int at = chunk.EchoLength;
                        if (fieldStart[c] >= 0) chunk.AppendEcho(buffer, fieldStart[c], fieldEnd[c] - fieldStart[c]);
                        int w = Array.FindIndex(_wanted, n => string.Equals(n, Columns[c], StringComparison.OrdinalIgnoreCase));
                        if (w >= 0 && fieldStart[c] >= 0) Cell(chunk, row, w, chunk.Echo, at + cellStart[c] - fieldStart[c], cellEnd[c] - cellStart[c], at + cellStart[c] - fieldStart[c]);
                    }
                }
                chunk.EndRow();
                if (chunk.IsFull)
                {
                    full(chunk);
                    chunk.Clear();
                }
                return true;
            });
        }

        /// <summary>One wanted cell of a plain file: where it stands in the echo, and its number unless the column is text.</summary>
        private void Cell(CsvChunk chunk, int row, int column, byte[] bytes, int start, int length, int echoAt)
        {
            int i = row * chunk.Width + column;
            chunk.FieldStart[i] = echoAt;
            chunk.FieldLength[i] = length;
            if (FastNumber.IsBlank(bytes, start, length)) chunk.States[i] = CellState.Empty;
            else
            {
                chunk.States[i] = CellState.Present;
                if (_asText[column]) return;
                if (FastNumber.TryParse(bytes, start, length, out double value)) chunk.Numbers[i] = value;
                else chunk.Failed[column] = true;
            }
        }

        private void ReadQuoted(string path, CsvChunk chunk, Action<CsvChunk> full, CancellationToken token)
        {
            chunk.TextKept = true;
            int width = _wanted.Length;
            var line = new StringBuilder();
            QuotedCsvReader.Read(path, _options, reader =>
            {
                var fieldOfColumn = CsvHeader.Map(path, QuotedCsvReader.HeaderOf(reader), Columns).FieldOfColumn;
                var wantedColumn = _wanted.Select(w => Array.FindIndex(Columns, c => string.Equals(c, w, StringComparison.OrdinalIgnoreCase))).ToArray();
                while (reader.Read())
                {
                    if (reader.RowFieldCount == 1 && reader.GetString(0).Length == 0) continue; // a blank line, as Import-Csv skips it
                    int row = chunk.Rows;
                    if ((row & 0xFF) == 0) token.ThrowIfCancellationRequested();
                    line.Clear();
                    for (int c = 0; c < Columns.Length; c++)
                    {
                        if (c > 0) line.Append(_options.Delimiter);
                        int f = fieldOfColumn[c];
                        if (f >= 0 && f < reader.RowFieldCount) CsvText.AppendCell(line, reader.GetString(f), _options.Delimiter);
                    }
                    var bytes = Encoding.UTF8.GetBytes(line.ToString());
                    chunk.AppendEcho(bytes, 0, bytes.Length);
                    for (int w = 0; w < width; w++)
                    {
                        int f = fieldOfColumn[wantedColumn[w]];
                        string text = f >= 0 && f < reader.RowFieldCount ? reader.GetString(f) : null;
                        int i = row * width + w;
                        chunk.Text[w][row] = text;
                        chunk.States[i] = text == null ? CellState.Absent : string.IsNullOrWhiteSpace(text) ? CellState.Empty : CellState.Present;
                        if (chunk.States[i] != CellState.Present || _asText[w]) continue;
                        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) chunk.Numbers[i] = value;
                        else chunk.Failed[w] = true;
                    }
                    chunk.EndRow();
                    if (chunk.IsFull)
                    {
                        full(chunk);
                        chunk.Clear();
                    }
                }
                return 0;
            }, headerOnly: false);
        }
    }
}
