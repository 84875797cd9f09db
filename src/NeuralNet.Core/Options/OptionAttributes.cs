namespace NeuralNet.Core.Options
{
    /// <summary>
    /// The values an option accepts, declared on the property (as scikit-learn's parameter constraints
    /// are): <see cref="OptionBinder.Validate(object)"/> checks every option against it, whoever set it (a
    /// cmdlet, a grid, a plan file or a model file).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class OptionRangeAttribute : Attribute
    {
        public OptionRangeAttribute(double minimum, double maximum)
        {
            Minimum = minimum;
            Maximum = maximum;
        }

        public double Minimum { get; }

        public double Maximum { get; }

        public bool MinExclusive { get; set; }

        public bool MaxExclusive { get; set; }

        public bool Contains(double value) =>
            !double.IsNaN(value) &&
            (MinExclusive ? value > Minimum : value >= Minimum) &&
            (MaxExclusive ? value < Maximum : value <= Maximum);

        /// <summary>"from 1", "between 0 and 1 (exclusive of 1)", as a message says it.</summary>
        public string Describe()
        {
            bool unbounded = Maximum >= int.MaxValue;
            if (unbounded) return MinExclusive ? $"greater than {Minimum}" : $"at least {Minimum}";
            string ends = MinExclusive && MaxExclusive ? " (exclusive)" : MinExclusive ? $" (exclusive of {Minimum})" : MaxExclusive ? $" (exclusive of {Maximum})" : "";
            return $"between {Minimum} and {Maximum}{ends}";
        }
    }

    /// <summary>The option's name in saved files when it differs from the camel-cased property name (kept for files written before a rename).</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class PersistedAsAttribute : Attribute
    {
        public PersistedAsAttribute(string name) => Name = name;

        public string Name { get; }
    }
}
