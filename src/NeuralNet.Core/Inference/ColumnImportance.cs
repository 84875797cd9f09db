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
    public sealed class ImportanceReport
    {
        internal ImportanceReport(Metric metric, double baseline, int rows, int repeats, int seed, IReadOnlyList<ColumnImportance> columns)
        {
            Metric = metric;
            Baseline = baseline;
            Rows = rows;
            Repeats = repeats;
            Seed = seed;
            Columns = columns;
        }

        /// <summary>The score measured, of the first target (as experiments rank by).</summary>
        public Metric Metric { get; }

        /// <summary>The score on the rows as they are: what Test-NeuralNetwork reports.</summary>
        public double Baseline { get; }

        public int Rows { get; }

        public int Repeats { get; }

        /// <summary>The seed the shuffles came from.</summary>
        public int Seed { get; }

        /// <summary>Sorted by importance, the larger first; ties keep the columns' order.</summary>
        public IReadOnlyList<ColumnImportance> Columns { get; }
    }
}
