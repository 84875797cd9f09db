using NeuralNet.Core.Options;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// How an experiment scores configurations: Invoke-NetworkExperiment's own options, named as its
    /// parameters (bound by name, <see cref="OptionBinder"/>).
    /// </summary>
    public sealed class ExperimentOptions
    {
        /// <summary>k-fold cross-validation: each configuration trained k times, each time scored on another fold.</summary>
        [OptionRange(2, 100)]
        public int Folds { get; set; } = 3;

        /// <summary>Instead of folds, score each configuration once on this share of the rows, held out (stratified by class); null: folds.</summary>
        [OptionRange(0, 1, MinExclusive = true, MaxExclusive = true)]
        public double? ValidationSplit { get; set; }

        /// <summary>The score; null: accuracy for classes, R² for numbers (<see cref="Training.Resolver.MetricFor"/>).</summary>
        public Training.Metric? Metric { get; set; }

        /// <summary>Seeds the folds, the networks' weights and the shuffling (unless a configuration sets Seed).</summary>
        public int Seed { get; set; }

        /// <summary>Also train each configuration on every row, and keep that network.</summary>
        public bool Refit { get; set; }

        public void Validate() => OptionBinder.Validate(this);
    }
}
