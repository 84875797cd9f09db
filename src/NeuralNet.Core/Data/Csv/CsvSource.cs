namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Reads CSV files with a header row into a column-stored <see cref="RawTable"/>: numeric columns
    /// as contiguous arrays of parsed numbers, the others as strings. Later files are matched to the
    /// first file's columns by name. Plain files (UTF-8 with no quotes, or the field-wide quotes
    /// Export-Csv writes) go through <see cref="PlainCsvScanner"/>, which parses numbers from the file's
    /// bytes; any other file through Sylvan.Data.Csv's full RFC 4180 reader (<see cref="QuotedCsvReader"/>). Either way the table reads exactly like the same
    /// rows from Import-Csv.
    /// </summary>
    public static class CsvSource
    {
        /// <param name="paths">The files, read in order.</param>
        /// <param name="options">How to read them (null: the defaults).</param>
        /// <param name="textColumns">Columns to keep as strings even when they hold numbers (categories).</param>
        /// <param name="token">Checked every few thousand lines.</param>
        public static RawTable Read(IReadOnlyList<string> paths, CsvOptions options = null, IEnumerable<string> textColumns = null, CancellationToken token = default) =>
            Read(paths, options, textColumns, token, fullGrammar: false);

        /// <summary>As the public overload; <paramref name="fullGrammar"/> skips the byte scanner (the tests' reference).</summary>
        internal static RawTable Read(IReadOnlyList<string> paths, CsvOptions options, IEnumerable<string> textColumns, CancellationToken token, bool fullGrammar)
        {
            if (paths.Count == 0) throw new ArgumentException("No files to read.", nameof(paths));
            options = options ?? new CsvOptions();
            options.Validate();
            foreach (var path in paths)
                if (Directory.Exists(path)) throw DataErrors.CsvIsDirectory(path);
            var forced = new HashSet<string>(textColumns ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            // A quote the scanner cannot split (an escaped one, a quoted line break) declines it: the files
            // are then read again with the full grammar.
            var scanner = fullGrammar ? null : PlainCsvScanner.TryCreate(paths, options);
            if (scanner != null && TryRead(scanner, paths, forced, token, out var table)) return table;
            TryRead(new QuotedCsvReader(paths, options), paths, forced, token, out table);
            return table;
        }

        private static bool TryRead(ICsvPass reader, IReadOnlyList<string> paths, HashSet<string> forced, CancellationToken token, out RawTable table)
        {
            var columns = reader.Columns;
            // Sizing the arrays once from the files' length avoids regrowing large arrays, each regrowth
            // a large-object allocation that costs a full garbage collection.
            var matrix = new NumericMatrix(columns.Length, EstimateRows(paths));
            var numbers = new NumericColumnBuilder[columns.Length];
            for (int c = 0; c < columns.Length; c++)
                if (!forced.Contains(columns[c])) numbers[c] = new NumericColumnBuilder(matrix, c);
            table = null;
            if (!reader.TryReadNumbers(numbers, token, out int rows)) return false;

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
            table = new RawTable(columns, rows, numeric, text);
            return true;
        }

        /// <summary>The column names of a CSV file's header row (for tab completion of -Target and -Feature).</summary>
        public static string[] Columns(string path, CsvOptions options = null)
        {
            options = options ?? new CsvOptions();
            return PlainCsvScanner.TryCreate(new[] { path }, options)?.Columns ?? new QuotedCsvReader(new[] { path }, options).Columns;
        }

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

        /// <summary>
        /// Fills the builders (null for text columns), marking those that meet text as failed, and gives the
        /// row count; false when the reader cannot read the files after all (the byte scanner met a quote).
        /// </summary>
        bool TryReadNumbers(NumericColumnBuilder[] numbers, CancellationToken token, out int rows);

        /// <summary>Fills <paramref name="text"/>[c][row] for the given columns (null where a line has no such field).</summary>
        void ReadText(int[] columns, string[][] text, CancellationToken token);
    }
}
