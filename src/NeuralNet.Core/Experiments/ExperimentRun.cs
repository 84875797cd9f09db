using NeuralNet.Core.Model;

namespace NeuralNet.Core.Experiments
{
    /// <summary>One training-and-scoring run of an experiment: a configuration on one fold, or its refit on every row.</summary>
    /// <param name="Configuration">The settings trained.</param>
    /// <param name="Fold">The fold scored (0-based), or <see cref="RefitFold"/> for the training on every row.</param>
    /// <param name="Budget">What the run may spend; null: the configuration's epochs on every training row.</param>
    public sealed record ExperimentRun(Configuration Configuration, int Fold, RunBudget Budget = null)
    {
        public const int RefitFold = -1;

        public bool IsRefit => Fold == RefitFold;

        public override string ToString() => IsRefit ? $"configuration {Configuration.Index}, refit on all rows" : $"configuration {Configuration.Index}, fold {Fold + 1}";
    }

    /// <summary>How a run ended: its score (or, for a refit, its network), how long it took, or the error that stopped it.</summary>
    /// <param name="Run">The run this is the outcome of.</param>
    /// <param name="Score">The metric on the fold's test rows; NaN for a refit or a failure.</param>
    /// <param name="Duration">The wall-clock time the run took.</param>
    /// <param name="Model">The network trained on every row (refit runs).</param>
    /// <param name="ErrorId">The stable id of the error that stopped the run, or null.</param>
    /// <param name="Error">The message of that error, or null.</param>
    public sealed record RunOutcome(ExperimentRun Run, double Score, TimeSpan Duration, NeuralNetworkModel Model, string ErrorId,
        string Error)
    {
        public static RunOutcome Scored(ExperimentRun run, double score, TimeSpan duration) => new RunOutcome(run, score, duration, null, null, null);

        public static RunOutcome Refitted(ExperimentRun run, NeuralNetworkModel model, TimeSpan duration) => new RunOutcome(run, double.NaN, duration, model, null, null);

        public static RunOutcome Failed(ExperimentRun run, string errorId, string error, TimeSpan duration) => new RunOutcome(run, double.NaN, duration, null, errorId, error);

        public bool IsFailure => Error != null;
    }
}
