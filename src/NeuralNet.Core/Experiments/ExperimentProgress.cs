using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// What a progress bar says while a stage runs: runs and configurations done (a configuration is
    /// done when all its folds are), and the best mean score of the configurations done so far, in the
    /// metric's direction. Fed from one thread (the cmdlet's pipeline thread).
    /// </summary>
    public sealed class ExperimentProgress
    {
        private readonly Dictionary<int, List<RunOutcome>> _byConfiguration = new Dictionary<int, List<RunOutcome>>();
        private readonly Dictionary<int, int> _expected = new Dictionary<int, int>();
        private readonly Metric _metric;
        private readonly string _stage;

        public ExperimentProgress(SearchStage stage, Metric metric)
        {
            _metric = metric;
            _stage = stage.Description;
            Runs = stage.Runs.Count;
            foreach (var run in stage.Runs)
            {
                _expected.TryGetValue(run.Configuration.Index, out int n);
                _expected[run.Configuration.Index] = n + 1;
            }
            Configurations = _expected.Count;
            BestScore = double.NaN;
        }

        public int Runs { get; }

        public int RunsDone { get; private set; }

        public int Configurations { get; }

        public int ConfigurationsDone { get; private set; }

        /// <summary>The best mean score among the configurations done (NaN before the first, or while every one failed).</summary>
        public double BestScore { get; private set; }

        /// <summary>The configuration that has <see cref="BestScore"/>.</summary>
        public int? BestConfiguration { get; private set; }

        public int PercentComplete => Runs == 0 ? 100 : 100 * RunsDone / Runs;

        /// <summary>The last run that ended.</summary>
        public ExperimentRun Last { get; private set; }

        public void Add(RunOutcome outcome)
        {
            RunsDone++;
            Last = outcome.Run;
            int index = outcome.Run.Configuration.Index;
            if (!_byConfiguration.TryGetValue(index, out var done)) _byConfiguration[index] = done = new List<RunOutcome>();
            done.Add(outcome);
            if (!_expected.TryGetValue(index, out int expected) || done.Count != expected) return;
            ConfigurationsDone++;
            var scores = done.Where(o => !o.Run.IsRefit).ToList();
            if (scores.Count == 0 || scores.Any(o => o.IsFailure)) return;
            double mean = scores.Average(o => o.Score);
            bool higher = Metrics.HigherIsBetter(_metric);
            if (double.IsNaN(BestScore) || (higher ? mean > BestScore : mean < BestScore) || (mean == BestScore && index < BestConfiguration))
            {
                BestScore = mean;
                BestConfiguration = index;
            }
        }

        /// <summary>"rung 1 of 3: …: 4 of 27 configurations done (12 of 81 runs); best mean Accuracy so far 0.9533 (configuration 7); last: configuration 9, fold 2".</summary>
        public string Status
        {
            get
            {
                string best = BestConfiguration == null ? "no configuration scored yet"
                    : string.Format(CultureInfo.InvariantCulture, "best mean {0} so far {1:G4} (configuration {2})", _metric, BestScore, BestConfiguration);
                return $"{_stage}: {ConfigurationsDone} of {Configurations} configurations done ({RunsDone} of {Runs} runs); {best}" + (Last == null ? "" : $"; last: {Last}");
            }
        }
    }
}
