namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Writes rows as a CSV file that <see cref="CsvSource"/> reads back to the same numbers and the
    /// same labels: what an experiment plan keeps of rows that came down the pipeline. A missing cell
    /// (empty, null, or a property the row lacks) is an empty field; a string is written trimmed (as
    /// it is read); a number in its shortest round-trip form (as a category label spells it); anything
    /// else as its label. Fields with a comma, a quote or a line break are quoted (RFC 4180). A column
    /// whose labels must keep their spelling although they read as numbers ("1.50") has to be read
    /// back as text (CsvSource's textColumns): the caller keeps that list with the file.
    /// </summary>
    internal static class TableCsvWriter
    {
        /// <summary>The table as CSV text: a header row of its columns, then one line per row; a list or dictionary in a cell is a NotScalar error naming it.</summary>
        public static string Write(RawTable table)
        {
            var text = new StringBuilder();
            Line(text, table.Columns);
            var cells = new string[table.Columns.Count];
            for (int r = 0; r < table.RowCount; r++)
            {
                for (int c = 0; c < cells.Length; c++) cells[c] = Cell(table[r, c], r + 1, table.Columns[c]);
                Line(text, cells);
            }
            return text.ToString();
        }

        /// <summary>Matrices as CSV: columns x1…xn for the features and y1…ym for the targets, every number in round-trip form.</summary>
        public static string WriteMatrices(IReadOnlyList<double[]> features, IReadOnlyList<double[]> targets)
        {
            var text = new StringBuilder();
            int n = features.Count == 0 ? 0 : features[0].Length, m = targets.Count == 0 ? 0 : targets[0].Length;
            var header = new List<string>();
            for (int j = 1; j <= n; j++) header.Add("x" + j.ToString(CultureInfo.InvariantCulture));
            for (int j = 1; j <= m; j++) header.Add("y" + j.ToString(CultureInfo.InvariantCulture));
            Line(text, header);
            var cells = new string[n + m];
            for (int r = 0; r < features.Count; r++)
            {
                for (int j = 0; j < n; j++) cells[j] = Number(features[r][j]);
                for (int j = 0; j < m; j++) cells[n + j] = Number(targets[r][j]);
                Line(text, cells);
            }
            return text.ToString();
        }

        private static string Cell(object value, int rowNumber, string column)
        {
            if (ValueParser.IsMissing(value)) return "";
            if (value is string s) return s.Trim();
            if (!ValueParser.IsScalar(value)) throw DataErrors.NotScalar(rowNumber, column, value);
            if (!(value is bool) && ValueParser.TryParse(value, out double d)) return Number(d);
            return ValueParser.ToLabel(value);
        }

        /// <summary>The shortest text that reads back as the same double (G17 where "R" falls short, as on .NET Framework).</summary>
        private static string Number(double value)
        {
            var text = ValueParser.FormatNumber(value);
            if (!double.IsNaN(value) && double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != value) text = value.ToString("G17", CultureInfo.InvariantCulture);
            return text;
        }

        private static void Line(StringBuilder text, IReadOnlyList<string> fields)
        {
            for (int i = 0; i < fields.Count; i++)
            {
                if (i > 0) text.Append(',');
                var field = fields[i];
                if (field.IndexOf(',') >= 0 || field.IndexOf('"') >= 0 || field.IndexOf('\n') >= 0 || field.IndexOf('\r') >= 0)
                    text.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
                else text.Append(field);
            }
            text.Append('\n');
        }
    }
}
