using NeuralNet.Core.Model;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments
{
    /// <summary>A configuration's scores over its folds, aggregated: what Invoke-NetworkExperiment reports for it.</summary>
    public sealed class ConfigurationResult
    {
        private ConfigurationResult(Configuration configuration, Metric metric, double[] scores, TimeSpan duration, NeuralNetworkModel model, RunOutcome failure, RunBudget budget, int? rung)
        {
            Configuration = configuration;
            Budget = budget;
            Rung = rung;
            Metric = metric;
            Scores = scores;
            Duration = duration;
            Model = model;
            ErrorId = failure?.ErrorId;
            Error = failure == null ? null : $"{failure.Run}: {failure.Error}";
            MeanScore = failure != null || scores.Length == 0 ? double.NaN : scores.Average();
            double mean = MeanScore;
            StdScore = failure != null ? double.NaN : scores.Length > 1 ? Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (scores.Length - 1)) : 0;
        }

        /// <summary>
        /// Gathers a configuration's runs (in any order): scores by fold, total duration, the refit
        /// network, or its first failure; the budget its folds ran with, and the halving rung they belong to.
        /// </summary>
        public static ConfigurationResult Of(Configuration configuration, Metric metric, IEnumerable<RunOutcome> outcomes, int? rung = null)
        {
            var runs = outcomes.Where(o => o.Run.Configuration.Index == configuration.Index).ToList();
            var failure = runs.Where(o => o.IsFailure).OrderBy(o => o.Run.IsRefit).ThenBy(o => o.Run.Fold).FirstOrDefault();
            var scores = runs.Where(o => !o.Run.IsRefit && !o.IsFailure).OrderBy(o => o.Run.Fold).Select(o => o.Score).ToArray();
            var duration = TimeSpan.FromTicks(runs.Sum(o => o.Duration.Ticks));
            var budget = runs.Where(o => !o.Run.IsRefit).Select(o => o.Run.Budget).FirstOrDefault(b => b != null);
            return new ConfigurationResult(configuration, metric, scores, duration, runs.FirstOrDefault(o => o.Run.IsRefit)?.Model, failure, budget, rung);
        }

        /// <summary>One result per configuration, in the configurations' order.</summary>
        public static IReadOnlyList<ConfigurationResult> All(IReadOnlyList<Configuration> configurations, Metric metric, IEnumerable<RunOutcome> outcomes, int? rung = null)
        {
            var all = outcomes.ToList();
            return configurations.Select(c => Of(c, metric, all, rung)).ToArray();
        }

        /// <summary>
        /// The best of the results by mean score (the metric's direction), failures never; equal scores
        /// go to the lower configuration number. Null when every one failed.
        /// </summary>
        public static ConfigurationResult Best(IEnumerable<ConfigurationResult> results)
        {
            ConfigurationResult best = null;
            foreach (var r in results.Where(r => r.Error == null && !double.IsNaN(r.MeanScore)).OrderBy(r => r.Configuration.Index))
                if (best == null || r.OrientedScore > best.OrientedScore) best = r;
            return best;
        }

        /// <summary>The mean score with higher always better (a loss negated), as rankings compare it; NaN for a failure.</summary>
        public double OrientedScore => Metrics.HigherIsBetter(Metric) ? MeanScore : -MeanScore;

        public Configuration Configuration { get; }

        /// <summary>What each of its folds was given: epochs, or training rows under a row-budget halving.</summary>
        public RunBudget Budget { get; }

        /// <summary>The successive-halving rung (from 0) these scores come from; null outside a halving search.</summary>
        public int? Rung { get; }

        public Metric Metric { get; }

        /// <summary>The mean of the fold scores (NaN when a run failed).</summary>
        public double MeanScore { get; }

        /// <summary>The sample standard deviation of the fold scores (0 for one score).</summary>
        public double StdScore { get; }

        /// <summary>One score per fold, in fold order.</summary>
        public double[] Scores { get; }

        /// <summary>The time of all its runs together.</summary>
        public TimeSpan Duration { get; }

        /// <summary>The network trained on every row, with Refit.</summary>
        public NeuralNetworkModel Model { get; }

        public string ErrorId { get; }

        /// <summary>The first error that stopped one of its runs, naming the run; null when all ran.</summary>
        public string Error { get; }
    }
}
