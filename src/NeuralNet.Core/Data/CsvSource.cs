using System;
using System.IO;
using System.Threading;
using Sylvan.Data.Csv;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Reads a CSV file with a header row into a <see cref="RawTable"/> using Sylvan.Data.Csv (RFC 4180:
    /// quoted fields, embedded delimiters and newlines). Cells stay strings; the schema parses them with
    /// the invariant culture, exactly as it does Import-Csv rows.
    /// </summary>
    public static class CsvSource
    {
        public static RawTable Read(string path, char delimiter = ',', CancellationToken token = default)
        {
            CsvDataReader reader;
            try
            {
                reader = CsvDataReader.Create(path, new CsvDataReaderOptions { Delimiter = delimiter, HasHeaders = true });
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new NeuralNetException("CsvReadFailed", ErrorKind.InvalidData, $"Cannot read '{path}': {e.Message}");
            }
            using (reader)
            {
                int width = reader.FieldCount;
                var columns = new string[width];
                for (int c = 0; c < width; c++) columns[c] = reader.GetName(c);
                if (width == 0 || (width == 1 && columns[0].Length == 0))
                    throw new NeuralNetException("CsvNoHeader", ErrorKind.InvalidData, $"'{path}' has no header row; the first line must name the columns.");
                var table = new RawTable(columns);
                int line = 1;
                while (reader.Read())
                {
                    line++;
                    if ((line & 0x3FFF) == 0) token.ThrowIfCancellationRequested();
                    var row = new object[width];
                    int fields = reader.RowFieldCount;
                    for (int c = 0; c < width; c++) row[c] = c < fields ? reader.GetString(c) : RawTable.MissingProperty;
                    table.Add(row);
                }
                return table;
            }
        }
    }
}
