namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Encodes a table with a fitted schema, block by block: each block of rows is written column by
    /// column through the columns' own column paths, so the block of inputs being filled stays in cache.
    /// Large all-numeric tables are encoded on every core; a data error found that way is searched for
    /// again in order, so the error names the same first bad row as a sequential pass would.
    /// </summary>
    internal static class TableEncoder
    {
        private const int BlockRows = 256;

        /// <summary>From this many rows, an all-numeric table is encoded on several cores.</summary>
        private const int ParallelRows = 100_000;

        public static DataSet Encode(DataSchema schema, RawTable table, bool withTargets, CellPolicy policy, string sampleWeight = null)
        {
            var features = schema.Features;
            var targets = withTargets ? schema.Targets : new TargetColumn[0];
            var featureIndexes = FeatureColumns(schema, table);
            var targetIndexes = targets.Select(t => Column(table, t.Name, "target")).ToArray();
            int weightIndex = sampleWeight == null ? -1 : WeightColumn(schema, table, sampleWeight);
            var required = featureIndexes.Concat(targetIndexes).Concat(weightIndex >= 0 ? new[] { weightIndex } : new int[0]).ToArray();
            var keep = RowsToKeep(table, required, policy.Missing);
            // Rented (zeroed), and given back by whoever trains on the data set (DataSet.Release).
            var x = TableScratch.Numbers(checked(keep.Count * schema.InputWidth));
            EncodeFeatures(features, table, featureIndexes, keep, x, policy, parallel: keep.Count >= ParallelRows);
            int outputs = schema.OutputWidth;

            double[] y = null;
            if (withTargets)
            {
                y = TableScratch.Numbers(checked(keep.Count * outputs));
                for (int t = 0, offset = 0; t < targets.Count; offset += targets[t].Width, t++)
                    targets[t].EncodeColumn(table, targetIndexes[t], keep, y, outputs, offset, policy);
            }
            var source = new int[keep.Count];
            for (int k = 0; k < source.Length; k++) source[k] = policy.RowNumber(keep[k]);
            var weights = weightIndex >= 0 ? Weights(table, weightIndex, keep, policy) : null;
            return new DataSet(x, y, keep.Count, schema.InputWidth, withTargets ? outputs : 0, weights) { SourceRows = source, FromScratch = true };
        }

        /// <summary>
        /// Encodes the kept rows <paramref name="keep"/> of the table's feature columns (<paramref name="columns"/>:
        /// where each feature stands in the table) into x, one row after another, block by block.
        /// </summary>
        internal static void EncodeFeatures(IReadOnlyList<FeatureColumn> features, RawTable table, int[] columns, List<int> keep, double[] x, CellPolicy policy, bool parallel)
        {
            int inputs = 0;
            for (int f = 0; f < features.Count; f++) inputs += features[f].Width;
            int blocks = (keep.Count + BlockRows - 1) / BlockRows;
            // Compiled optimised at once: each call encodes a block of rows, and under tiered compilation the
            // first calls of a session ran unoptimised (the runtime promoted it only after some training calls).
            [MethodImpl(Hot.Optimize)]
            void EncodeBlock(int block)
            {
                int first = block * BlockRows, last = Math.Min(keep.Count, first + BlockRows), offset = 0;
                for (int f = 0; f < features.Count; f++)
                {
                    features[f].EncodeColumn(table, columns[f], keep, first, last, x, inputs, offset, policy);
                    offset += features[f].Width;
                }
            }
            if (parallel)
                for (int f = 0; f < features.Count && parallel; f++) parallel = features[f].EncodesInParallel(table, columns[f]);
            if (!parallel || !Work.TryEachInParallel(blocks, EncodeBlock))
                for (int b = 0; b < blocks; b++) EncodeBlock(b);
        }

        /// <summary>Where each of the schema's features stands in the table; a missing one is TrainedColumnMissing.</summary>
        internal static int[] FeatureColumns(DataSchema schema, RawTable table)
        {
            var columns = new int[schema.Features.Count];
            for (int f = 0; f < columns.Length; f++) columns[f] = Column(table, schema.Features[f].Name, "feature");
            return columns;
        }

        /// <summary>The -SampleWeight column: present, and neither a feature nor a target.</summary>
        private static int WeightColumn(DataSchema schema, RawTable table, string name)
        {
            int c = table.IndexOf(name);
            if (c < 0) throw DataErrors.SampleWeightNotFound(name, table.Columns, carried: false);
            if (schema.Features.Any(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))) throw DataErrors.SampleWeightIsInput(name, "feature");
            if (schema.Targets.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))) throw DataErrors.SampleWeightIsInput(name, "target");
            return c;
        }

        /// <summary>Each kept row's weight: a finite number ≥ 0 (a missing one is an error unless MissingValue Skip left the row out).</summary>
        private static double[] Weights(RawTable table, int column, List<int> keep, in CellPolicy policy)
        {
            var weights = new double[keep.Count];
            var numeric = table.Numeric(column);
            for (int k = 0; k < keep.Count; k++)
            {
                int r = keep[k];
                double w;
                if (numeric != null && numeric.StateAt(r) == CellState.Present) w = numeric[r];
                else if (!ValueParser.TryParse(table[r, column], out w)) w = double.NaN;
                if (double.IsNaN(w) || double.IsInfinity(w) || w < 0) throw DataErrors.BadSampleWeight(policy.RowNumber(r), table.Columns[column], table[r, column]);
                weights[k] = w;
            }
            return weights;
        }

        private static int Column(RawTable table, string name, string role)
        {
            int c = table.IndexOf(name);
            if (c < 0) throw DataErrors.TrainedColumnMissing(name, role, table.Columns);
            return c;
        }

        /// <summary>Every row, or under MissingValue Skip the rows with a value in every one of <paramref name="columns"/>.</summary>
        [MethodImpl(Hot.Optimize)]
        internal static List<int> RowsToKeep(RawTable table, int[] columns, MissingValuePolicy policy) =>
            RowsToKeep(table, columns, policy, 0, table.RowCount, new List<int>(table.RowCount));

        /// <summary>As the other overload for the rows [<paramref name="start"/>, start + <paramref name="count"/>), into <paramref name="keep"/> (emptied first).</summary>
        [MethodImpl(Hot.Optimize)]
        internal static List<int> RowsToKeep(RawTable table, int[] columns, MissingValuePolicy policy, int start, int count, List<int> keep)
        {
            keep.Clear();
            for (int r = start; r < start + count; r++)
            {
                bool skip = false;
                for (int c = 0; c < columns.Length && policy == MissingValuePolicy.Skip && !skip; c++) skip = table.IsMissing(r, columns[c]);
                if (!skip) keep.Add(r);
            }
            return keep;
        }
    }
}
