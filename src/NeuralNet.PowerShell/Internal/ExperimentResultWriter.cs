using System.Management.Automation;
using NeuralNet.Core.Experiments;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Turns a configuration's result into the object Invoke-NetworkExperiment writes: its number, each
    /// grid value as a property of its own and all as the text Parameters, the scores, the duration,
    /// the error of a failed run, and with -Refit the network trained on all rows.
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
            Add("Duration", result.Duration);
            Add("Error", result.Error);
            if (result.Model != null) Add("Network", new NeuralNetwork(result.Model));
            // Four columns print as a table; the grid's parameters stay separate properties for Sort-Object and Export-Csv.
            DisplaySet.Apply(o, new[] { "Configuration", "Parameters", "MeanScore", "StdScore" });
            return o;
        }
    }
}
