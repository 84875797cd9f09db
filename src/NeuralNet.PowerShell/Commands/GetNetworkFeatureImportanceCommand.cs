using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Measures which columns a trained network relies on: the score drop when each original column is shuffled across labelled rows (permutation feature importance).</para>
    /// <para type="description">Scores the network on the labelled rows as they are, then once per column and repeat with that column's values shuffled across the rows, which breaks the column's tie to the target and keeps everything else.
    /// A categorical column is shuffled as one block, so each result is one original column, never one of its one-hot inputs. Each score is exactly the one Test-NeuralNetwork reports for those shuffled rows.</para>
    /// <para type="description">Writes one object per column, the most important first: ImportanceRank, Column, Kind, Importance (the mean drop over -Repeats shuffles; positive when shuffling hurts),
    /// StandardDeviation (over the repeats), Drops (each repeat's), Metric and BaselineScore. A column near zero carries nothing the network uses; a negative one means the network does slightly better without it, on these rows.
    /// The shuffles are seeded (-Seed), so the same network, rows and seed give the same numbers; the evaluations run on every core. Use rows the network was not trained on.
    /// Export-NetworkFeatureImportance draws the result as an SVG bar chart.</para>
    /// </summary>
    /// <example>
    /// <code>Get-NetworkFeatureImportance -Network $net -Path ./test.csv -Repeats 5 -Seed 1 | Select-Object -First 5</code>
    /// <para>The five columns whose shuffling lowers the accuracy (or R²) on the test file most, with the spread over five shuffles each.</para>
    /// </example>
    /// <example>
    /// <code>$test | Get-NetworkFeatureImportance -Network $net -Metric MacroF1 | Format-Table Column, Importance, StandardDeviation</code>
    /// <para>Labelled rows from the pipeline, scored by macro-averaged F1 instead of accuracy.</para>
    /// </example>
    /// <example>
    /// <code>Get-NetworkFeatureImportance -Network $net -Path ./test.csv | Export-NetworkFeatureImportance -Path ./importance.svg</code>
    /// <para>Draws the importances as a bar chart with the standard deviation as whiskers.</para>
    /// </example>
    [BindsOptions(typeof(ImportanceOptions))]
    [Cmdlet(VerbsCommon.Get, "NetworkFeatureImportance", DefaultParameterSetName = "Rows")]
    [OutputType(typeof(PSObject))]
    public sealed class GetNetworkFeatureImportanceCommand : LabelledDataCommandBase
    {
        /// <summary>
        /// <para type="description">How many times each column is shuffled (1 to 10000); the importance is the mean drop, and more repeats make it steadier.</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(ImportanceOptions), nameof(Repeats))]
        public int Repeats { get; set; }

        /// <summary>
        /// <para type="description">Seeds the shuffles: the same network, rows and seed give the same importances.</para>
        /// </summary>
        [Parameter]
        public int Seed { get; set; }

        /// <summary>
        /// <para type="description">The score whose drop is measured, as Test-NeuralNetwork reports it: Accuracy, MacroF1, LogLoss or Loss for a classifier; RSquared, MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError or Loss for a regression.
        /// For errors and losses the drop is the increase. With several class targets, the first one's.</para>
        /// </summary>
        [Parameter]
        public Metric Metric { get; set; }

        private protected override string Verb => "measure";

        private protected override string Results => "importances";

        /// <summary>Writes one object per column, the most important first.</summary>
        private protected override void Run(DataSet data)
        {
            var report = Compute(Network.Model, data, BoundOptions.Bind<ImportanceOptions>(this));
            if (report == null) return;
            foreach (var column in report.Columns) WriteObject(ImportanceWriter.ToPSObject(column, report));
        }

        /// <summary>Runs the core's evaluations on other threads while this one shows their progress; null when Ctrl+C stopped them.</summary>
        private ImportanceReport Compute(Core.Model.NeuralNetworkModel model, DataSet data, ImportanceOptions options)
        {
            options.Validate();
            int total = (model.Schema?.Features.Count ?? model.Network.InputSize) * options.Repeats;
            var done = new BlockingCollection<int>();
            var work = Task.Run(() =>
            {
                try
                {
                    return FeatureImportance.Compute(model, data, options, done.Add, Stop);
                }
                finally
                {
                    done.CompleteAdding();
                }
            });
            // A record of its own for each update: a job's Progress stream keeps every record it was given.
            string activity = "Feature importance of " + Network.Layers;
            string status = $"Shuffling {total / options.Repeats} columns {options.Repeats} times each over {data.Rows} rows";
            int shown = -1, most = 0;
            foreach (var reported in done.GetConsumingEnumerable())
            {
                // Workers report their counts as they finish, so a smaller count can arrive after a larger one.
                int count = most = Math.Max(most, reported);
                int percent = (int)(100L * count / Math.Max(1, total));
                if (Stopping || percent == shown) continue;
                shown = percent;
                status = $"{count} of {total} shuffled scores";
                WriteProgress(new ProgressRecord(3, activity, status) { PercentComplete = percent });
            }
            try
            {
                return work.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (Stopping)
            {
                return null;
            }
            finally
            {
                if (shown >= 0 && !Stopping)
                {
                    WriteProgress(new ProgressRecord(3, activity, status) { PercentComplete = 100, RecordType = ProgressRecordType.Completed });
                }
            }
        }
    }
}
