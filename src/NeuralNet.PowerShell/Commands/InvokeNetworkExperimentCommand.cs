using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Cross-validates the configurations of a parameter grid, a random search or successive halving, on this machine's cores, across machines through PowerShell remoting, or as a plan that a cluster scheduler runs task by task.</para>
    /// <para type="description">Each key of -ParameterGrid names a parameter of New-NeuralNetwork or Invoke-NetworkTraining, or a data option; its values are the alternatives, and the cross
    /// product is the set of configurations. Every configuration is trained on k-1 folds and scored on the remaining one (-Folds, stratified by class for classification),
    /// or on one held-out share (-ValidationSplit). Runs go to -ThrottleLimit threads of this machine, or to the machines of -Session (the module must be importable there, by name
    /// or at this machine's path). Folds and network seeds come from -Seed alone, so the results are the same whatever the throttle limit, the sessions or the scheduler.
    /// A run that fails (a category one fold never saw, say) is reported as a non-terminating ExperimentRunFailed error and in its configuration's Error property; the other configurations still run.
    /// Outputs one object per configuration, ready for Sort-Object and Export-Csv: the configuration's parameters (each as a property, and all as the text Parameters), Metric, MeanScore, StdScore, Scores (per fold),
    /// Budget and BudgetResource (the epochs, or with halving over rows the training rows, each fold ran with), Duration, Error and, with -Refit, the Network trained on all rows.</para>
    /// <para type="description">-Search Random draws -Trials configurations from -ParameterSpace, whose values are lists (each value equally likely) or distributions written as text:
    /// 'Uniform(a,b)', 'LogUniform(a,b)' (uniform in the logarithm: learning rates, penalties) and 'IntUniform(a,b)' (whole numbers, both ends included). The draws come from -Seed, the same on every machine.
    /// -Search Halving (successive halving) starts every candidate (the grid's, or -Trials draws from the space) on a small budget of epochs (or rows, -HalvingResource Rows), keeps the best 1/-HalvingFactor (3 by default)
    /// and multiplies their budget by the factor, until one is left or the budget reaches -Epochs (or all of a fold's training rows). It outputs every rung's results, each with its Rung and Budget;
    /// the winner is the best of the last rung, and -Refit refits only the winner.</para>
    /// <para type="description">With -PlanPath the experiment is written down instead of run: a folder with plan.json (the configurations, folds, seed, options, metric, and the data files with their SHA-256;
    /// rows from the pipeline or matrices are kept as a CSV file in the folder) and tasks numbered configuration × fold from 0. Then, on any machine that sees the folder,
    /// Invoke-NetworkExperiment -PlanPath folder -TaskIndex N runs task N and writes results/N.json whole or not at all; without -TaskIndex the index comes from SLURM_ARRAY_TASK_ID (Slurm job arrays),
    /// JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs), AZ_BATCH_TASK_ID (Azure Batch, the number the task id ends in) or PBS_ARRAY_INDEX (PBS), looked at in that order.
    /// A task whose result exists does nothing, so resubmitting the whole array resumes a broken sweep; a task whose data file no longer has the plan's SHA-256 stops with PlanDataChanged.
    /// Get-NetworkExperimentResult merges the results. A halving plan has one plan per rung (rung-0, rung-1, … in its folder): run a rung's tasks, then -NextRung writes the next rung.</para>
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
    /// <example>
    /// <code>Invoke-NetworkExperiment -InputObject $rows -Target species -Search Random -Trials 40 -Epochs 100 -Seed 1 `
    ///   -ParameterSpace @{ LearningRate = 'LogUniform(1e-4,1e-1)'; HiddenLayers = 8, 16, 32, 64; L2 = 'Uniform(0,0.01)' } |
    ///   Sort-Object MeanScore -Descending | Select-Object -First 5</code>
    /// <para>Random search: 40 configurations drawn from the space (learning rates evenly spread over three decades), each 3-fold cross-validated; the five best.</para>
    /// </example>
    /// <example>
    /// <code>Invoke-NetworkExperiment -Path ./digits.csv -Target label -Search Halving -Trials 27 -Epochs 81 `
    ///   -ParameterSpace @{ LearningRate = 'LogUniform(1e-4,1e-1)'; HiddenLayers = 16, 32, 64 } -Refit |
    ///   Sort-Object Rung, MeanScore -Descending | Select-Object -First 1</code>
    /// <para>Successive halving with -HalvingFactor 3: 27 candidates on 3 epochs, the best 9 on 9, 3 on 27 and the winner on 81, at less than a fifth of the epochs of training all 27 for 81.
    /// Sorting by Rung and MeanScore puts the winner, refit on all rows, first.</para>
    /// </example>
    /// <example>
    /// <code>Invoke-NetworkExperiment -Path ./big.csv -Target label -Search Halving -HalvingResource Rows -MinBudget 500 -HalvingFactor 2 -Epochs 20 `
    ///   -ParameterGrid @{ HiddenLayers = 32, 64, 128, 256 }</code>
    /// <para>Successive halving over rows: the 4 candidates train for 20 epochs on 500 rows of each fold (stratified by class), the best 2 on 1,000, the winner on 2,000 (at most all of a fold's training rows).</para>
    /// </example>
    /// <example>
    /// <code>$plan = Invoke-NetworkExperiment -Path /shared/digits.csv -Target label -ParameterGrid @{ HiddenLayers = 16, 32, 64; LearningRate = 0.01, 0.001 } -PlanPath /shared/sweep
    /// sbatch --array=$($plan.ArrayRange) --wait --wrap "pwsh -NoProfile -Command Invoke-NetworkExperiment -PlanPath /shared/sweep"
    /// Get-NetworkExperimentResult -PlanPath /shared/sweep -Refit</code>
    /// <para>Writes a plan of 6 configurations × 3 folds = 18 tasks, runs them as a Slurm job array (each task reads SLURM_ARRAY_TASK_ID), and merges the results, the best configuration refit on all rows.</para>
    /// </example>
    /// <example>
    /// <code>Invoke-NetworkExperiment -PlanPath ./sweep -TaskIndex 7</code>
    /// <para>Runs task 7 of the plan in ./sweep here (configuration 3, fold 2 for 3 folds) and writes ./sweep/results/7.json; run again, it does nothing.</para>
    /// </example>
    /// <example>
    /// <code>$first = 8 * [int]$env:SLURM_ARRAY_TASK_ID
    /// Invoke-NetworkExperiment -PlanPath ./sweep -TaskIndex ($first..[Math]::Min($first + 7, 71)) -ThrottleLimit $env:SLURM_CPUS_PER_TASK</code>
    /// <para>One array element runs a block of 8 of the plan's 72 tasks (submit --array=0-8), as many at once as the element has CPUs: PowerShell starts 9 times instead of 72.</para>
    /// </example>
    /// <example>
    /// <code>$plan = Invoke-NetworkExperiment -Path ./digits.csv -Target label -Search Halving -ParameterGrid @{ HiddenLayers = 16, 32, 64; LearningRate = 0.1, 0.01, 0.001 } -PlanPath ./search
    /// do {
    ///     sbatch --array=$($plan.ArrayRange) --wait ./task.sh $plan.PlanPath
    ///     $plan = Invoke-NetworkExperiment -PlanPath ./search -NextRung
    /// } while ($plan)
    /// Get-NetworkExperimentResult -PlanPath ./search -Refit</code>
    /// <para>Successive halving as plans: each rung is a plan in ./search/rung-0, rung-1, …; -NextRung ranks the finished rung and writes the next one (nothing once the last rung is done).</para>
    /// </example>
    [BindsOptions(typeof(ExperimentOptions), typeof(DataOptions), typeof(TrainingOptions))]
    [Cmdlet(VerbsLifecycle.Invoke, "NetworkExperiment", DefaultParameterSetName = TaskSet)]
    [OutputType("NeuralNet.ExperimentResult", "NeuralNet.ExperimentPlan", "NeuralNet.ExperimentTaskResult")]
    public sealed partial class InvokeNetworkExperimentCommand : CsvCommandBase, IDisposable
    {
        /// <summary>Collects rows.</summary>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == RowsSet && InputObject != null) _rows.AddRange(InputObject);
        }

        /// <summary>Runs the experiment, writes its plan, runs one of a plan's tasks, or plans a halving search's next rung.</summary>
        protected override void EndProcessing()
        {
            if (ParameterSetName == TaskSet)
            {
                RunTask();
                return;
            }
            if (ParameterSetName == NextRungSet)
            {
                PlanNextRung();
                return;
            }
            if (PlanPath != null && Session != null)
                ThrowTerminatingError(ErrorRecords.Create("PlanWithSession", ErrorCategory.InvalidArgument,
                    "-PlanPath writes the experiment down for a scheduler to run, and -Session runs it now over remoting; give one of them.", Session));

            ExperimentSearch search;
            CrossValidation experiment;
            RawTable table = null;
            try
            {
                var options = BoundOptions.Bind<ExperimentOptions>(this);
                var training = TrainingOptionsBound();
                if (ParameterSetName == MatrixSet) experiment = new CrossValidation(DataSet.FromMatrices(FeatureMatrix, TargetMatrix), training, options);
                else
                {
                    table = ParameterSetName == PathSet ? ReadCsv(null, _cancellation.Token) : _rows.Table;
                    experiment = new CrossValidation(table, BoundOptions.Bind<DataOptions>(this), training, options);
                }
                search = ExperimentSearch.Create(experiment, Entries(ParameterGrid), Entries(ParameterSpace));
            }
            catch (NeuralNetException e)
            {
                object target = e.ErrorId == "InvalidParameterGrid" ? ParameterGrid
                    : e.ErrorId == "InvalidParameterSpace" || e.ErrorId == "InvalidParameterDistribution" ? ParameterSpace
                    : ParameterSetName == PathSet ? (object)Path : (object)ParameterGrid ?? ParameterSpace;
                ThrowTerminatingError(ErrorRecords.From(e, target));
                return;
            }

            if (PlanPath != null)
            {
                WritePlan(search, experiment, table);
                return;
            }
            // Each result is written as soon as the search calls it final, so Ctrl+C keeps those already written.
            search.Run(stage => Execute(experiment, stage, () => Shipped(experiment, search, table)), _cancellation.Token, Write);
        }

        /// <summary>Writes one configuration's result (and its failure as a non-terminating error), unless the pipeline is stopping.</summary>
        private void Write(ConfigurationResult result)
        {
            if (Stopping) return;
            if (result.Error != null) WriteError(ExperimentResultWriter.Failure(result));
            WriteObject(ExperimentResultWriter.ToPSObject(result));
        }

        /// <summary>Runs a stage's runs here or on the sessions, showing progress (configurations and runs done, best mean score so far) on the pipeline thread.</summary>
        private IReadOnlyList<RunOutcome> Execute(CrossValidation experiment, SearchStage stage, Func<PlanSource> rows)
        {
            var completed = new BlockingCollection<RunOutcome>();
            var work = Task.Run(() =>
            {
                try
                {
                    if (Session == null) experiment.RunAll(stage.Runs, ThrottleLimit, completed.Add, _cancellation.Token);
                    else
                    {
                        _sessions = _sessions ?? new ExperimentSessions(MyInvocation.MyCommand.Module?.Path ?? typeof(NeuralNetwork).Assembly.Location, Session, rows());
                        _sessions.Run(stage.Runs, experiment.RowsOf, RemoteOptions(), experiment.Metric.ToString(), completed.Add);
                    }
                }
                finally
                {
                    completed.CompleteAdding();
                }
            });
            var outcomes = new List<RunOutcome>();
            var status = new ExperimentProgress(stage, experiment.Metric);
            // A new record each time: a job keeps every record it is given, and a reused one would show only the last state.
            ProgressRecord Record() => new ProgressRecord(2, "Network experiment", status.Status) { PercentComplete = status.PercentComplete };
            foreach (var outcome in completed.GetConsumingEnumerable())
            {
                outcomes.Add(outcome);
                status.Add(outcome);
                if (!Stopping) WriteProgress(Record());
                stage.Report(outcome);
            }
            work.GetAwaiter().GetResult();
            var done = Record();
            done.RecordType = ProgressRecordType.Completed;
            WriteProgress(done);
            return outcomes;
        }

        /// <summary>The rows (pipeline rows, the files' rows, or matrices) as sessions receive them: CSV text that reads back to the same numbers and labels.</summary>
        private PlanSource Shipped(CrossValidation experiment, ExperimentSearch search, RawTable table) =>
            ParameterSetName == MatrixSet ? PlanSource.FromMatrices(FeatureMatrix, TargetMatrix) : PlanSource.FromRows(table, experiment.Data, search.Candidates);

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

        /// <summary>A grid's or a space's entries with PowerShell's wrappers removed at every depth; null when not given.</summary>
        private static IEnumerable<KeyValuePair<string, object>> Entries(Hashtable parameters) =>
            parameters?.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object>(Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture), Deep(e.Value))).ToList();

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
