namespace NeuralNet.Core.Experiments
{
    /// <summary>What a run's budget counts: passes over its training rows, or how many of them it trains on.</summary>
    public enum BudgetResource
    {
        Epochs,
        Rows,
    }

    /// <summary>
    /// How much a run may spend: its epochs (the configuration's own, or a halving rung's), or the
    /// number of its fold's training rows it trains on (a stratified subset, <see cref="Training.Stratifier.Subsample"/>).
    /// Results carry it, so a rung's scores say what they were bought with.
    /// </summary>
    public sealed class RunBudget : IEquatable<RunBudget>
    {
        public RunBudget(BudgetResource resource, int amount)
        {
            if (amount < 1) throw new ArgumentOutOfRangeException(nameof(amount), amount, "A budget is at least one epoch or row.");
            Resource = resource;
            Amount = amount;
        }

        public BudgetResource Resource { get; }

        /// <summary>Epochs, or training rows.</summary>
        public int Amount { get; }

        public bool Equals(RunBudget other) => other != null && other.Resource == Resource && other.Amount == Amount;

        public override bool Equals(object obj) => Equals(obj as RunBudget);

        public override int GetHashCode() => ((int)Resource * 397) ^ Amount;

        /// <summary>"9 epochs", "120 rows".</summary>
        public override string ToString() => $"{Amount} {(Resource == BudgetResource.Epochs ? (Amount == 1 ? "epoch" : "epochs") : (Amount == 1 ? "row" : "rows"))}";
    }
}
