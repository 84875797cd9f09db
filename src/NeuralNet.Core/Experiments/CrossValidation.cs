using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
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
            IsClassification = classification;
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

        public Metric Metric { get; }

        /// <summary>Folds scored per configuration (1 for a hold-out split).</summary>
        public int FoldCount { get; }

        /// <summary>Each row's fold, or −1 for a row that only trains (outside a hold-out split).</summary>
        public IReadOnlyList<int> Assignment => _fold;

        /// <summary>Every run of the configurations: each fold of each, then its refit when the options ask for one.</summary>
        public IReadOnlyList<ExperimentRun> Runs(IReadOnlyList<Configuration> configurations)
        {
            var runs = new List<ExperimentRun>();
            foreach (var configuration in configurations)
            {
                for (int f = 0; f < FoldCount; f++) runs.Add(new ExperimentRun(configuration, f));
                if (Options.Refit) runs.Add(new ExperimentRun(configuration, ExperimentRun.RefitFold));
            }
            return runs;
        }

        /// <summary>The rows (0-based) a run trains and tests on.</summary>
        public (int[] Train, int[] Test) RowsOf(ExperimentRun run)
        {
            var all = Enumerable.Range(0, _fold.Length);
            if (run.IsRefit) return (all.ToArray(), new int[0]);
            return (all.Where(r => _fold[r] != run.Fold).ToArray(), all.Where(r => _fold[r] == run.Fold).ToArray());
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

        /// <summary>One result per configuration, in configuration order.</summary>
        public IReadOnlyList<ConfigurationResult> Aggregate(IReadOnlyList<Configuration> configurations, IEnumerable<RunOutcome> outcomes)
        {
            var all = outcomes.ToList();
            return configurations.Select(c => ConfigurationResult.Of(c, Metric, all)).ToArray();
        }

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
