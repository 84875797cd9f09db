namespace NeuralNet.Core.Data
{
    /// <summary>A categorical input, one-hot encoded over the categories seen in training.</summary>
    public sealed class CategoricalFeature : FeatureColumn
    {
        private readonly string[] _categories;

        /// <param name="name">The column.</param>
        /// <param name="categories">The one-hot order (ordinal sort of the training labels).</param>
        /// <param name="mostFrequent">The most frequent training label, used for missing values under MissingValue Mean.</param>
        public CategoricalFeature(string name, IEnumerable<string> categories, string mostFrequent) : base(name)
        {
            _categories = categories.ToArray();
            MostFrequent = mostFrequent;
        }

        public override ColumnKind Kind => ColumnKind.Categorical;

        public override int Width => _categories.Length;

        public override IEnumerable<string> InputNames => _categories.Select(c => Name + "=" + c);

        public IReadOnlyList<string> Categories => _categories;

        public string MostFrequent { get; }

        internal override void Encode(object cell, int rowNumber, double[] x, int offset, in CellPolicy policy)
        {
            int index;
            if (ValueParser.IsMissing(cell))
            {
                if (policy.Missing != MissingValuePolicy.Mean) throw policy.MissingError(rowNumber, Name, cell);
                index = Array.IndexOf(_categories, MostFrequent);
            }
            else
            {
                string label = ValueParser.ToLabel(cell, rowNumber, Name);
                index = Labels.IndexOf(_categories, label, cell);
                if (index < 0 && policy.Unknown == UnknownCategoryPolicy.Error) throw DataErrors.UnknownCategory(rowNumber, Name, label, _categories);
            }
            for (int j = 0; j < _categories.Length; j++) x[offset + j] = j == index ? 1.0 : 0.0;
        }
    }
}
