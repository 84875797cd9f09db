namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// One rung of successive halving: which configurations run, on what budget (epochs or rows).
    /// Only numbers, so a rung can be written into a plan and read back by another process.
    /// </summary>
    internal sealed class HalvingRung
    {
        public HalvingRung(int index, int budget, IReadOnlyList<int> configurations)
        {
            if (configurations == null || configurations.Count == 0) throw new ArgumentException("A rung runs at least one configuration.", nameof(configurations));
            Index = index;
            Budget = budget;
            Configurations = configurations.ToArray();
        }

        /// <summary>0 for the first rung, which runs every candidate.</summary>
        public int Index { get; }

        /// <summary>Epochs (or rows) each configuration trains with on this rung.</summary>
        public int Budget { get; }

        /// <summary>Candidate numbers (0-based, into the grid or the sampled list), ascending.</summary>
        public IReadOnlyList<int> Configurations { get; }

        public override string ToString() => $"Rung {Index}: {Configurations.Count} configuration(s) on a budget of {Budget}";
    }
}
