namespace NeuralNet.Core.Data
{
    /// <summary>How numeric input columns are rescaled before they reach the network.</summary>
    public enum Scaling
    {
        /// <summary>(x − mean) / standard deviation, fitted on the training rows.</summary>
        Standard,
        /// <summary>(x − min) / (max − min), fitted on the training rows.</summary>
        MinMax,
        /// <summary>Values reach the network as they are.</summary>
        None,
    }

    /// <summary>What to do with an empty cell, a null, or a missing property.</summary>
    public enum MissingValuePolicy
    {
        /// <summary>Stop with an error naming the row and column.</summary>
        Error,
        /// <summary>Leave the row out.</summary>
        Skip,
        /// <summary>Fill in the training mean (the most frequent category for categorical columns), recorded in the network.</summary>
        Mean,
    }

    /// <summary>What prediction does with a category that training never saw.</summary>
    public enum UnknownCategoryPolicy
    {
        Error,
        /// <summary>Encode it as no category at all (every one-hot input 0).</summary>
        Ignore,
    }

    /// <summary>Whether targets are class labels or numbers.</summary>
    public enum TaskKind
    {
        /// <summary>
        /// From the loss when one is chosen; else strings are classes, and numbers are classes when they
        /// are all whole and take at most <see cref="DataSchema.MaxIntegerClasses"/> distinct values.
        /// </summary>
        Auto,
        Classification,
        Regression,
    }

    /// <summary>Whether a feature column is read as a number or one-hot encoded.</summary>
    public enum ColumnKind
    {
        Numeric,
        Categorical,
    }

    /// <summary>Choices for fitting a <see cref="DataSchema"/> to training rows.</summary>
    public sealed class SchemaOptions
    {
        public string[] Targets { get; set; } = new string[0];

        /// <summary>The feature columns, or null for every column that is not a target.</summary>
        public string[] Features { get; set; }

        /// <summary>Columns to treat as categories even when their values are numbers.</summary>
        public string[] Categorical { get; set; } = new string[0];

        public Scaling Scaling { get; set; } = Scaling.Standard;

        public MissingValuePolicy MissingValue { get; set; } = MissingValuePolicy.Error;

        public TaskKind Task { get; set; } = TaskKind.Auto;
    }
}
