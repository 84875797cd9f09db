using NeuralNet.Core.Data;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// An experiment's plan and its arithmetic: which rows each fold tests on (<see cref="Stratifier"/>,
    /// by the first target's classes), the runs (configuration × fold, and the refits), the metric, and
    /// the aggregation of scores. Everything follows from the data, the options and the seed, so where
    /// and in which order runs execute never changes a score. <see cref="RunAll"/> runs them on this
    /// machine's cores; a caller may instead ship <see cref="RowsOf"/> elsewhere and run
    /// <see cref="RunExecution"/> there.
    /// </summary>
    public sealed class CrossValidation
    {
        private readonly RawTable _table;
        private readonly DataSet _matrices;
        private readonly DataOptions _data;
        private readonly TrainingOptions _training;
        private readonly int[] _fold;
        private readonly int[] _strata;

        /// <summary>An experiment on rows; <paramref name="data"/> names the target.</summary>
        public CrossValidation(RawTable table, DataOptions data, TrainingOptions training, ExperimentOptions options)
            : this(options, training, table.RowCount, ClassesOf(table, data, training, out bool classification), classification)
        {
            _table = table;
            _data = data;
        }

        /// <summary>An experiment on raw matrices: one-hot (or 0/1) target rows are classes.</summary>
        public CrossValidation(DataSet matrices, TrainingOptions training, ExperimentOptions options)
            : this(options, training, matrices.Rows, ClassesOf(matrices, out bool classification), classification)
        {
            _matrices = matrices;
        }

        private CrossValidation(ExperimentOptions options, TrainingOptions training, int rows, int[] strata, bool classification)
        {
            options.Validate();
            training.Validate();
            if (rows == 0) throw DataErrors.NoRows("to experiment on; pipe rows in, or give -Path or -FeatureMatrix");
            Options = options;
            _training = training;
            _strata = strata;
            IsClassification = classification;
            ClassCount = strata == null ? 0 : strata.Where(s => s >= 0).Distinct().Count();
            Metric = Resolver.MetricFor(options.Metric, classification);
            if (!Metrics.AppliesTo(Metric, classification))
                throw new NeuralNetException("MetricNotApplicable", ErrorKind.InvalidArgument,
                    $"-Metric {Metric} does not apply to a {(classification ? "classifier" : "regression")}; use one of " +
                    string.Join(", ", ((Metric[])Enum.GetValues(typeof(Metric))).Where(m => Metrics.AppliesTo(m, classification))) + ".");
            if (options.ValidationSplit.HasValue)
            {
                // One hold-out split: its rows are fold 0, every other row only ever trains.
                _fold = Enumerable.Repeat(-1, rows).ToArray();
                foreach (int r in Stratifier.Holdout(strata, rows, options.ValidationSplit.Value, options.Seed)) _fold[r] = 0;
                FoldCount = 1;
            }
            else
            {
                _fold = Stratifier.Folds(strata, rows, options.Folds, options.Seed);
                FoldCount = options.Folds;
            }
        }

        public ExperimentOptions Options { get; }

        public bool IsClassification { get; }

        /// <summary>The first target's classes among the rows (0 for numbers).</summary>
        public int ClassCount { get; }

        /// <summary>The rows (all of them, on this machine).</summary>
        public int RowCount => _fold.Length;

        /// <summary>The data options (a copy), or null for matrices.</summary>
        public DataOptions Data => _data?.Clone();

        /// <summary>The experiment's training options (a copy): what every run starts from.</summary>
        public TrainingOptions Training => _training.Clone();

        /// <summary>The fewest rows any fold trains on: the most a row budget can give.</summary>
        public int MaxTrainingRows => Enumerable.Range(0, FoldCount).Min(f => _fold.Count(x => x != f));

        public Metric Metric { get; }

        /// <summary>Folds scored per configuration (1 for a hold-out split).</summary>
        public int FoldCount { get; }

        /// <summary>Each row's fold, or −1 for a row that only trains (outside a hold-out split).</summary>
        public IReadOnlyList<int> Assignment => _fold;

        /// <summary>
        /// Every run of the configurations, in configuration order: each fold of each, then its refit when
        /// <paramref name="refit"/> (by default the options) asks for one. Each run carries its budget:
        /// <paramref name="budget"/> (a halving rung's), else the epochs the configuration trains for.
        /// A row budget does not apply to a refit, which trains on every row.
        /// </summary>
        public IReadOnlyList<ExperimentRun> Runs(IReadOnlyList<Configuration> configurations, RunBudget budget = null, bool? refit = null)
        {
            var runs = new List<ExperimentRun>();
            foreach (var configuration in configurations)
            {
                var own = budget ?? EpochsOf(configuration);
                for (int f = 0; f < FoldCount; f++) runs.Add(new ExperimentRun(configuration, f, own));
                if (refit ?? Options.Refit) runs.Add(RefitOf(configuration, own));
            }
            return runs;
        }

        /// <summary>The training of a configuration on every row: with an epoch budget when it ran on one, and on all rows whatever its row budget was.</summary>
        public ExperimentRun RefitOf(Configuration configuration, RunBudget budget = null) =>
            new ExperimentRun(configuration, ExperimentRun.RefitFold, budget == null || budget.Resource == BudgetResource.Rows ? EpochsOf(configuration) : budget);

        /// <summary>The epochs a configuration trains for: its own, else the experiment's.</summary>
        public RunBudget EpochsOf(Configuration configuration) => new RunBudget(BudgetResource.Epochs, configuration.Training(_training).Epochs);

        /// <summary>
        /// The rows (0-based) a run trains and tests on; under a row budget, that many of the fold's
        /// training rows, stratified by class and the same for every configuration of the rung.
        /// </summary>
        public (int[] Train, int[] Test) RowsOf(ExperimentRun run)
        {
            var all = Enumerable.Range(0, _fold.Length);
            if (run.IsRefit) return (all.ToArray(), new int[0]);
            var train = all.Where(r => _fold[r] != run.Fold).ToArray();
            var test = all.Where(r => _fold[r] == run.Fold).ToArray();
            if (run.Budget?.Resource == BudgetResource.Rows && run.Budget.Amount < train.Length)
            {
                var strata = _strata == null ? null : train.Select(r => _strata[r]).ToArray();
                train = Stratifier.Subsample(strata, train.Length, run.Budget.Amount, Options.Seed).Select(i => train[i]).ToArray();
            }
            return (train, test);
        }

        /// <summary>Trains and scores one run here.</summary>
        public RunOutcome Run(ExperimentRun run, CancellationToken token)
        {
            var (train, test) = RowsOf(run);
            return _table != null
                ? RunExecution.OnRows(run, _table.Subset(train), _table.Subset(test), _data, _training, Options.Seed, Metric, token)
                : RunExecution.OnMatrices(run, DataSplit.Subset(_matrices, train), DataSplit.Subset(_matrices, test), _training, Options.Seed, Metric, token);
        }

        /// <summary>
        /// Runs every run on up to <paramref name="degree"/> threads of this machine, reporting each as it
        /// ends; once <paramref name="token"/> is cancelled no run starts, and the finished ones are returned.
        /// </summary>
        public IReadOnlyList<RunOutcome> RunAll(IReadOnlyList<ExperimentRun> runs, int degree, Action<RunOutcome> completed, CancellationToken token)
        {
            var outcomes = new List<RunOutcome>();
            Work.ForEach(runs, degree, run =>
            {
                RunOutcome outcome;
                try
                {
                    outcome = Run(run, token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                lock (outcomes) outcomes.Add(outcome);
                completed?.Invoke(outcome);
            }, token);
            return outcomes;
        }

        /// <summary>One result per configuration, in configuration order; <paramref name="rung"/> numbers a halving rung's.</summary>
        public IReadOnlyList<ConfigurationResult> Aggregate(IReadOnlyList<Configuration> configurations, IEnumerable<RunOutcome> outcomes, int? rung = null) =>
            ConfigurationResult.All(configurations, Metric, outcomes, rung);

        /// <summary>Each row's class index under the first target, as training would read it (null for numbers).</summary>
        private static int[] ClassesOf(RawTable table, DataOptions data, TrainingOptions training, out bool classification)
        {
            var options = data.Clone();
            options.Task = Resolver.TaskFor(data.Task, training.Loss);
            var target = SchemaInference.TargetOf(table, options);
            classification = target is ClassTarget;
            if (!(target is ClassTarget classes)) return null;
            int c = table.IndexOf(options.Target[0]);
            var strata = new int[table.RowCount];
            for (int r = 0; r < strata.Length; r++)
                strata[r] = table.IsMissing(r, c) ? -1 : classes.ClassIndex(table[r, c], r + 1);
            return strata;
        }

        /// <summary>One-hot (or 0/1) target rows are classes: the index of the largest value (or the 0/1 value itself).</summary>
        private static int[] ClassesOf(DataSet matrices, out bool classification)
        {
            int width = matrices.Outputs, rows = matrices.Rows;
            var y = matrices.Targets;
            var strata = new int[rows];
            classification = true;
            for (int r = 0; r < rows && classification; r++)
            {
                int ones = 0, best = 0;
                for (int j = 0; j < width; j++)
                {
                    double v = y[r * width + j];
                    if (v != 0 && v != 1) classification = false;
                    if (v == 1) ones++;
                    if (v > y[r * width + best]) best = j;
                }
                if (width > 1 && ones != 1) classification = false;
                strata[r] = width == 1 ? (int)y[r] : best;
            }
            return classification ? strata : null;
        }
    }
}
