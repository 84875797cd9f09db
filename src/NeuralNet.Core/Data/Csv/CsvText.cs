namespace NeuralNet.Core.Data
{
    /// <summary>Writing CSV cells as RFC 4180 wants them: quoted, with quotes doubled, when they hold the delimiter, a quote, a line break or edge spaces.</summary>
    internal static class CsvText
    {
        public static bool NeedsQuotes(string cell, char delimiter)
        {
            if (cell.Length == 0) return false;
            if (char.IsWhiteSpace(cell[0]) || char.IsWhiteSpace(cell[cell.Length - 1])) return true;
            foreach (char c in cell)
                if (c == delimiter || c == '"' || c == '\n' || c == '\r') return true;
            return false;
        }

        public static void AppendCell(StringBuilder line, string cell, char delimiter)
        {
            if (!NeedsQuotes(cell, delimiter))
            {
                line.Append(cell);
                return;
            }
            line.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
        }

        public static string Cell(string cell, char delimiter)
        {
            if (!NeedsQuotes(cell, delimiter)) return cell;
            return "\"" + cell.Replace("\"", "\"\"") + "\"";
        }
    }
}
