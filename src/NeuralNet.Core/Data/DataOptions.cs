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
        /// are all whole and take at most <see cref="Training.Resolver.MaxIntegerClasses"/> distinct values.
        /// </summary>
        Auto,
        Classification,
        Regression,
    }

    /// <summary>
    /// How rows are read: the data options of the training, test, prediction and experiment cmdlets,
    /// each named as its parameter so bound parameters and grid keys set it by name
    /// (<see cref="Options.OptionBinder"/>). Fitting a schema reads all but UnknownCategory, which
    /// applies whenever a fitted network reads new rows.
    /// </summary>
    public sealed class DataOptions
    {
        public string[] Target { get; set; } = new string[0];

        /// <summary>The feature columns, or null for every column that is not a target.</summary>
        public string[] Feature { get; set; }

        /// <summary>Columns to treat as categories even when their values are numbers.</summary>
        public string[] Categorical { get; set; } = new string[0];

        /// <summary>Null: the <see cref="Training.Resolver"/> decides (Standard, or None with -InitialWeights).</summary>
        public Scaling? Scaling { get; set; }

        public MissingValuePolicy MissingValue { get; set; } = MissingValuePolicy.Error;

        public TaskKind Task { get; set; } = TaskKind.Auto;

        /// <summary>What a fitted network does with a category it never saw in training.</summary>
        public UnknownCategoryPolicy UnknownCategory { get; set; } = UnknownCategoryPolicy.Error;

        public DataOptions Clone()
        {
            var copy = (DataOptions)MemberwiseClone();
            copy.Target = (string[])Target?.Clone();
            copy.Feature = (string[])Feature?.Clone();
            copy.Categorical = (string[])Categorical?.Clone();
            return copy;
        }
    }
}
