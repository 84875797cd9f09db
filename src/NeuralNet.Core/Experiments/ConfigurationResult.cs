using System;
using System.Collections.Generic;
using System.Linq;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments
{
    /// <summary>A configuration's scores over its folds, aggregated: what Invoke-NetworkExperiment reports for it.</summary>
    public sealed class ConfigurationResult
    {
        private ConfigurationResult(Configuration configuration, Metric metric, double[] scores, TimeSpan duration, NeuralNetworkModel model, RunOutcome failure)
        {
            Configuration = configuration;
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

        /// <summary>Gathers a configuration's runs (in any order): scores by fold, total duration, the refit network, or its first failure.</summary>
        public static ConfigurationResult Of(Configuration configuration, Metric metric, IEnumerable<RunOutcome> outcomes)
        {
            var runs = outcomes.Where(o => o.Run.Configuration.Index == configuration.Index).ToList();
            var failure = runs.Where(o => o.IsFailure).OrderBy(o => o.Run.Fold).FirstOrDefault();
            var scores = runs.Where(o => !o.Run.IsRefit && !o.IsFailure).OrderBy(o => o.Run.Fold).Select(o => o.Score).ToArray();
            var duration = TimeSpan.FromTicks(runs.Sum(o => o.Duration.Ticks));
            return new ConfigurationResult(configuration, metric, scores, duration, runs.FirstOrDefault(o => o.Run.IsRefit)?.Model, failure);
        }

        public Configuration Configuration { get; }

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
