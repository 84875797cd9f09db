using Sylvan.Data.Csv;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// The full RFC 4180 grammar (quoted fields, embedded delimiters, quotes and newlines) through
    /// Sylvan.Data.Csv, for files the plain scanner declines. Cells are read as strings and parsed as
    /// Import-Csv rows are. Sylvan's errors become the module's, naming the file and the row.
    /// </summary>
    internal sealed class QuotedCsvReader : ICsvPass
    {
        private readonly IReadOnlyList<string> _paths;
        private readonly CsvOptions _options;

        public QuotedCsvReader(IReadOnlyList<string> paths, CsvOptions options)
        {
            _paths = paths;
            _options = options;
            Columns = Read(paths[0], options, reader => CsvHeader.Columns(paths[0], HeaderOf(reader)), headerOnly: true);
        }

        public string[] Columns { get; }

        public bool TryReadNumbers(NumericColumnBuilder[] numbers, CancellationToken token, out int rows)
        {
            rows = ReadAll(token, (reader, map, fields, row) =>
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
            return true;
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
                row = Read(path, _options, reader =>
                {
                    var map = CsvHeader.Map(path, HeaderOf(reader), Columns).FieldOfColumn;
                    while (reader.Read())
                    {
                        if ((row & 0x3FFF) == 0) token.ThrowIfCancellationRequested();
                        // Sylvan returns a blank line as one empty field; Import-Csv skips it, and so do we.
                        if (reader.RowFieldCount == 1 && reader.GetString(0).Length == 0) continue;
                        handle(reader, map, reader.RowFieldCount, row);
                        row++;
                    }
                    return row;
                }, headerOnly: false);
            }
            return row;
        }

        internal static string[] HeaderOf(CsvDataReader reader)
        {
            var names = new string[reader.FieldCount];
            for (int f = 0; f < names.Length; f++) names[f] = reader.GetName(f);
            return names;
        }

        /// <summary>Opens a file and runs <paramref name="read"/> on it, with Sylvan's and the file system's failures turned into the module's errors.</summary>
        internal static T Read<T>(string path, CsvOptions options, Func<CsvDataReader, T> read, bool headerOnly)
        {
            CsvDataReader reader = null;
            try
            {
                reader = CsvDataReader.Create(path, options.ForQuotedReader());
                return read(reader);
            }
            catch (CsvMissingHeadersException)
            {
                throw DataErrors.CsvNoHeader(path);
            }
            catch (CsvRecordTooLargeException)
            {
                throw DataErrors.CsvRecordTooLarge(path, RowOf(reader, headerOnly));
            }
            catch (CsvFormatException e)
            {
                throw DataErrors.CsvMalformed(path, Math.Max(1, e.RowNumber),
                    e is CsvInvalidCharacterException invalid ? $"'{invalid.InvalidCharacter}' follows a quoted field, or a quote is never closed" : "the quoting is malformed");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw DataErrors.CsvCannotRead(path, e.Message);
            }
            finally
            {
                reader?.Dispose();
            }
        }

        private static int RowOf(CsvDataReader reader, bool headerOnly) => reader == null || headerOnly ? 1 : Math.Max(1, reader.RowNumber);
    }
}
