namespace NeuralNet.Core.Data
{
    /// <summary>A numeric (regression) target: y' = (y − <see cref="Offset"/>) / <see cref="Scale"/> on the way in, and back on the way out.</summary>
    public sealed class ValueTarget : TargetColumn
    {
        public ValueTarget(string name, double offset = 0, double scale = 1) : base(name)
        {
            Offset = offset;
            Scale = scale;
        }

        public double Offset { get; }

        public double Scale { get; }

        public override bool IsClassification => false;

        public override int ClassCount => 0;

        public override int Width => 1;

        public override IEnumerable<string> OutputNames => new[] { Name };

        internal override void Encode(object cell, int rowNumber, double[] y, int offset)
        {
            if (!ValueParser.TryParse(cell, out double v) || double.IsNaN(v) || double.IsInfinity(v))
                throw ValueParser.IsScalar(cell) ? DataErrors.NonNumericTarget(rowNumber, Name, cell) : DataErrors.NotScalar(rowNumber, Name, cell);
            y[offset] = (v - Offset) / Scale;
        }

        [MethodImpl(Hot.Optimize)]
        internal override void EncodeColumn(RawTable table, int column, IReadOnlyList<int> keep, double[] y, int stride, int offset, in CellPolicy policy)
        {
            var numeric = table.Numeric(column);
            if (numeric == null)
            {
                base.EncodeColumn(table, column, keep, y, stride, offset, policy);
                return;
            }
            for (int k = 0; k < keep.Count; k++)
            {
                int r = keep[k];
                if (numeric.StateAt(r) != CellState.Present) throw DataErrors.MissingTarget(policy.RowNumber(r), Name, fitting: !policy.Scoring);
                double v = numeric[r];
                if (double.IsNaN(v) || double.IsInfinity(v)) throw DataErrors.NonNumericTarget(policy.RowNumber(r), Name, v);
                y[k * stride + offset] = (v - Offset) / Scale;
            }
        }

        public override TargetPrediction Decode(double[] outputs, int offset) => new TargetPrediction(Name, Value(outputs, offset));

        /// <summary>The prediction of one output row in the target's own units.</summary>
        public double Value(double[] outputs, int offset) => outputs[offset] * Scale + Offset;
    }
}
