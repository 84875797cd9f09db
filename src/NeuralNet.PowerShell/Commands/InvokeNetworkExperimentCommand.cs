using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Training;
using NeuralNet.PowerShell.Internal;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Cross-validates every combination of a parameter grid, in parallel runspaces or across machines through PowerShell remoting.</para>
    /// <para type="description">Each key of -ParameterGrid names a parameter of New-NeuralNetwork or Invoke-NetworkTraining; its values are the alternatives, and the cross
    /// product is the set of configurations. Every configuration is trained on k-1 folds and scored on the remaining one (-Folds, stratified by class for classification),
    /// or on one held-out share (-ValidationSplit). Runs go to -ThrottleLimit local runspaces, or to the machines of -Session (the module must be importable there, by name
    /// or at this machine's path). Folds and network seeds come from -Seed alone, so the results are the same whatever the throttle limit or the sessions.
    /// Outputs one object per configuration, ready for Sort-Object and Export-Csv: the configuration's parameters (each as a property, and all as the text Parameters), Metric, MeanScore, StdScore, Scores (per fold),
    /// Duration and, with -Refit, the Network trained on all rows.</para>
    /// </summary>
    /// <example>
    /// <code>Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 4, 8; LearningRate = 0.01, 0.001 } -Folds 3 -Epochs 50 |
    ///   Sort-Object MeanScore -Descending | Format-Table</code>
    /// <para>Four configurations, each 3-fold cross-validated in parallel runspaces, best first.</para>
    /// </example>
    /// <example>
    /// <code>$sessions = New-PSSession -HostName node1, node2 -UserName me -KeyFilePath ~/.ssh/id_ed25519
    /// Invoke-NetworkExperiment -InputObject $rows -Target species -ParameterGrid @{ HiddenLayers = 4, 8, 16 } -Session $sessions -Refit |
    ///   Sort-Object MeanScore -Descending | Select-Object -First 1 -ExpandProperty Network</code>
    /// <para>Spreads the runs over two machines through PowerShell remoting and keeps the best configuration's network, refit on all rows.</para>
    /// </example>
    /// <example>
    /// <code>Invoke-NetworkExperiment -Path ./train.csv -Target price -ParameterGrid @{ Optimizer = 'Adam', 'Rprop' } -ValidationSplit 0.2 -Metric RootMeanSquaredError |
    ///   Export-Csv ./experiment.csv</code>
    /// <para>Scores each configuration once on a held-out 20 % by RMSE, and saves the table.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Invoke, "NetworkExperiment", DefaultParameterSetName = RowsSet)]
    [OutputType("NeuralNet.ExperimentResult")]
    public sealed class InvokeNetworkExperimentCommand : CsvCommandBase, IDisposable
    {
        private const string RowsSet = "Rows";
        private const string MatrixSet = "Matrix";

        private readonly RowReader _rows = new RowReader();
        private ExperimentRunner _runner;

        /// <summary>
        /// <para type="description">Labelled rows (features and targets); accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RowsSet)]
        [AllowNull]
        public PSObject[] InputObject { get; set; }



        /// <summary>
        /// <para type="description">Network inputs as an array of rows (double[][]), with -TargetMatrix.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] FeatureMatrix { get; set; }

        /// <summary>
        /// <para type="description">Network targets as an array of rows (double[][]), one per -FeatureMatrix row.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] TargetMatrix { get; set; }

        /// <summary>
        /// <para type="description">The target properties of the rows.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = RowsSet)]
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CsvColumnCompleter))]
        public string[] Target { get; set; }

        /// <summary>
        /// <para type="description">Parameter names of New-NeuralNetwork or Invoke-NetworkTraining, each with a list of values to try, for example @{ HiddenLayers = 4, 8; LearningRate = 0.01, 0.001 }.
        /// A value that is itself a list (HiddenLayers = (16, 8)) is one alternative when written as ,(16, 8).</para>
        /// </summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNull]
        public Hashtable ParameterGrid { get; set; }

        /// <summary>
        /// <para type="description">k-fold cross-validation: each configuration is trained k times, each time scored on another fold. Default 3 (unless -ValidationSplit is given).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(2, 100)]
        public int Folds { get; set; } = 3;

        /// <summary>
        /// <para type="description">Instead of folds, score each configuration once on this share (0 to 1) of the rows, held out (stratified by class).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double ValidationSplit { get; set; }

        /// <summary>
        /// <para type="description">The score: a property of Test-NeuralNetwork's result (Accuracy, MacroF1, LogLoss, Loss, MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError, RSquared).
        /// Default: Accuracy for classification, RSquared for regression.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("Accuracy", "MacroF1", "LogLoss", "Loss", "MeanSquaredError", "RootMeanSquaredError", "MeanAbsoluteError", "RSquared")]
        public string Metric { get; set; }

        /// <summary>
        /// <para type="description">Seeds the folds, the networks' weights and the shuffling (unless the grid varies Seed). Default 0.</para>
        /// </summary>
        [Parameter]
        public int Seed { get; set; }

        /// <summary>
        /// <para type="description">Passes over the training rows in every run, unless the grid varies Epochs. Default 100.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Epochs { get; set; } = 100;

        /// <summary>
        /// <para type="description">How many runs go at once in local runspaces. Default: the number of processors.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

        /// <summary>
        /// <para type="description">PowerShell remoting sessions (New-PSSession, over WinRM or SSH) to spread the runs over, one at a time per session, instead of local runspaces.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public PSSession[] Session { get; set; }

        /// <summary>
        /// <para type="description">Also train each configuration on all rows and put that network in the result's Network property.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Refit { get; set; }

        /// <summary>Collects rows.</summary>
        protected override void ProcessRecord()
        {
            if (ParameterSetName != RowsSet || InputObject == null) return;
            _rows.AddRange(InputObject);
        }

        /// <summary>Runs the experiment.</summary>
        protected override void EndProcessing()
        {
            List<ExperimentConfiguration> configurations;
            try
            {
                configurations = ExperimentGrid.Expand(ParameterGrid);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "InvalidParameterGrid", ErrorCategory.InvalidArgument, ParameterGrid));
                return;
            }
            bool matrix = ParameterSetName == MatrixSet;
            IReadOnlyList<object> rows;
            int[] assignment;
            int folds;
            string metric;
            try
            {
                rows = matrix ? null : ParameterSetName == PathSet ? RowsFromFiles() : _rows.Originals;
                int count = matrix ? FeatureMatrix.Length : rows.Count;
                if (count == 0) throw new NeuralNetException("NoRows", ErrorKind.InvalidData, "No rows to experiment on; pipe rows in, or give -Path or -FeatureMatrix.");
                var (labels, classification) = matrix ? MatrixLabels() : RowLabels(rows);
                metric = Metric ?? (classification ? "Accuracy" : "RSquared");
                bool holdout = MyInvocation.BoundParameters.ContainsKey(nameof(ValidationSplit));
                assignment = holdout ? FoldAssignment.Holdout(count, ValidationSplit, Seed, labels) : FoldAssignment.KFold(count, Folds, Seed, labels);
                folds = holdout ? 1 : Folds;
                if (holdout) for (int i = 0; i < assignment.Length; i++) assignment[i] = assignment[i] == 1 ? 0 : -1;
            }
            catch (NeuralNetException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, ParameterSetName == PathSet ? (object)Path : ParameterGrid));
                return;
            }

            foreach (var configuration in configurations)
            {
                if (!configuration.NetworkParameters.ContainsKey("Seed")) configuration.NetworkParameters["Seed"] = Seed;
                if (!configuration.TrainingParameters.ContainsKey("Seed")) configuration.TrainingParameters["Seed"] = Seed;
                if (!configuration.TrainingParameters.ContainsKey("Epochs")) configuration.TrainingParameters["Epochs"] = Epochs;
            }
            var items = new List<ExperimentItem>();
            foreach (var configuration in configurations)
            {
                for (int f = 0; f < folds; f++)
                {
                    var trainIndexes = Enumerable.Range(0, assignment.Length).Where(r => assignment[r] != f).ToArray();
                    var testIndexes = Enumerable.Range(0, assignment.Length).Where(r => assignment[r] == f).ToArray();
                    items.Add(new ExperimentItem { Configuration = configuration, Fold = f, Train = Slice(rows, trainIndexes), Test = Slice(rows, testIndexes) });
                }
                if (Refit) items.Add(new ExperimentItem { Configuration = configuration, Fold = -1, Train = Slice(rows, Enumerable.Range(0, assignment.Length).ToArray()) });
            }

            var modulePath = MyInvocation.MyCommand.Module?.Path ?? typeof(NeuralNetwork).Assembly.Location;
            var completed = new BlockingCollection<ExperimentItem>();
            _runner = new ExperimentRunner(modulePath, ThrottleLimit, Session);
            var progress = new ProgressRecord(2, "Network experiment", $"{configurations.Count} configurations × {(folds == 1 ? "1 hold-out split" : folds + " folds")}");
            int done = 0;
            _runner.Run(items, Target?.Length == 1 ? Target[0] : null, metric, matrix, completed);
            foreach (var item in completed.GetConsumingEnumerable())
            {
                if (Stopping) break;
                done++;
                if (item.Error != null)
                {
                    _runner.Stop();
                    ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                        $"Configuration {item.Configuration.Index} ({item.Configuration}) failed: {item.Error.Message}", item.Error),
                        "ExperimentRunFailed", ErrorCategory.InvalidResult, item.Configuration.ToString()));
                }
                progress.PercentComplete = 100 * done / items.Count;
                progress.StatusDescription = $"{done} of {items.Count} runs done; last: configuration {item.Configuration.Index} ({item.Configuration})";
                WriteProgress(progress);
            }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            if (Stopping) return;

            foreach (var configuration in configurations)
            {
                var runs = items.Where(i => i.Configuration == configuration).ToList();
                var scores = runs.Where(i => i.Fold >= 0).OrderBy(i => i.Fold).Select(i => i.Score).ToArray();
                double mean = scores.Average();
                double sd = scores.Length > 1 ? Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (scores.Length - 1)) : 0;
                var result = new PSObject();
                result.TypeNames.Insert(0, "NeuralNet.ExperimentResult");
                result.Properties.Add(new PSNoteProperty("Configuration", configuration.Index));
                foreach (var value in configuration.Values) result.Properties.Add(new PSNoteProperty(value.Key, value.Value));
                result.Properties.Add(new PSNoteProperty("Parameters", configuration.ToString()));
                result.Properties.Add(new PSNoteProperty("Metric", metric));
                result.Properties.Add(new PSNoteProperty("MeanScore", mean));
                result.Properties.Add(new PSNoteProperty("StdScore", sd));
                result.Properties.Add(new PSNoteProperty("Scores", scores));
                result.Properties.Add(new PSNoteProperty("Duration", TimeSpan.FromTicks(runs.Sum(r => r.Duration.Ticks))));
                if (Refit) result.Properties.Add(new PSNoteProperty("Network", runs.First(r => r.Fold < 0).Network));
                // Four columns print as a table; the grid's parameters stay separate properties for Sort-Object and Export-Csv.
                DisplaySet.Apply(result, new[] { "Configuration", "Parameters", "MeanScore", "StdScore" });
                WriteObject(result);
            }
        }

        /// <summary>Ctrl+C stops every run.</summary>
        protected override void StopProcessing() => _runner?.Stop();

        public void Dispose() => _runner?.Dispose();

        private object Slice(IReadOnlyList<object> rows, int[] indexes)
        {
            if (rows != null) return indexes.Select(i => rows[i]).ToArray();
            return new object[] { indexes.Select(i => FeatureMatrix[i]).ToArray(), indexes.Select(i => TargetMatrix[i]).ToArray() };
        }

        private IReadOnlyList<object> RowsFromFiles()
        {
            var table = ReadCsv(null);
            for (int r = 0; r < table.RowCount; r++) _rows.Add(RowReader.ToObject(table, r));
            return _rows.Originals;
        }

        /// <summary>Class labels of the first target for stratification, decided as training decides what is a class.</summary>
        private (string[] Labels, bool Classification) RowLabels(IReadOnlyList<object> rows)
        {
            var table = _rows.Table;
            var schema = SchemaInference.Fit(table, new DataOptions { Target = Target, MissingValue = MissingValuePolicy.Mean });
            if (!schema.IsClassification) return (null, false);
            int c = table.IndexOf(Target[0]);
            return (Enumerable.Range(0, table.RowCount).Select(r => ValueParser.ToLabel(table[r, c])).ToArray(), true);
        }

        /// <summary>One-hot (or 0/1) target rows are classes: the index of the largest value is the label.</summary>
        private (string[] Labels, bool Classification) MatrixLabels()
        {
            bool classes = TargetMatrix.All(t => t != null && t.All(v => v == 0 || v == 1) && (t.Length == 1 || t.Count(v => v == 1) == 1));
            if (!classes) return (null, false);
            return (TargetMatrix.Select(t => t.Length == 1 ? t[0].ToString(System.Globalization.CultureInfo.InvariantCulture)
                : Array.IndexOf(t, t.Max()).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), true);
        }
    }
}
