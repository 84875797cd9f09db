namespace NeuralNet.Core.Data
{
    /// <summary>How an encoder treats the cells it cannot read as they are: what the column paths consult.</summary>
    internal readonly struct CellPolicy
    {
        public CellPolicy(MissingValuePolicy missing, UnknownCategoryPolicy unknown, bool scoring, int firstRowNumber = 1)
        {
            Missing = missing;
            Unknown = unknown;
            Scoring = scoring;
            FirstRowNumber = firstRowNumber;
        }

        /// <summary>The row number errors give the table's first row (a chunk of a longer stream starts further on).</summary>
        public int FirstRowNumber { get; }

        /// <summary>The 1-based row number of the table's 0-based row <paramref name="row"/>.</summary>
        public int RowNumber(int row) => FirstRowNumber + row;

        /// <summary>The schema's policy (Skip: such rows were left out before encoding).</summary>
        public MissingValuePolicy Missing { get; }

        public UnknownCategoryPolicy Unknown { get; }

        /// <summary>True when a fitted network reads new rows (test, predict): errors then advise retraining.</summary>
        public bool Scoring { get; }

        public NeuralNetException MissingError(int rowNumber, string column, object value) =>
            DataErrors.MissingFeature(rowNumber, column, value == RawTable.MissingProperty, fitting: !Scoring);
    }
}
