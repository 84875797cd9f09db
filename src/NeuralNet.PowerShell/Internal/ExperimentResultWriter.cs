namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Turns a configuration's result into the object Invoke-NetworkExperiment and
    /// Get-NetworkExperimentResult write: its number, each parameter value as a property of its own and
    /// all as the text Parameters, the scores, the budget its folds ran with (and a halving rung), the
    /// duration, the error of a failed run, and with -Refit the network trained on all rows.
    /// </summary>
    internal static class ExperimentResultWriter
    {
        public const string TypeName = "NeuralNet.ExperimentResult";

        public static PSObject ToPSObject(ConfigurationResult result)
        {
            var o = new PSObject();
            o.TypeNames.Insert(0, TypeName);
            void Add(string name, object value) => o.Properties.Add(new PSNoteProperty(name, value));
            Add("Configuration", result.Configuration.Index);
            foreach (var value in result.Configuration.Values) Add(value.Key, value.Value);
            Add("Parameters", result.Configuration.ToString());
            Add("Metric", result.Metric.ToString());
            Add("MeanScore", result.MeanScore);
            Add("StdScore", result.StdScore);
            Add("Scores", result.Scores);
            if (result.Rung.HasValue) Add("Rung", result.Rung.Value);
            Add("Budget", result.Budget?.Amount);
            Add("BudgetResource", result.Budget?.Resource.ToString());
            Add("Duration", result.Duration);
            Add("Error", result.Error);
            if (result.Model != null) Add("Network", new NeuralNetwork(result.Model));
            // Four columns print as a table; the parameters stay separate properties for Sort-Object and Export-Csv.
            DisplaySet.Apply(o, result.Rung.HasValue
                ? new[] { "Budget", "Configuration", "Parameters", "MeanScore" }
                : new[] { "Configuration", "Parameters", "MeanScore", "StdScore" });
            return o;
        }

        /// <summary>The non-terminating error that reports a configuration whose runs failed (the others ran).</summary>
        public static ErrorRecord Failure(ConfigurationResult result) =>
            new ErrorRecord(new InvalidOperationException($"Configuration {result.Configuration.Index} ({result.Configuration}) failed in {result.Error} The other configurations ran; this one's MeanScore is NaN."),
                "ExperimentRunFailed", ErrorCategory.InvalidResult, result.Configuration.ToString());
    }
}
