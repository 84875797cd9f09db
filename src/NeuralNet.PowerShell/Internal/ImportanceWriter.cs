namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Turns a column's importance into the object Get-NetworkFeatureImportance writes (type name
    /// NeuralNet.FeatureImportance, shown as a table by the module's format file). Each object carries the
    /// run's metric and baseline, so one object alone says what its numbers mean, and
    /// Export-NetworkFeatureImportance can draw any selection of them.
    /// </summary>
    internal static class ImportanceWriter
    {
        public const string TypeName = "NeuralNet.FeatureImportance";

        public static PSObject ToPSObject(ColumnImportance column, ImportanceReport report)
        {
            var result = new PSObject();
            void Add(string name, object value) => result.Properties.Add(new PSNoteProperty(name, value));
            // Not "Rank": $result.Rank on an array of these would be the array's own Rank (1), not theirs.
            Add("ImportanceRank", column.Rank);
            Add("Column", column.Column);
            Add("Kind", column.Kind.ToString());
            Add("Inputs", column.Inputs);
            Add("Importance", column.Importance);
            Add("StandardDeviation", column.StandardDeviation);
            Add("Drops", column.Drops.ToArray());
            Add("Metric", report.Metric.ToString());
            Add("BaselineScore", report.Baseline);
            Add("Rows", report.Rows);
            Add("Repeats", report.Repeats);
            Add("Seed", report.Seed);
            result.TypeNames.Insert(0, TypeName);
            return result;
        }
    }
}
