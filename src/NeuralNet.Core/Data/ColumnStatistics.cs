namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Count, mean, population standard deviation, min and max of a numeric column's present values,
    /// in two plain passes (the same summation order for file and pipeline tables, so both scale alike),
    /// without copying the column.
    /// </summary>
    /// <param name="Count">The present, finite values.</param>
    /// <param name="Mean">Their mean (0 when there are none).</param>
    /// <param name="StandardDeviation">Their population standard deviation.</param>
    /// <param name="Min">The smallest.</param>
    /// <param name="Max">The largest.</param>
    /// <param name="FirstNonFiniteRow">The first row (0-based) holding NaN or ∞, or −1; such values are left out of the moments.</param>
    internal readonly record struct ColumnStatistics(int Count, double Mean, double StandardDeviation, double Min, double Max, int FirstNonFiniteRow = -1)
    {
        /// <summary>
        /// Statistics of every column of <paramref name="columns"/> stored as numbers in a file table, in
        /// two passes over the rows (its matrix is row-major, so a pass per column would stream the whole
        /// matrix once per column). Null for columns not stored as numbers.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static ColumnStatistics?[] OfNumericColumns(RawTable table, int[] columns, List<int> rows)
        {
            int n = columns.Length;
            var numeric = new NumericColumn[n];
            for (int i = 0; i < n; i++) numeric[i] = table.Numeric(columns[i]);
            var count = new int[n];
            var firstBad = new int[n];
            var sum = new double[n];
            var squares = new double[n];
            var min = new double[n];
            var max = new double[n];
            for (int i = 0; i < n; i++)
            {
                firstBad[i] = -1;
                min[i] = double.PositiveInfinity;
                max[i] = double.NegativeInfinity;
            }
            foreach (int r in rows)
            {
                for (int i = 0; i < n; i++)
                {
                    var column = numeric[i];
                    if (column == null || column.StateAt(r) != CellState.Present) continue;
                    double v = column[r];
                    if (double.IsNaN(v) || double.IsInfinity(v))
                    {
                        if (firstBad[i] < 0) firstBad[i] = r;
                        continue;
                    }
                    count[i]++;
                    sum[i] += v;
                    if (v < min[i]) min[i] = v;
                    if (v > max[i]) max[i] = v;
                }
            }
            var mean = new double[n];
            for (int i = 0; i < n; i++) mean[i] = count[i] > 0 ? sum[i] / count[i] : 0;
            foreach (int r in rows)
            {
                for (int i = 0; i < n; i++)
                {
                    var column = numeric[i];
                    if (column == null || column.StateAt(r) != CellState.Present) continue;
                    double v = column[r];
                    if (double.IsNaN(v) || double.IsInfinity(v)) continue;
                    squares[i] += (v - mean[i]) * (v - mean[i]);
                }
            }
            var result = new ColumnStatistics?[n];
            for (int i = 0; i < n; i++)
            {
                if (numeric[i] == null) continue;
                result[i] = count[i] == 0
                    ? new ColumnStatistics(0, 0, 0, 0, 0, firstBad[i])
                    : new ColumnStatistics(count[i], mean[i], System.Math.Sqrt(squares[i] / count[i]), min[i], max[i], firstBad[i]);
            }
            return result;
        }

        public static ColumnStatistics Of(RawTable table, int column, List<int> rows)
        {
            var numeric = table.Numeric(column);
            int count = 0;
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (int r in rows)
            {
                if (!Value(table, numeric, r, column, out double v)) continue;
                count++;
                sum += v;
                if (v < min) min = v;
                if (v > max) max = v;
            }
            if (count == 0) return new ColumnStatistics(0, 0, 0, 0, 0);
            double mean = sum / count, squares = 0;
            foreach (int r in rows)
            {
                if (!Value(table, numeric, r, column, out double v)) continue;
                squares += (v - mean) * (v - mean);
            }
            return new ColumnStatistics(count, mean, System.Math.Sqrt(squares / count), min, max);
        }

        private static bool Value(RawTable table, NumericColumn numeric, int row, int column, out double value)
        {
            if (numeric != null)
            {
                value = numeric[row];
                return numeric.StateAt(row) == CellState.Present;
            }
            var cell = table[row, column];
            value = 0;
            return !ValueParser.IsMissing(cell) && ValueParser.TryParse(cell, out value);
        }
    }
}
