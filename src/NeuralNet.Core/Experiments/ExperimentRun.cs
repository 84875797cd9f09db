using NeuralNet.Core.Model;

namespace NeuralNet.Core.Experiments
{
    /// <summary>One training-and-scoring run of an experiment: a configuration on one fold, or its refit on every row.</summary>
    public sealed class ExperimentRun
    {
        /// <param name="configuration">What to train.</param>
        /// <param name="fold">The fold scored, or <see cref="RefitFold"/>.</param>
        /// <param name="budget">Epochs (over the configuration's own) or training rows; null: the configuration's epochs on every training row.</param>
        public ExperimentRun(Configuration configuration, int fold, RunBudget budget = null)
        {
            Configuration = configuration;
            Fold = fold;
            Budget = budget;
        }

        public Configuration Configuration { get; }

        /// <summary>What the run may spend; null: the configuration's epochs on every training row.</summary>
        public RunBudget Budget { get; }

        /// <summary>The fold scored (0-based), or <see cref="RefitFold"/> for the training on every row.</summary>
        public int Fold { get; }

        public const int RefitFold = -1;

        public bool IsRefit => Fold == RefitFold;

        public override string ToString() => IsRefit ? $"configuration {Configuration.Index}, refit on all rows" : $"configuration {Configuration.Index}, fold {Fold + 1}";
    }

    /// <summary>How a run ended: its score (or, for a refit, its network), how long it took, or the error that stopped it.</summary>
    public sealed class RunOutcome
    {
        private RunOutcome(ExperimentRun run, double score, TimeSpan duration, NeuralNetworkModel model, string errorId, string error)
        {
            Run = run;
            Score = score;
            Duration = duration;
            Model = model;
            ErrorId = errorId;
            Error = error;
        }

        public static RunOutcome Scored(ExperimentRun run, double score, TimeSpan duration) => new RunOutcome(run, score, duration, null, null, null);

        public static RunOutcome Refitted(ExperimentRun run, NeuralNetworkModel model, TimeSpan duration) => new RunOutcome(run, double.NaN, duration, model, null, null);

        public static RunOutcome Failed(ExperimentRun run, string errorId, string error, TimeSpan duration) => new RunOutcome(run, double.NaN, duration, null, errorId, error);

        public ExperimentRun Run { get; }

        /// <summary>The metric on the fold's test rows; NaN for a refit or a failure.</summary>
        public double Score { get; }

        public TimeSpan Duration { get; }

        /// <summary>The network trained on every row (refit runs).</summary>
        public NeuralNetworkModel Model { get; }

        /// <summary>The stable id of the error that stopped the run, or null.</summary>
        public string ErrorId { get; }

        public string Error { get; }

        public bool IsFailure => Error != null;
    }
}
