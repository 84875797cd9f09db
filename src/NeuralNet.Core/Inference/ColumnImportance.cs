using NeuralNet.Core.Data;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Inference
{
    /// <summary>How much one original column matters: the score drop when its values are shuffled across the rows. Immutable.</summary>
    public sealed class ColumnImportance
    {
        internal ColumnImportance(int rank, string column, ColumnKind kind, int inputs, double importance, double standardDeviation, double[] drops)
        {
            Rank = rank;
            Column = column;
            Kind = kind;
            Inputs = inputs;
            Importance = importance;
            StandardDeviation = standardDeviation;
            _drops = drops;
        }

        private readonly double[] _drops;

        /// <summary>1 for the column that matters most.</summary>
        public int Rank { get; }

        /// <summary>The column's name (for a network trained on matrices, Input1, Input2, …).</summary>
        public string Column { get; }

        public ColumnKind Kind { get; }

        /// <summary>The network inputs it fills: 1 for a number, one per category for a one-hot column (shuffled together).</summary>
        public int Inputs { get; }

        /// <summary>The mean score drop over the repeats: positive when shuffling the column hurts.</summary>
        public double Importance { get; }

        /// <summary>The standard deviation of the drops (over the repeats, dividing by their count, as scikit-learn's permutation_importance).</summary>
        public double StandardDeviation { get; }

        /// <summary>Each repeat's drop, in repeat order.</summary>
        public IReadOnlyList<double> Drops => _drops;
    }

    /// <summary>The importance of every column of a network on labelled rows, most important first.</summary>
    /// <param name="Metric">The score measured, of the first target (as experiments rank by).</param>
    /// <param name="Baseline">The score on the rows as they are: what Test-NeuralNetwork reports.</param>
    /// <param name="Rows">The labelled rows scored.</param>
    /// <param name="Repeats">The shuffles of each column.</param>
    /// <param name="Seed">The seed the shuffles came from.</param>
    /// <param name="Columns">Sorted by importance, the larger first; ties keep the columns' order.</param>
    public sealed record ImportanceReport(Metric Metric, double Baseline, int Rows, int Repeats, int Seed,
        IReadOnlyList<ColumnImportance> Columns);
}
