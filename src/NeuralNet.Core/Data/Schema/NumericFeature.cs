namespace NeuralNet.Core.Data
{
    /// <summary>A numeric input: x' = (x − <see cref="Offset"/>) / <see cref="Scale"/>, fitted on the training rows.</summary>
    public sealed class NumericFeature : FeatureColumn
    {
        public NumericFeature(string name, double offset, double scale, double mean) : base(name)
        {
            Offset = offset;
            Scale = scale;
            Mean = mean;
        }

        public override ColumnKind Kind => ColumnKind.Numeric;

        public override int Width => 1;

        public override IEnumerable<string> InputNames => new[] { Name };

        public double Offset { get; }

        public double Scale { get; }

        /// <summary>The training mean, used for missing values under MissingValue Mean.</summary>
        public double Mean { get; }

        internal override void Encode(object cell, int rowNumber, double[] x, int offset, in CellPolicy policy)
        {
            double v;
            if (ValueParser.IsMissing(cell))
            {
                if (policy.Missing != MissingValuePolicy.Mean) throw policy.MissingError(rowNumber, Name, cell);
                v = Mean;
            }
            else if (!ValueParser.TryParse(cell, out v))
            {
                throw ValueParser.IsScalar(cell) ? DataErrors.NonNumeric(rowNumber, Name, cell) : DataErrors.NotScalar(rowNumber, Name, cell);
            }
            if (double.IsNaN(v) || double.IsInfinity(v)) throw DataErrors.NonFinite(rowNumber, Name, cell);
            x[offset] = (v - Offset) / Scale;
        }

        /// <summary>Straight from the parsed numbers where the table has them; the cell path otherwise.</summary>
        [MethodImpl(Hot.Optimize)]
        internal override void EncodeColumn(RawTable table, int column, IReadOnlyList<int> keep, int first, int last, double[] x, int stride, int offset, in CellPolicy policy)
        {
            var numeric = table.Numeric(column);
            if (numeric == null)
            {
                base.EncodeColumn(table, column, keep, first, last, x, stride, offset, policy);
                return;
            }
            double shift = Offset, scale = Scale;
            for (int k = first; k < last; k++)
            {
                int r = keep[k];
                double v;
                if (numeric.StateAt(r) == CellState.Present) v = numeric[r];
                else if (policy.Missing == MissingValuePolicy.Mean) v = Mean;
                else throw policy.MissingError(policy.RowNumber(r), Name, table[r, column]);
                // The cell as written (1e400, not Infinity) where the table keeps it.
                if (double.IsNaN(v) || double.IsInfinity(v)) throw DataErrors.NonFinite(policy.RowNumber(r), Name, table[r, column], table.ReadByColumns);
                x[k * stride + offset] = (v - shift) / scale;
            }
        }

        internal override bool EncodesInParallel(RawTable table, int column) => table.Numeric(column) != null;
    }
}
