using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Random;
using NeuralNet.Core.Data;

namespace NeuralNet.Core.Training
{
    /// <summary>Seeded hold-out splits; stratified by class for classification, so each class keeps its share.</summary>
    public static class DataSplit
    {
        /// <summary>Moves about <paramref name="fraction"/> of the rows (at least one, leaving at least one) into a validation set.</summary>
        public static (DataSet Train, DataSet Validation) Split(DataSet data, double fraction, int seed, OutputLayout layout)
        {
            if (fraction <= 0 || fraction >= 1)
                throw new NeuralNetException("InvalidValidationSplit", ErrorKind.InvalidArgument,
                    $"-ValidationSplit must lie between 0 and 1 (exclusive); it is {fraction}.");
            if (data.Rows < 2)
                throw new NeuralNetException("TooFewRows", ErrorKind.InvalidData, "-ValidationSplit needs at least two rows.");
            var random = new MersenneTwister(seed, threadSafe: false);
            var strata = new Dictionary<int, List<int>>();
            var classGroup = layout.IsClassification ? layout.Groups[0] : (OutputGroup?)null;
            for (int r = 0; r < data.Rows; r++)
            {
                int key = classGroup?.PredictedClass(data.Targets, r * data.Outputs) ?? 0;
                if (!strata.TryGetValue(key, out var rows)) strata[key] = rows = new List<int>();
                rows.Add(r);
            }
            var validation = new List<int>();
            foreach (var key in strata.Keys.OrderBy(k => k))
            {
                var rows = strata[key];
                for (int i = rows.Count - 1; i > 0; i--)
                {
                    int j = random.Next(i + 1);
                    (rows[i], rows[j]) = (rows[j], rows[i]);
                }
                validation.AddRange(rows.Take((int)Math.Round(rows.Count * fraction)));
            }
            if (validation.Count == 0) validation.Add(0);
            if (validation.Count == data.Rows) validation.RemoveAt(validation.Count - 1);
            var held = new HashSet<int>(validation);
            var train = Enumerable.Range(0, data.Rows).Where(r => !held.Contains(r)).ToArray();
            validation.Sort();
            return (Subset(data, train), Subset(data, validation.ToArray()));
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
            return new DataSet(x, y, rows.Length, data.Inputs, data.Outputs)
            {
                SourceRows = data.SourceRows != null ? rows.Select(r => data.SourceRows[r]).ToArray() : rows.Select(r => r + 1).ToArray(),
            };
        }
    }
}
