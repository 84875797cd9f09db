namespace NeuralNet.Core.Data
{
    /// <summary>Finding a cell's label among a column's categories or a target's classes.</summary>
    internal static class Labels
    {
        /// <summary>
        /// The label's index, or −1. A number written another way ("3.0" for class "3", or 3.0 read
        /// from a file for the text "3") is found by its shortest form, so files and Import-Csv rows agree.
        /// </summary>
        public static int IndexOf(string[] labels, string label, object value)
        {
            int index = Array.IndexOf(labels, label);
            if (index < 0 && ValueParser.TryParse(value, out double d) && !double.IsNaN(d))
                index = Array.IndexOf(labels, ValueParser.FormatNumber(d));
            return index;
        }

        /// <summary>The labels in the order a column or target keeps them: ordinal, distinct.</summary>
        public static string[] Sorted(IEnumerable<string> labels)
        {
            var set = new SortedSet<string>(labels, StringComparer.Ordinal);
            var result = new string[set.Count];
            set.CopyTo(result);
            return result;
        }
    }
}
