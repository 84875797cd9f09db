namespace NeuralNet.Core.Data
{
    /// <summary>Whether a feature column is read as a number or one-hot encoded.</summary>
    public enum ColumnKind
    {
        Numeric,
        Categorical,
    }

    /// <summary>
    /// One input column of a fitted schema: how its cells become network inputs. Each kind owns both
    /// paths: <see cref="Encode"/> for one cell (pipeline rows), <see cref="EncodeColumn"/> for a
    /// column of a table (files and buffered rows), which give the same numbers. Immutable.
    /// </summary>
    public abstract class FeatureColumn
    {
        protected FeatureColumn(string name) => Name = name;

        public string Name { get; }

        public abstract ColumnKind Kind { get; }

        /// <summary>How many network inputs the column takes.</summary>
        public abstract int Width { get; }

        /// <summary>The network input names it fills: the column's name, or "column=category" per category.</summary>
        public abstract IEnumerable<string> InputNames { get; }

        /// <summary>Writes the encoding of one cell at x[offset …]; errors name the row and column.</summary>
        internal abstract void Encode(object cell, int rowNumber, double[] x, int offset, in CellPolicy policy);

        /// <summary>
        /// Encodes the kept rows keep[first … last) of table column <paramref name="column"/> into x, one
        /// row every <paramref name="stride"/> values from <paramref name="offset"/>.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        internal virtual void EncodeColumn(RawTable table, int column, IReadOnlyList<int> keep, int first, int last, double[] x, int stride, int offset, in CellPolicy policy)
        {
            for (int k = first; k < last; k++)
            {
                int r = keep[k];
                Encode(table[r, column], policy.RowNumber(r), x, k * stride + offset, policy);
            }
        }

        /// <summary>Whether <see cref="EncodeColumn"/> of this column reads parsed numbers only (so blocks of rows may be encoded in parallel).</summary>
        internal virtual bool EncodesInParallel(RawTable table, int column) => false;
    }
}
