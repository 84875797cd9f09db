using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Reads CSV files with a header row into a column-stored <see cref="RawTable"/>: numeric columns
    /// as contiguous arrays of parsed numbers, the others as strings. Later files are matched to the
    /// first file's columns by name. Plain files (no quotes, UTF-8) go through <see cref="PlainCsvScanner"/>,
    /// which parses numbers from the file's bytes; any other file through Sylvan.Data.Csv's full
    /// RFC 4180 reader (<see cref="QuotedCsvReader"/>). Either way the table reads exactly like the same
    /// rows from Import-Csv.
    /// </summary>
    public static class CsvSource
    {
        /// <param name="paths">The files, read in order.</param>
        /// <param name="delimiter">The field delimiter.</param>
        /// <param name="textColumns">Columns to keep as strings even when they hold numbers (categories).</param>
        /// <param name="token">Checked every few thousand lines.</param>
        public static RawTable Read(IReadOnlyList<string> paths, char delimiter = ',', IEnumerable<string> textColumns = null, CancellationToken token = default)
        {
            if (paths.Count == 0) throw new ArgumentException("No files to read.", nameof(paths));
            if (PlainCsvScanner.Accepts(paths, delimiter))
            {
                try
                {
                    return Read(new PlainCsvScanner(paths, delimiter), paths, textColumns, token);
                }
                catch (PlainCsvDeclined)
                {
                    // A quote somewhere: read the files again with the full grammar.
                }
            }
            return Read(new QuotedCsvReader(paths, delimiter), paths, textColumns, token);
        }

        private static RawTable Read(ICsvPass reader, IReadOnlyList<string> paths, IEnumerable<string> textColumns, CancellationToken token)
        {
            var columns = reader.Columns;
            var forced = new HashSet<string>(textColumns ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);

            // Sizing the arrays once from the files' length avoids regrowing large arrays, each regrowth
            // a large-object allocation that costs a full garbage collection.
            int capacity = EstimateRows(paths);
            var matrix = new NumericMatrix(columns.Length, capacity);
            var numbers = new NumericColumnBuilder[columns.Length];
            for (int c = 0; c < columns.Length; c++)
                if (!forced.Contains(columns[c])) numbers[c] = new NumericColumnBuilder(matrix, c);
            int rows = reader.ReadNumbers(numbers, token);

            var text = new string[columns.Length][];
            var textColumnIndexes = Enumerable.Range(0, columns.Length).Where(c => numbers[c] == null || numbers[c].Failed).ToArray();
            if (textColumnIndexes.Length > 0)
            {
                foreach (var c in textColumnIndexes) text[c] = new string[rows];
                reader.ReadText(textColumnIndexes, text, token);
            }
            var numeric = new NumericColumn[columns.Length];
            for (int c = 0; c < columns.Length; c++)
                if (text[c] == null) numeric[c] = numbers[c].Build(rows);
            return new RawTable(columns, rows, numeric, text);
        }

        /// <summary>The column names of a CSV file's header row (for tab completion of -Target and -Feature).</summary>
        public static string[] Columns(string path, char delimiter = ',')
        {
            if (PlainCsvScanner.Accepts(new[] { path }, delimiter))
            {
                try
                {
                    return new PlainCsvScanner(new[] { path }, delimiter).Columns;
                }
                catch (PlainCsvDeclined)
                {
                    // quoted header: the full grammar below
                }
            }
            return new QuotedCsvReader(new[] { path }, delimiter).Columns;
        }

        internal static NeuralNetException NoHeader(string path) =>
            new NeuralNetException("CsvNoHeader", ErrorKind.InvalidData, $"'{path}' has no header row; the first line must name the columns.");

        internal static NeuralNetException CannotRead(string path, Exception e) =>
            new NeuralNetException("CsvReadFailed", ErrorKind.InvalidData, $"Cannot read '{path}': {e.Message}");

        /// <summary>Total bytes over the average line length of the first file's first 64 KB, plus a margin.</summary>
        private static int EstimateRows(IReadOnlyList<string> paths)
        {
            try
            {
                long bytes = 0;
                foreach (var path in paths) bytes += new FileInfo(path).Length;
                var sample = new byte[1 << 16];
                int read, lines = 0;
                using (var stream = File.OpenRead(paths[0])) read = stream.Read(sample, 0, sample.Length);
                for (int i = 0; i < read; i++) if (sample[i] == (byte)'\n') lines++;
                if (lines == 0) return 1024;
                long estimate = bytes * lines / read + lines / 16 + 64;
                return (int)Math.Min(estimate, int.MaxValue / 16);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return 1024;
            }
        }
    }

    /// <summary>One way of reading the files: a pass for numbers, then (if needed) a pass for text columns.</summary>
    internal interface ICsvPass
    {
        /// <summary>The first file's header.</summary>
        string[] Columns { get; }

        /// <summary>Fills the builders (null for text columns), marking those that meet text as failed; returns the row count.</summary>
        int ReadNumbers(NumericColumnBuilder[] numbers, CancellationToken token);

        /// <summary>Fills <paramref name="text"/>[c][row] for the given columns (null where a line has no such field).</summary>
        void ReadText(int[] columns, string[][] text, CancellationToken token);
    }

    /// <summary>
    /// The parsed numbers of every column in one row-major array (rows × columns): filling it touches
    /// memory in one sequential stream, and on first touch, fresh memory is the dominant cost of a read.
    /// </summary>
    internal sealed class NumericMatrix
    {
        public NumericMatrix(int width, int capacity)
        {
            Width = width;
            Capacity = Math.Max(16, capacity);
            Data = new double[checked((long)Capacity * width)];
        }

        public int Width { get; }

        public int Capacity { get; private set; }

        public double[] Data { get; private set; }

        /// <summary>Grows to at least <paramref name="rows"/> rows (before parallel writers start).</summary>
        public void EnsureCapacity(int rows)
        {
            while (Capacity < rows) Grow();
        }

        public void Grow()
        {
            Capacity += Capacity / 2;
            var data = Data;
            Array.Resize(ref data, checked(Capacity * Width));
            Data = data;
        }
    }

    /// <summary>One column of a <see cref="NumericMatrix"/>, with cell states recorded only once a cell is missing.</summary>
    internal sealed class NumericColumnBuilder
    {
        private readonly NumericMatrix _matrix;
        private readonly int _column;
        private CellState[] _states;

        public NumericColumnBuilder(NumericMatrix matrix, int column)
        {
            _matrix = matrix;
            _column = column;
        }

        /// <summary>Set when a present cell is not a number: the column is text after all.</summary>
        public bool Failed { get; set; }

        public NumericMatrix Matrix => _matrix;

        /// <summary>True until a cell of the column is missing (then states are kept).</summary>
        public bool AllPresent => _states == null;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int row, double value, CellState state)
        {
            if (row >= _matrix.Capacity) _matrix.Grow();
            _matrix.Data[row * _matrix.Width + _column] = value;
            if (state == CellState.Present && _states == null) return;
            // Missing cells are rare; the lock makes the first one safe when two threads parse halves of a file.
            if (_states == null || _states.Length < _matrix.Capacity)
            {
                lock (this)
                {
                    if (_states == null) _states = new CellState[_matrix.Capacity];
                    else if (_states.Length < _matrix.Capacity) Array.Resize(ref _states, _matrix.Capacity);
                }
            }
            _states[row] = state;
        }

        public NumericColumn Build(int rows)
        {
            if (_states != null && _states.Length < rows) Array.Resize(ref _states, rows);
            return new NumericColumn(_matrix.Data, _column, _matrix.Width, _states);
        }
    }
}
