using NeuralNet.Core.Data;

namespace NeuralNet.Core.Training
{
    /// <summary>Training's validation split of encoded data, and subsets of encoded rows.</summary>
    public static class DataSplit
    {
        /// <summary>Moves about <paramref name="fraction"/> of the rows (at least one, leaving at least one) into a validation set, stratified by class (<see cref="Stratifier"/>).</summary>
        public static (DataSet Train, DataSet Validation) Split(DataSet data, double fraction, int seed, OutputLayout layout)
        {
            int[] strata = null;
            if (layout.IsClassification)
            {
                var group = layout.Groups[0];
                strata = new int[data.Rows];
                for (int r = 0; r < data.Rows; r++) strata[r] = group.PredictedClass(data.Targets, r * data.Outputs);
            }
            var validation = Stratifier.Holdout(strata, data.Rows, fraction, seed);
            var held = new HashSet<int>(validation);
            var train = Enumerable.Range(0, data.Rows).Where(r => !held.Contains(r)).ToArray();
            return (Subset(data, train), Subset(data, validation));
        }

        /// <summary>The given rows (0-based) of a data set, in that order.</summary>
        public static DataSet Subset(DataSet data, int[] rows)
        {
            var x = new double[rows.Length * data.Inputs];
            var y = data.Targets != null ? new double[rows.Length * data.Outputs] : null;
            for (int i = 0; i < rows.Length; i++)
            {
                data.CopyFeatures(rows[i], 1, x, i * data.Inputs);
                if (y != null) Array.Copy(data.Targets, rows[i] * data.Outputs, y, i * data.Outputs, data.Outputs);
            }
            var weights = data.Weights != null ? rows.Select(r => data.Weights[r]).ToArray() : null;
            return new DataSet(x, y, rows.Length, data.Inputs, data.Outputs, weights)
            {
                SourceRows = data.SourceRows != null ? rows.Select(r => data.SourceRows[r]).ToArray() : rows.Select(r => r + 1).ToArray(),
            };
        }
    }
}
