namespace NeuralNet.Core.Data
{
    /// <summary>
    /// One target column of a fitted schema: how its cells become network outputs, and how outputs
    /// become predictions again. Like <see cref="FeatureColumn"/>, each kind owns its cell path and its
    /// column path. Immutable.
    /// </summary>
    public abstract class TargetColumn
    {
        protected TargetColumn(string name) => Name = name;

        public string Name { get; }

        public abstract bool IsClassification { get; }

        /// <summary>The number of classes (0 for a numeric target).</summary>
        public abstract int ClassCount { get; }

        /// <summary>How many network outputs the target takes.</summary>
        public abstract int Width { get; }

        /// <summary>The names of the outputs it takes: the target's name, or "target=class" per class of a softmax.</summary>
        public abstract IEnumerable<string> OutputNames { get; }

        /// <summary>Writes the encoding of one cell at y[offset …]; errors name the row and column.</summary>
        internal abstract void Encode(object cell, int rowNumber, double[] y, int offset);

        /// <summary>Encodes the kept rows keep[first … last) of a table column into y (stride values per row).</summary>
        [MethodImpl(Hot.Optimize)]
        internal virtual void EncodeColumn(RawTable table, int column, IReadOnlyList<int> keep, double[] y, int stride, int offset, in CellPolicy policy)
        {
            for (int k = 0; k < keep.Count; k++)
            {
                int r = keep[k];
                var cell = table[r, column];
                if (ValueParser.IsMissing(cell)) throw DataErrors.MissingTarget(policy.RowNumber(r), Name, fitting: !policy.Scoring);
                Encode(cell, policy.RowNumber(r), y, k * stride + offset);
            }
        }

        /// <summary>The prediction of one output row (outputs[offset …]).</summary>
        public abstract TargetPrediction Decode(double[] outputs, int offset);
    }
}
