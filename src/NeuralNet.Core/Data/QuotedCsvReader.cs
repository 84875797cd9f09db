using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using Sylvan.Data.Csv;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// The full RFC 4180 grammar (quoted fields, embedded delimiters, quotes and newlines) through
    /// Sylvan.Data.Csv, for files the plain scanner declines. Cells are read as strings and parsed as
    /// Import-Csv rows are.
    /// </summary>
    internal sealed class QuotedCsvReader : ICsvPass
    {
        private readonly IReadOnlyList<string> _paths;
        private readonly char _delimiter;

        public QuotedCsvReader(IReadOnlyList<string> paths, char delimiter)
        {
            _paths = paths;
            _delimiter = delimiter;
            using (var reader = Open(paths[0]))
            {
                Columns = new string[reader.FieldCount];
                for (int c = 0; c < Columns.Length; c++) Columns[c] = reader.GetName(c);
                if (Columns.Length == 0 || (Columns.Length == 1 && Columns[0].Length == 0)) throw CsvSource.NoHeader(paths[0]);
            }
        }

        public string[] Columns { get; }

        public int ReadNumbers(NumericColumnBuilder[] numbers, CancellationToken token)
        {
            return ReadAll(token, (reader, map, fields, row) =>
            {
                for (int c = 0; c < map.Length; c++)
                {
                    var column = numbers[c];
                    if (column == null || column.Failed) continue;
                    if (map[c] < 0 || map[c] >= fields)
                    {
                        column.Add(row, 0, CellState.Absent);
                        continue;
                    }
                    var text = reader.GetString(map[c]);
                    if (string.IsNullOrWhiteSpace(text)) column.Add(row, 0, CellState.Empty);
                    else if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) column.Add(row, value, CellState.Present);
                    else column.Failed = true;
                }
            });
        }

        public void ReadText(int[] columns, string[][] text, CancellationToken token)
        {
            ReadAll(token, (reader, map, fields, row) =>
            {
                foreach (var c in columns) text[c][row] = map[c] >= 0 && map[c] < fields ? reader.GetString(map[c]) : null;
            });
        }

        private int ReadAll(CancellationToken token, Action<CsvDataReader, int[], int, int> handle)
        {
            int row = 0;
            foreach (var path in _paths)
            {
                using (var reader = Open(path))
                {
                    var map = new int[Columns.Length];
                    for (int c = 0; c < Columns.Length; c++)
                    {
                        map[c] = -1;
                        for (int f = 0; f < reader.FieldCount; f++)
                            if (string.Equals(reader.GetName(f), Columns[c], StringComparison.OrdinalIgnoreCase)) { map[c] = f; break; }
                    }
                    while (reader.Read())
                    {
                        if ((row & 0x3FFF) == 0) token.ThrowIfCancellationRequested();
                        // Sylvan returns a blank line as one empty field; Import-Csv skips it, and so do we.
                        if (reader.RowFieldCount == 1 && reader.GetString(0).Length == 0) continue;
                        handle(reader, map, reader.RowFieldCount, row);
                        row++;
                    }
                }
            }
            return row;
        }

        private CsvDataReader Open(string path)
        {
            try
            {
                return CsvDataReader.Create(path, new CsvDataReaderOptions { Delimiter = _delimiter, HasHeaders = true, BufferSize = 1 << 16 });
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw CsvSource.CannotRead(path, e);
            }
        }
    }
}
