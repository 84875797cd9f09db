namespace NeuralNet.Core.Data
{
    /// <summary>How an encoder treats the cells it cannot read as they are: what the column paths consult.</summary>
    /// <param name="Missing">The schema's policy (Skip: such rows were left out before encoding).</param>
    /// <param name="Unknown">What a category the schema has not seen does (an error, or all zeros).</param>
    /// <param name="Scoring">True when a fitted network reads new rows (test, predict): errors then advise retraining.</param>
    /// <param name="FirstRowNumber">The row number errors give the table's first row (a chunk of a longer stream starts further on).</param>
    internal readonly record struct CellPolicy(MissingValuePolicy Missing, UnknownCategoryPolicy Unknown, bool Scoring,
        int FirstRowNumber = 1)
    {
        /// <summary>The 1-based row number of the table's 0-based row <paramref name="row"/>.</summary>
        public int RowNumber(int row) => FirstRowNumber + row;

        public NeuralNetException MissingError(int rowNumber, string column, object value) =>
            DataErrors.MissingFeature(rowNumber, column, value == RawTable.MissingProperty, fitting: !Scoring);
    }
}
