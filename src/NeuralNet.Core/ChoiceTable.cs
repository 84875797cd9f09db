namespace NeuralNet.Core
{
    /// <summary>
    /// The rows of a closed set of choices (activations, losses, optimizers) indexed by their enum value,
    /// built once: a value without a row stops the module from loading, so a new value cannot go unnoticed.
    /// </summary>
    internal static class ChoiceTable
    {
        /// <summary>The rows in enum order; <paramref name="what"/> names the set in the error.</summary>
        public static TRow[] Of<TChoice, TRow>(string what, Func<TRow, TChoice> choice, params TRow[] rows) where TChoice : struct where TRow : class
        {
            var values = (TChoice[])Enum.GetValues(typeof(TChoice));
            var table = new TRow[values.Length];
            foreach (var row in rows) table[Convert.ToInt32(choice(row), CultureInfo.InvariantCulture)] = row;
            for (int i = 0; i < table.Length; i++)
                if (table[i] == null) throw new InvalidOperationException($"The {what} {values[i]} has no row in its table.");
            return table;
        }
    }
}
