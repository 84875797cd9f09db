using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Training;
using NeuralNet.PowerShell.Internal;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Cross-validates every combination of a parameter grid, on this machine's cores or across machines through PowerShell remoting.</para>
    /// <para type="description">Each key of -ParameterGrid names a parameter of New-NeuralNetwork or Invoke-NetworkTraining, or a data option; its values are the alternatives, and the cross
    /// product is the set of configurations. Every configuration is trained on k-1 folds and scored on the remaining one (-Folds, stratified by class for classification),
    /// or on one held-out share (-ValidationSplit). Runs go to -ThrottleLimit threads of this machine, or to the machines of -Session (the module must be importable there, by name
    /// or at this machine's path). Folds and network seeds come from -Seed alone, so the results are the same whatever the throttle limit or the sessions.
    /// A run that fails (a category one fold never saw, say) is reported as a non-terminating ExperimentRunFailed error and in its configuration's Error property; the other configurations still run.
    /// Outputs one object per configuration, ready for Sort-Object and Export-Csv: the configuration's parameters (each as a property, and all as the text Parameters), Metric, MeanScore, StdScore, Scores (per fold),
    /// Duration, Error and, with -Refit, the Network trained on all rows.</para>
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
    [BindsOptions(typeof(ExperimentOptions), typeof(DataOptions), typeof(TrainingOptions))]
    [Cmdlet(VerbsLifecycle.Invoke, "NetworkExperiment", DefaultParameterSetName = RowsSet)]
    [OutputType("NeuralNet.ExperimentResult")]
    public sealed class InvokeNetworkExperimentCommand : CsvCommandBase, IDisposable
    {
        private const string RowsSet = "Rows";
        private const string MatrixSet = "Matrix";

        private readonly RowReader _rows = new RowReader();
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private ExperimentSessions _sessions;

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
        /// <para type="description">The target properties of the rows. The first one's classes stratify the folds.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = RowsSet)]
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CsvColumnCompleter))]
        public string[] Target { get; set; }

        /// <summary>
        /// <para type="description">Parameter names of New-NeuralNetwork or Invoke-NetworkTraining, or data options (MissingValue, UnknownCategory, Scaling, Categorical, Task), each with a list of values to try, for example @{ HiddenLayers = 4, 8; LearningRate = 0.01, 0.001 }.
        /// A value that is itself a list (HiddenLayers = (16, 8)) is one alternative when written as ,(16, 8). A value that does not fit its parameter is an error before any run starts.</para>
        /// </summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNull]
        public Hashtable ParameterGrid { get; set; }

        /// <summary>
        /// <para type="description">k-fold cross-validation: each configuration is trained k times, each time scored on another fold (stratified by class). Ignored with -ValidationSplit.</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(ExperimentOptions), nameof(Folds))]
        public int Folds { get; set; }

        /// <summary>
        /// <para type="description">Instead of folds, score each configuration once on this share (0 to 1) of the rows, held out (stratified by class).</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(ExperimentOptions), nameof(ValidationSplit))]
        public double ValidationSplit { get; set; }

        /// <summary>
        /// <para type="description">The score, as Test-NeuralNetwork reports it: Accuracy, MacroF1 or LogLoss for classes; MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError or RSquared for numbers; Loss for either.</para>
        /// </summary>
        [Parameter]
        public Metric Metric { get; set; }

        /// <summary>
        /// <para type="description">Seeds the folds, the networks' weights and the shuffling (unless the grid varies Seed).</para>
        /// </summary>
        [Parameter]
        public int Seed { get; set; }

        /// <summary>
        /// <para type="description">Passes over the training rows in every run, unless the grid varies Epochs.</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(TrainingOptions), nameof(Epochs))]
        public int Epochs { get; set; }

        /// <summary>
        /// <para type="description">What to do with empty cells: Error, Skip the row, or fill in the training Mean (as Invoke-NetworkTraining -MissingValue). Also a grid key.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = PathSet)]
        public MissingValuePolicy MissingValue { get; set; }

        /// <summary>
        /// <para type="description">What a fold's network does with a category its training rows never had: Error, or Ignore (encode it as none of the known ones). Data where a category appears in one fold only needs Ignore. Also a grid key.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = PathSet)]
        public UnknownCategoryPolicy UnknownCategory { get; set; }

        /// <summary>
        /// <para type="description">How many runs go at once on this machine's cores. Default: the number of processors.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

        /// <summary>
        /// <para type="description">PowerShell remoting sessions (New-PSSession, over WinRM or SSH) to spread the runs over, one at a time per session, instead of this machine's cores. A session that closes hands its run to the others.</para>
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
            if (ParameterSetName == RowsSet && InputObject != null) _rows.AddRange(InputObject);
        }

        /// <summary>Runs the experiment.</summary>
        protected override void EndProcessing()
        {
            IReadOnlyList<Configuration> configurations;
            CrossValidation experiment;
            RawTable table = null;
            try
            {
                configurations = Core.Experiments.ParameterGrid.Expand(ParameterGrid.Cast<DictionaryEntry>()
                    .Select(e => new KeyValuePair<string, object>(Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture), Deep(e.Value))));
                var options = BoundOptions.Bind<ExperimentOptions>(this);
                var training = TrainingOptionsBound();
                if (ParameterSetName == MatrixSet) experiment = new CrossValidation(DataSet.FromMatrices(FeatureMatrix, TargetMatrix), training, options);
                else
                {
                    table = ParameterSetName == PathSet ? ReadCsv(null, _cancellation.Token) : _rows.Table;
                    experiment = new CrossValidation(table, BoundOptions.Bind<DataOptions>(this), training, options);
                }
            }
            catch (NeuralNetException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, e.ErrorId == "InvalidParameterGrid" ? (object)ParameterGrid : ParameterSetName == PathSet ? (object)Path : ParameterGrid));
                return;
            }

            var runs = experiment.Runs(configurations);
            var outcomes = Execute(experiment, runs, table);
            if (Stopping) return;
            foreach (var result in experiment.Aggregate(configurations, outcomes))
            {
                if (result.Error != null)
                    WriteError(new ErrorRecord(new InvalidOperationException($"Configuration {result.Configuration.Index} ({result.Configuration}) failed in {result.Error} The other configurations ran; this one's MeanScore is NaN."),
                        "ExperimentRunFailed", ErrorCategory.InvalidResult, result.Configuration.ToString()));
                WriteObject(ExperimentResultWriter.ToPSObject(result));
            }
        }

        /// <summary>Runs every run here or on the sessions, showing progress (runs done, best score so far) on the pipeline thread.</summary>
        private List<RunOutcome> Execute(CrossValidation experiment, IReadOnlyList<ExperimentRun> runs, RawTable table)
        {
            var completed = new BlockingCollection<RunOutcome>();
            var work = Task.Run(() =>
            {
                try
                {
                    if (Session == null) experiment.RunAll(runs, ThrottleLimit, completed.Add, _cancellation.Token);
                    else
                    {
                        _sessions = new ExperimentSessions(MyInvocation.MyCommand.Module?.Path ?? typeof(NeuralNetwork).Assembly.Location, Session);
                        _sessions.Run(runs, run => Ship(experiment, run, table), RemoteOptions(), experiment.Metric.ToString(), ParameterSetName == MatrixSet, completed.Add);
                    }
                }
                finally
                {
                    completed.CompleteAdding();
                }
            });
            var outcomes = new List<RunOutcome>();
            var progress = new ProgressRecord(2, "Network experiment", $"{runs.Select(r => r.Configuration.Index).Distinct().Count()} configurations × {(experiment.FoldCount == 1 ? "1 hold-out split" : experiment.FoldCount + " folds")}");
            bool higher = Metrics.HigherIsBetter(experiment.Metric);
            foreach (var outcome in completed.GetConsumingEnumerable())
            {
                outcomes.Add(outcome);
                if (Stopping) continue;
                var best = outcomes.Where(o => !o.IsFailure && !o.Run.IsRefit).Select(o => o.Score).DefaultIfEmpty(double.NaN);
                double bestScore = higher ? best.Max() : best.Min();
                progress.PercentComplete = 100 * outcomes.Count / runs.Count;
                progress.StatusDescription = $"{outcomes.Count} of {runs.Count} runs done; best fold score so far {bestScore:G4} ({experiment.Metric}); last: {outcome.Run}";
                WriteProgress(progress);
            }
            work.GetAwaiter().GetResult();
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            return outcomes;
        }

        /// <summary>A run's rows as remoting carries them: the original objects (or the file's rows as objects), or two arrays of matrix rows.</summary>
        private (object[] Train, object[] Test) Ship(CrossValidation experiment, ExperimentRun run, RawTable table)
        {
            var (train, test) = experiment.RowsOf(run);
            if (ParameterSetName == MatrixSet)
                return (new object[] { train.Select(r => FeatureMatrix[r]).ToArray(), train.Select(r => TargetMatrix[r]).ToArray() },
                        new object[] { test.Select(r => FeatureMatrix[r]).ToArray(), test.Select(r => TargetMatrix[r]).ToArray() });
            object Row(int r) => ParameterSetName == PathSet ? RowReader.ToObject(table, r) : _rows.Originals[r];
            return (train.Select(Row).ToArray(), test.Select(Row).ToArray());
        }

        /// <summary>The training options bound to this call (-Epochs, -Seed), not those that are the experiment's own (its -ValidationSplit holds rows out of scoring).</summary>
        private TrainingOptions TrainingOptionsBound() =>
            Core.Options.OptionBinder.Bind(new TrainingOptions(), BoundOptions.Of(this).Where(p => !Core.Options.OptionBinder.Has(typeof(ExperimentOptions), p.Key) || p.Key == nameof(Seed)));

        /// <summary>The bound options a remote run needs, with enums by name (remoting carries those faithfully).</summary>
        private Hashtable RemoteOptions()
        {
            var options = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var p in BoundOptions.Of(this))
            {
                if (!(Core.Options.OptionBinder.Has(typeof(ExperimentOptions), p.Key) || Core.Options.OptionBinder.Has(typeof(DataOptions), p.Key) || Core.Options.OptionBinder.Has(typeof(TrainingOptions), p.Key))) continue;
                if (p.Key == nameof(ValidationSplit)) continue;
                options[p.Key] = p.Value is Enum e ? e.ToString() : p.Value;
            }
            return options;
        }

        /// <summary>A grid value with PowerShell's wrappers removed at every depth.</summary>
        private static object Deep(object value)
        {
            value = BoundOptions.Plain(value);
            if (value is string || !(value is IEnumerable list)) return value;
            return list.Cast<object>().Select(Deep).ToArray();
        }

        /// <summary>Ctrl+C stops every run.</summary>
        protected override void StopProcessing()
        {
            _cancellation.Cancel();
            _sessions?.Stop();
        }

        public void Dispose() => _cancellation.Dispose();
    }
}
