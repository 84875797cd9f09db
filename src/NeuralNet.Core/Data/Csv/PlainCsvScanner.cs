using System.Threading.Tasks;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// A fast reader for the common CSV file: UTF-8 (or ASCII) with no quote, or with the quoting
    /// Export-Csv writes, every quote opening a field and closing it just before a delimiter or the line's
    /// end (<see cref="SimplyQuoted"/>). Such a file's grammar is just lines, delimiters and field-wide
    /// quotes, so cells are found with vectorised byte searches and numbers parsed from the bytes without
    /// making strings. The first line quoted otherwise (an escaped quote, a quoted line break) declines the
    /// file (<see cref="TryReadNumbers"/> returns false) and the caller reads it with the full grammar
    /// instead. Blank lines are skipped, as Import-Csv skips them.
    /// </summary>
    internal sealed class PlainCsvScanner : ICsvPass
    {
        private const int ChunkSize = 1 << 20;

        /// <summary>Files at least this large are parsed by two threads.</summary>
        private const long ParallelBytes = 16L << 20;

        private readonly IReadOnlyList<string> _paths;
        private readonly byte _delimiter;

        /// <summary>A scanner for the files, or null when the options, an encoding or a quote in the first file's start rule it out.</summary>
        public static PlainCsvScanner TryCreate(IReadOnlyList<string> paths, CsvOptions options)
        {
            if (!Accepts(paths, options)) return null;
            var header = ReadHeader(paths[0], (byte)options.Delimiter);
            return header == null ? null : new PlainCsvScanner(paths, options, CsvHeader.Columns(paths[0], header));
        }

        /// <summary>Whether the options and the files' encodings suit the scanner (quotes are found while scanning).</summary>
        internal static bool Accepts(IReadOnlyList<string> paths, CsvOptions options)
        {
            if (!options.SuitsPlainScanner) return false;
            var start = new byte[4];
            foreach (var path in paths)
            {
                int read;
                try
                {
                    using (var stream = File.OpenRead(path)) read = stream.Read(start, 0, 4);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw DataErrors.CsvCannotRead(path, e.Message);
                }
                // UTF-16 and UTF-32 byte-order marks: not bytes this scanner can split.
                if (read >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF))) return false;
                if (read >= 4 && start[0] == 0 && start[1] == 0 && start[2] == 0xFE && start[3] == 0xFF) return false;
            }
            return true;
        }

        private PlainCsvScanner(IReadOnlyList<string> paths, CsvOptions options, string[] columns)
        {
            _paths = paths;
            _delimiter = (byte)options.Delimiter;
            Columns = columns;
        }

        public string[] Columns { get; }

        public bool TryReadNumbers(NumericColumnBuilder[] numbers, CancellationToken token, out int rows)
        {
            var sink = new NumberSink(numbers);
            var split = _paths.Count == 1 && sink.Matrix != null ? SplitPoint(_paths[0]) : null;
            if (split == null) return Scan(sink, token, out rows);
            // Two halves on two cores: count each half's rows first, so the second knows where its rows
            // start and the matrix is sized once (no thread ever grows it).
            var path = _paths[0];
            var (dataStart, middle) = split.Value;
            int firstHalf = 0, secondHalf = 0;
            Work.Both(() => firstHalf = CountRows(path, dataStart, middle), () => secondHalf = CountRows(path, middle, long.MaxValue));
            rows = firstHalf + secondHalf;
            sink.Matrix.EnsureCapacity(rows);
            CsvHeader header = null;
            ScanRange(path, 0, dataStart, _delimiter, (buffer, start, end, isHeader) =>
            {
                header = CsvHeader.Map(path, SplitHeader(buffer, start, end), Columns);
                return false;
            });
            bool first = true, second = true;
            int secondStart = firstHalf;
            Work.Both(
                () => first = ScanRows(path, dataStart, middle, 0, header, sink, token),
                () => second = ScanRows(path, middle, long.MaxValue, secondStart, header, sink, token));
            return first && second;
        }

        /// <summary>Parses the data rows of a byte range; false when it met a quote.</summary>
        private bool ScanRows(string path, long from, long to, int firstRow, CsvHeader header, ICellSink sink, CancellationToken token)
        {
            int row = firstRow;
            return ScanRange(path, from, to, _delimiter, (buffer, start, end, isHeader) =>
            {
                if (start == end) return true;
                if ((row & 0x3FFF) == 0) token.ThrowIfCancellationRequested();
                Line(buffer, start, end, header, row, sink);
                row++;
                return true;
            }) != ScanEnd.Quote;
        }

        public void ReadText(int[] columns, string[][] text, CancellationToken token) => Scan(new TextSink(columns, text), token, out _);

        /// <summary>The header's names; null when the file's start holds a quote (the full grammar reads it then).</summary>
        private static string[] ReadHeader(string path, byte delimiter)
        {
            string[] header = new string[0];
            var end = ScanRange(path, 0, long.MaxValue, delimiter, (buffer, start, stop, first) =>
            {
                header = SplitHeader(buffer, start, stop, delimiter);
                return false;
            });
            return end == ScanEnd.Quote ? null : header;
        }

        private string[] SplitHeader(byte[] buffer, int start, int end) => SplitHeader(buffer, start, end, _delimiter);

        internal static string[] SplitHeader(byte[] buffer, int start, int end, byte delimiter)
        {
            var names = new List<string>();
            for (int from = start; ; )
            {
                int stop = FieldEnd(buffer, from, end, delimiter, out int cellStart, out int cellEnd);
                names.Add(Encoding.UTF8.GetString(buffer, cellStart, cellEnd - cellStart));
                if (stop == end) break;
                from = stop + 1;
            }
            return names.ToArray();
        }

        /// <summary>
        /// Whether every quote of the line [start, end) opens a field and closes it just before a delimiter or
        /// the line's end, with no quote between: the quoting Export-Csv writes, which this scanner reads.
        /// Any other quote (an escaped one, a quoted line break, one inside a field) needs the full grammar.
        /// </summary>
        internal static bool SimplyQuoted(byte[] buffer, int start, int end, byte delimiter)
        {
            for (int i = start; ; )
            {
                int stop;
                if (i < end && buffer[i] == (byte)'"')
                {
                    int close = Array.IndexOf(buffer, (byte)'"', i + 1, end - i - 1);
                    if (close < 0) return false;
                    stop = close + 1;
                    if (stop < end && buffer[stop] != delimiter) return false;
                }
                else
                {
                    int next = Array.IndexOf(buffer, delimiter, i, end - i);
                    stop = next < 0 ? end : next;
                    if (Array.IndexOf(buffer, (byte)'"', i, stop - i) >= 0) return false;
                }
                if (stop >= end) return true;
                i = stop + 1;
            }
        }

        /// <summary>
        /// The field of a line (<see cref="SimplyQuoted"/>) that starts at <paramref name="from"/>: its cell
        /// [cellStart, cellEnd), inside its quotes if it has them; returns where it ends (its delimiter, or <paramref name="end"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int FieldEnd(byte[] buffer, int from, int end, byte delimiter, out int cellStart, out int cellEnd)
        {
            if (from < end && buffer[from] == (byte)'"')
            {
                cellStart = from + 1;
                cellEnd = Array.IndexOf(buffer, (byte)'"', cellStart, end - cellStart);
                return cellEnd + 1;
            }
            int next = Array.IndexOf(buffer, delimiter, from, end - from);
            cellStart = from;
            cellEnd = next < 0 ? end : next;
            return cellEnd;
        }

        /// <summary>Reads every file into the sink; false when a file holds a quote (then the sink is half filled and must be dropped).</summary>
        private bool Scan(ICellSink sink, CancellationToken token, out int rows)
        {
            int row = 0;
            foreach (var path in _paths)
            {
                CsvHeader header = null;
                var end = ScanRange(path, 0, long.MaxValue, _delimiter, (buffer, start, stop, isHeader) =>
                {
                    if (isHeader)
                    {
                        header = CsvHeader.Map(path, SplitHeader(buffer, start, stop), Columns);
                        return true;
                    }
                    if (start == stop) return true; // a blank line
                    if ((row & 0x3FFF) == 0) token.ThrowIfCancellationRequested();
                    sink.BeginRow(row);
                    Line(buffer, start, stop, header, row, sink);
                    row++;
                    return true;
                });
                if (end == ScanEnd.Quote)
                {
                    rows = 0;
                    return false;
                }
            }
            rows = row;
            return true;
        }

        private void Line(byte[] buffer, int start, int end, CsvHeader header, int row, ICellSink sink)
        {
            var map = header.ColumnOfField;
            int field = 0;
            for (int from = start; ; )
            {
                int stop = FieldEnd(buffer, from, end, _delimiter, out int cellStart, out int cellEnd);
                if (field < map.Length && map[field] >= 0) sink.Cell(map[field], row, buffer, cellStart, cellEnd - cellStart);
                field++;
                if (stop == end) break;
                from = stop + 1;
            }
            for (int f = field; f < map.Length; f++) if (map[f] >= 0) sink.Absent(map[f], row);
            foreach (var c in header.AbsentColumns) sink.Absent(c, row);
        }

        /// <summary>Handles one line (without its line break): the bytes [start, end); false stops the scan.</summary>
        internal delegate bool LineHandler(byte[] buffer, int start, int end, bool isHeader);

        /// <summary>
        /// Calls <paramref name="handle"/> for each line of the bytes [<paramref name="from"/>, <paramref name="to"/>)
        /// of the file; the range starting at 0 begins with the header (after any UTF-8 byte-order mark).
        /// A range must start at the beginning of a line.
        /// </summary>
        internal static ScanEnd ScanRange(string path, long from, long to, byte delimiter, LineHandler handle)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw DataErrors.CsvCannotRead(path, e.Message);
            }
            using (stream)
            {
                if (from > 0) stream.Seek(from, SeekOrigin.Begin);
                long remaining = to - from;
                var buffer = new byte[ChunkSize];
                int length = 0, position = 0;
                bool endOfFile = false, header = from == 0, started = from > 0, quotes = false;
                while (true)
                {
                    int newline = length > position ? Array.IndexOf(buffer, (byte)'\n', position, length - position) : -1;
                    if (newline < 0)
                    {
                        if (!endOfFile)
                        {
                            if (position > 0)
                            {
                                Buffer.BlockCopy(buffer, position, buffer, 0, length - position);
                                length -= position;
                                position = 0;
                            }
                            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                            int read = remaining <= 0 ? 0 : stream.Read(buffer, length, (int)Math.Min(buffer.Length - length, remaining));
                            remaining -= read;
                            if (read == 0) endOfFile = true;
                            else if (!quotes) quotes = Array.IndexOf(buffer, (byte)'"', length, read) >= 0;
                            length += read;
                            if (!started && length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) position = 3;
                            started = true;
                            continue;
                        }
                        if (position >= length) return ScanEnd.Done;
                        newline = length;
                    }
                    int end = newline;
                    if (end > position && buffer[end - 1] == (byte)'\r') end--;
                    if (quotes && !SimplyQuoted(buffer, position, end, delimiter)) return ScanEnd.Quote;
                    if (!handle(buffer, position, end, header)) return ScanEnd.Stopped;
                    header = false;
                    position = newline + 1;
                }
            }
        }

        /// <summary>
        /// For one large file, the byte offset where its data rows start and a line start near the middle
        /// of them, so two threads can each parse half; null when the file is small or has no such lines.
        /// </summary>
        private static (long DataStart, long Middle)? SplitPoint(string path)
        {
            var info = new FileInfo(path);
            if (info.Length < ParallelBytes || Environment.ProcessorCount < 2) return null;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
            {
                var block = new byte[1 << 20];
                int read = stream.Read(block, 0, block.Length);
                int header = Array.IndexOf(block, (byte)'\n', 0, read);
                if (header < 0) return null;
                long dataStart = header + 1, middle = dataStart + (info.Length - dataStart) / 2;
                stream.Seek(middle, SeekOrigin.Begin);
                read = stream.Read(block, 0, block.Length);
                int next = Array.IndexOf(block, (byte)'\n', 0, read);
                if (next < 0 || middle + next + 1 >= info.Length) return null;
                return (dataStart, middle + next + 1);
            }
        }

        /// <summary>How a scan of a byte range ended: at its end, stopped by the handler, or at a quote (the file needs the full grammar).</summary>
        internal enum ScanEnd
        {
            Done,
            Stopped,
            Quote,
        }

        /// <summary>The data rows (non-blank lines) in a byte range that holds no header.</summary>
        private int CountRows(string path, long from, long to)
        {
            int rows = 0;
            ScanRange(path, from, to, _delimiter, (buffer, start, end, isHeader) =>
            {
                if (end > start) rows++;
                return true;
            });
            return rows;
        }
    }
}
