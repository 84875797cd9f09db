using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// A fast reader for the common CSV file: UTF-8 (or ASCII) without a single quote character. Such a
    /// file's grammar is just lines and delimiters, so cells are found with vectorised byte searches and
    /// numbers parsed from the bytes without making strings. The first quote seen declines the file
    /// (<see cref="PlainCsvDeclined"/>) and the caller reads it with the full grammar instead.
    /// Blank lines are skipped, as Import-Csv skips them.
    /// </summary>
    internal sealed class PlainCsvScanner : ICsvPass
    {
        private const int ChunkSize = 1 << 20;

        /// <summary>Files at least this large are parsed by two threads.</summary>
        private const long ParallelBytes = 16L << 20;

        private readonly IReadOnlyList<string> _paths;
        private readonly byte _delimiter;

        /// <summary>Whether the delimiter and the files' encodings suit the scanner (quotes are found while scanning).</summary>
        public static bool Accepts(IReadOnlyList<string> paths, char delimiter)
        {
            if (delimiter >= 128 || delimiter == '"' || delimiter == '\n' || delimiter == '\r') return false;
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
                    throw CsvSource.CannotRead(path, e);
                }
                // UTF-16 and UTF-32 byte-order marks: not bytes this scanner can split.
                if (read >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF))) return false;
                if (read >= 4 && start[0] == 0 && start[1] == 0 && start[2] == 0xFE && start[3] == 0xFF) return false;
            }
            return true;
        }

        public PlainCsvScanner(IReadOnlyList<string> paths, char delimiter)
        {
            _paths = paths;
            _delimiter = (byte)delimiter;
            Columns = ReadHeader(paths[0]);
        }

        public string[] Columns { get; }

        public int ReadNumbers(NumericColumnBuilder[] numbers, CancellationToken token)
        {
            var sink = new NumberSink(numbers);
            var split = _paths.Count == 1 && sink.Matrix != null ? SplitPoint(_paths[0]) : null;
            if (split == null) return Scan(sink, token);
            // Two halves on two cores: count each half's rows first, so the second knows where its rows
            // start and the matrix is sized once (no thread ever grows it).
            var path = _paths[0];
            var (dataStart, middle) = split.Value;
            int firstHalf = 0, secondHalf = 0;
            Parallel.Invoke(() => firstHalf = CountRows(path, dataStart, middle), () => secondHalf = CountRows(path, middle, long.MaxValue));
            sink.Matrix.EnsureCapacity(firstHalf + secondHalf);
            int[] map = null, alwaysAbsent = null;
            ScanRange(path, 0, dataStart, (buffer, start, end, isHeader) =>
            {
                (map, alwaysAbsent) = MapHeader(SplitHeader(buffer, start, end));
                return false;
            });
            try
            {
                Parallel.Invoke(
                    () => ScanRows(path, dataStart, middle, 0, map, alwaysAbsent, sink, token),
                    () => ScanRows(path, middle, long.MaxValue, firstHalf, map, alwaysAbsent, sink, token));
            }
            catch (AggregateException e) when (e.InnerExceptions.Any(i => i is PlainCsvDeclined || i is OperationCanceledException))
            {
                throw e.InnerExceptions.First(i => i is PlainCsvDeclined || i is OperationCanceledException);
            }
            return firstHalf + secondHalf;
        }

        private void ScanRows(string path, long from, long to, int firstRow, int[] map, int[] alwaysAbsent, ICellSink sink, CancellationToken token)
        {
            int row = firstRow;
            ScanRange(path, from, to, (buffer, start, end, isHeader) =>
            {
                if (start == end) return true;
                if ((row & 0x3FFF) == 0) token.ThrowIfCancellationRequested();
                Line(buffer, start, end, map, alwaysAbsent, row, sink);
                row++;
                return true;
            });
        }

        public void ReadText(int[] columns, string[][] text, CancellationToken token) => Scan(new TextSink(columns, text), token);

        private string[] ReadHeader(string path)
        {
            string[] header = null;
            ScanRange(path, 0, long.MaxValue, (buffer, start, end, first) =>
            {
                header = SplitHeader(buffer, start, end);
                return false;
            });
            if (header == null || header.Length == 0 || (header.Length == 1 && header[0].Length == 0)) throw CsvSource.NoHeader(path);
            return header;
        }

        private string[] SplitHeader(byte[] buffer, int start, int end)
        {
            var names = new List<string>();
            int from = start;
            for (int i = start; ; i++)
            {
                if (i == end || buffer[i] == _delimiter)
                {
                    names.Add(Encoding.UTF8.GetString(buffer, from, i - from));
                    from = i + 1;
                    if (i == end) break;
                }
            }
            return names.ToArray();
        }

        private int Scan(ICellSink sink, CancellationToken token)
        {
            int row = 0;
            foreach (var path in _paths)
            {
                int[] map = null;
                int[] alwaysAbsent = null;
                ScanRange(path, 0, long.MaxValue, (buffer, start, end, isHeader) =>
                {
                    if (isHeader)
                    {
                        (map, alwaysAbsent) = MapHeader(SplitHeader(buffer, start, end));
                        return true;
                    }
                    if (start == end) return true; // a blank line
                    if ((row & 0x3FFF) == 0) token.ThrowIfCancellationRequested();
                    sink.BeginRow(row);
                    Line(buffer, start, end, map, alwaysAbsent, row, sink);
                    row++;
                    return true;
                });
            }
            return row;
        }

        /// <summary>For each of the file's fields, the table column it fills (−1: none); and the table columns the file lacks.</summary>
        private (int[] Map, int[] AlwaysAbsent) MapHeader(string[] header)
        {
            var map = new int[header.Length];
            var seen = new bool[Columns.Length];
            for (int f = 0; f < header.Length; f++)
            {
                map[f] = -1;
                for (int c = 0; c < Columns.Length; c++)
                {
                    if (!seen[c] && string.Equals(header[f], Columns[c], StringComparison.OrdinalIgnoreCase))
                    {
                        map[f] = c;
                        seen[c] = true;
                        break;
                    }
                }
            }
            var absent = new List<int>();
            for (int c = 0; c < Columns.Length; c++) if (!seen[c]) absent.Add(c);
            return (map, absent.ToArray());
        }

        private void Line(byte[] buffer, int start, int end, int[] map, int[] alwaysAbsent, int row, ICellSink sink)
        {
            int field = 0, from = start;
            for (int i = start; ; i++)
            {
                if (i == end || buffer[i] == _delimiter)
                {
                    if (field < map.Length && map[field] >= 0) sink.Cell(map[field], row, buffer, from, i - from);
                    field++;
                    from = i + 1;
                    if (i == end) break;
                }
            }
            for (int f = field; f < map.Length; f++) if (map[f] >= 0) sink.Absent(map[f], row);
            foreach (var c in alwaysAbsent) sink.Absent(c, row);
        }

        /// <summary>Handles one line (without its line break): the bytes [start, end); false stops the scan.</summary>
        private delegate bool LineHandler(byte[] buffer, int start, int end, bool isHeader);

        /// <summary>
        /// Calls <paramref name="handle"/> for each line of the bytes [<paramref name="from"/>, <paramref name="to"/>)
        /// of the file; the range starting at 0 begins with the header (after any UTF-8 byte-order mark).
        /// A range must start at the beginning of a line.
        /// </summary>
        private static void ScanRange(string path, long from, long to, LineHandler handle)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw CsvSource.CannotRead(path, e);
            }
            using (stream)
            {
                if (from > 0) stream.Seek(from, SeekOrigin.Begin);
                long remaining = to - from;
                var buffer = new byte[ChunkSize];
                int length = 0, position = 0;
                bool endOfFile = false, header = from == 0, started = from > 0;
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
                            else if (Array.IndexOf(buffer, (byte)'"', length, read) >= 0) throw new PlainCsvDeclined();
                            length += read;
                            if (!started && length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) position = 3;
                            started = true;
                            continue;
                        }
                        if (position >= length) return;
                        newline = length;
                    }
                    int end = newline;
                    if (end > position && buffer[end - 1] == (byte)'\r') end--;
                    if (!handle(buffer, position, end, header)) return;
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

        /// <summary>The data rows (non-blank lines) in a byte range that holds no header.</summary>
        private static int CountRows(string path, long from, long to)
        {
            int rows = 0;
            ScanRange(path, from, to, (buffer, start, end, isHeader) =>
            {
                if (end > start) rows++;
                return true;
            });
            return rows;
        }

        /// <summary>Receives cells by table column and 0-based row.</summary>
        private interface ICellSink
        {
            void BeginRow(int row);

            void Cell(int column, int row, byte[] bytes, int start, int length);

            void Absent(int column, int row);
        }

        /// <summary>Parses cells into the shared row-major matrix directly (the hot path of a read).</summary>
        private sealed class NumberSink : ICellSink
        {
            private readonly NumericColumnBuilder[] _numbers;
            private readonly NumericMatrix _matrix;

            public NumberSink(NumericColumnBuilder[] numbers)
            {
                _numbers = numbers;
                _matrix = numbers.FirstOrDefault(n => n != null)?.Matrix;
            }

            public NumericMatrix Matrix => _matrix;

            public void BeginRow(int row)
            {
                if (_matrix != null && row >= _matrix.Capacity) _matrix.Grow();
            }

            [MethodImpl(Hot.Optimize)]
            public void Cell(int column, int row, byte[] bytes, int start, int length)
            {
                var builder = _numbers[column];
                if (builder == null || builder.Failed) return;
                if (FastNumber.TryParse(bytes, start, length, out double value))
                {
                    if (builder.AllPresent) _matrix.Data[row * _matrix.Width + column] = value;
                    else builder.Add(row, value, CellState.Present);
                }
                else if (FastNumber.IsBlank(bytes, start, length)) builder.Add(row, 0, CellState.Empty);
                else builder.Failed = true;
            }

            public void Absent(int column, int row) => _numbers[column]?.Add(row, 0, CellState.Absent);
        }

        private sealed class TextSink : ICellSink
        {
            private readonly bool[] _wanted;
            private readonly string[][] _text;

            public void BeginRow(int row)
            {
            }

            public TextSink(int[] columns, string[][] text)
            {
                _wanted = new bool[text.Length];
                foreach (var c in columns) _wanted[c] = true;
                _text = text;
            }

            public void Cell(int column, int row, byte[] bytes, int start, int length)
            {
                if (_wanted[column]) _text[column][row] = Encoding.UTF8.GetString(bytes, start, length);
            }

            public void Absent(int column, int row)
            {
                if (_wanted[column]) _text[column][row] = null;
            }
        }
    }

    /// <summary>Thrown by <see cref="PlainCsvScanner"/> when a file needs the full CSV grammar.</summary>
    internal sealed class PlainCsvDeclined : Exception
    {
    }
}
