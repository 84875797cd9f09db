namespace NeuralNet.Core.Data
{
    /// <summary>One input column: how its value becomes network inputs.</summary>
    public sealed class FeatureColumn
    {
        public string Name { get; set; }

        public ColumnKind Kind { get; set; }

        /// <summary>For categorical columns, the one-hot order (ordinal sort of the training labels).</summary>
        public string[] Categories { get; set; }

        /// <summary>Numeric: x' = (x − Offset) / Scale.</summary>
        public double Offset { get; set; }

        public double Scale { get; set; } = 1.0;

        /// <summary>Numeric: the training mean, used for missing values under MissingValue Mean.</summary>
        public double Mean { get; set; }

        /// <summary>Categorical: the most frequent training label, used for missing values under MissingValue Mean.</summary>
        public string MostFrequent { get; set; }

        /// <summary>How many network inputs the column takes.</summary>
        public int Width => Kind == ColumnKind.Numeric ? 1 : Categories.Length;
    }

    /// <summary>One target column: how its value becomes network outputs and back.</summary>
    public sealed class TargetColumn
    {
        public string Name { get; set; }

        public bool IsClassification { get; set; }

        /// <summary>Class labels in output order (ordinal string sort; numeric labels by value).</summary>
        public string[] Classes { get; set; }

        /// <summary>Two classes in one sigmoid output (probability of the second class) rather than two softmax outputs.</summary>
        public bool SingleOutputBinary { get; set; }

        /// <summary>Regression: y' = (y − Offset) / Scale on the way in, and back on the way out.</summary>
        public double Offset { get; set; }

        public double Scale { get; set; } = 1.0;

        public int Width => IsClassification && !SingleOutputBinary ? Classes.Length : 1;
    }
}
