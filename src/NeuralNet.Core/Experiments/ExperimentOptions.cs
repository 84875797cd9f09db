using NeuralNet.Core.Options;

namespace NeuralNet.Core.Experiments
{
    /// <summary>How configurations are chosen: every point of a grid, random draws from a space, or successive halving over either.</summary>
    public enum SearchMode
    {
        /// <summary>Every combination of -ParameterGrid.</summary>
        Grid,
        /// <summary>-Trials configurations drawn from -ParameterSpace (Bergstra &amp; Bengio 2012).</summary>
        Random,
        /// <summary>
        /// Successive halving (Jamieson &amp; Talwalkar 2016): every candidate on a small budget, the best
        /// 1/factor kept for a budget factor times larger, until one is left or the budget runs out.
        /// </summary>
        Halving,
    }

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

        /// <summary>Seeds the folds, the networks' weights and the shuffling (unless a configuration sets Seed), and a search's draws.</summary>
        public int Seed { get; set; }

        /// <summary>Also train each configuration on every row, and keep that network (with Halving: the winner only).</summary>
        public bool Refit { get; set; }

        /// <summary>How configurations are chosen.</summary>
        public SearchMode Search { get; set; } = SearchMode.Grid;

        /// <summary>
        /// Random: how many configurations to draw (null: <see cref="ExperimentSearch.DefaultTrials"/>). Halving over a
        /// space: how many candidates start (null: as many as the budgets can thin down to one).
        /// </summary>
        [OptionRange(1, 100000)]
        public int? Trials { get; set; }

        /// <summary>Halving: each rung keeps 1/factor of the configurations and gives them factor times the budget (η).</summary>
        [OptionRange(2, 100)]
        public int HalvingFactor { get; set; } = SuccessiveHalving.DefaultFactor;

        /// <summary>Halving: what the budget counts, epochs (up to -Epochs) or training rows (up to a fold's).</summary>
        public BudgetResource HalvingResource { get; set; } = BudgetResource.Epochs;

        /// <summary>Halving: the first rung's budget; null: chosen so the last rung gets as much of the maximum as the schedule allows.</summary>
        [OptionRange(1, int.MaxValue)]
        public int? MinBudget { get; set; }

        public void Validate() => OptionBinder.Validate(this);

        public ExperimentOptions Clone() => (ExperimentOptions)MemberwiseClone();
    }
}
