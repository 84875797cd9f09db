namespace NeuralNet.Core.Data
{
    /// <summary>
    /// A file's header matched to the table's columns (the first file's header), by name and
    /// case-insensitively, as PowerShell matches properties; the one header map both readers use.
    /// </summary>
    /// <param name="ColumnOfField">For each field of the file, the table column it fills, or −1.</param>
    /// <param name="FieldOfColumn">For each table column, the file's field that fills it, or −1.</param>
    /// <param name="AbsentColumns">The table columns this file has no field for (its cells are absent).</param>
    internal sealed record CsvHeader(int[] ColumnOfField, int[] FieldOfColumn, int[] AbsentColumns)
    {
        /// <summary>The first file's header as the table's columns: present, and every name once.</summary>
        public static string[] Columns(string path, string[] names)
        {
            if (names == null || names.Length == 0 || (names.Length == 1 && names[0].Trim().Length == 0)) throw DataErrors.CsvNoHeader(path);
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (int f = 0; f < names.Length; f++)
            {
                // A compressed or binary file decodes to control characters and U+FFFD in its "header".
                foreach (char ch in names[f])
                    if (ch == '\uFFFD' || (char.IsControl(ch) && ch != '\t')) throw DataErrors.CsvNotText(path, ch);
                if (names[f].Trim().Length == 0) throw DataErrors.CsvEmptyHeader(path, f + 1, names.Length);
                if (seen.TryGetValue(names[f], out int earlier)) throw DataErrors.CsvDuplicateHeader(path, names[earlier], names[f], earlier + 1, f + 1);
                seen.Add(names[f], f);
            }
            return names;
        }

        /// <summary>Matches a file's header (checked as <see cref="Columns"/> checks the first) to the table's columns.</summary>
        public static CsvHeader Map(string path, string[] header, IReadOnlyList<string> columns)
        {
            Columns(path, header);
            var columnOfField = new int[header.Length];
            var fieldOfColumn = new int[columns.Count];
            for (int c = 0; c < fieldOfColumn.Length; c++) fieldOfColumn[c] = -1;
            for (int f = 0; f < header.Length; f++)
            {
                columnOfField[f] = -1;
                for (int c = 0; c < columns.Count; c++)
                {
                    if (!string.Equals(header[f], columns[c], StringComparison.OrdinalIgnoreCase)) continue;
                    columnOfField[f] = c;
                    fieldOfColumn[c] = f;
                    break;
                }
            }
            var absent = new List<int>();
            for (int c = 0; c < fieldOfColumn.Length; c++) if (fieldOfColumn[c] < 0) absent.Add(c);
            return new CsvHeader(columnOfField, fieldOfColumn, absent.ToArray());
        }
    }
}
