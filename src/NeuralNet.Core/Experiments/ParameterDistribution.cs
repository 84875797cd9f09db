namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Where one parameter of a search space takes its values from. A draw maps one uniform number
    /// u ∈ [0, 1) to a value, so every parameter consumes exactly one number of the seeded stream per
    /// configuration and a space's draws depend on nothing but the seed and the order of its keys.
    /// </summary>
    internal abstract class ParameterDistribution
    {
        /// <summary>How many distinct values a draw can give; null when continuous.</summary>
        public abstract long? Count { get; }

        /// <summary>The value that u ∈ [0, 1) selects.</summary>
        public abstract object Draw(double u);

        /// <summary>For a finite distribution, which of its <see cref="Count"/> values u selects (0-based).</summary>
        public virtual long Outcome(double u) => throw new InvalidOperationException($"{this} is continuous; it has no numbered outcomes.");

        /// <summary>The distribution as a user writes it, e.g. <c>LogUniform(0.0001,0.1)</c>.</summary>
        public abstract override string ToString();

        /// <summary>⌊u·n⌋, kept below n: for n near 2³² a product can round up to n itself.</summary>
        protected static long Scale(double u, long n) => Math.Min(n - 1, (long)Math.Floor(u * n));
    }

    /// <summary>One of a list of values, each equally likely; the values are kept as given.</summary>
    internal sealed class ChoiceDistribution : ParameterDistribution
    {
        private readonly object[] _values;

        public ChoiceDistribution(IReadOnlyList<object> values)
        {
            if (values == null || values.Count == 0) throw new ArgumentException("A choice needs at least one value.", nameof(values));
            _values = new object[values.Count];
            for (int i = 0; i < _values.Length; i++) _values[i] = values[i];
        }

        public IReadOnlyList<object> Values => _values;

        public override long? Count => _values.Length;

        public override long Outcome(double u) => Scale(u, _values.Length);

        public override object Draw(double u) => _values[Outcome(u)];

        public override string ToString() => string.Join(", ", Array.ConvertAll(_values, v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Uniform(a,b): a double uniform on [a, b].</summary>
    internal sealed class UniformDistribution : ParameterDistribution
    {
        public UniformDistribution(double lower, double upper) { Lower = lower; Upper = upper; }

        public double Lower { get; }

        public double Upper { get; }

        public override long? Count => null;

        // Clamped because a + (b − a)·u may round past b when b − a is large against a.
        public override object Draw(double u) => Math.Min(Upper, Lower + (Upper - Lower) * u);

        public override string ToString() => FormattableString.Invariant($"Uniform({Lower:R},{Upper:R})");
    }

    /// <summary>
    /// LogUniform(a,b), a, b &gt; 0: a double whose logarithm is uniform on [ln a, ln b], so each decade
    /// is equally likely (the usual prior for learning rates and weight decay).
    /// </summary>
    internal sealed class LogUniformDistribution : ParameterDistribution
    {
        private readonly double _logRatio;

        public LogUniformDistribution(double lower, double upper)
        {
            Lower = lower;
            Upper = upper;
            _logRatio = PortableMath.Log(upper / lower);
        }

        public double Lower { get; }

        public double Upper { get; }

        public override long? Count => null;

        // a·e^(u·ln(b/a)) gives a itself at u = 0; clamped because the last bit may overshoot b.
        public override object Draw(double u) => Math.Max(Lower, Math.Min(Upper, Lower * PortableMath.Exp(u * _logRatio)));

        public override string ToString() => FormattableString.Invariant($"LogUniform({Lower:R},{Upper:R})");
    }

    /// <summary>IntUniform(a,b): an integer from a to b inclusive, each equally likely.</summary>
    internal sealed class IntUniformDistribution : ParameterDistribution
    {
        public IntUniformDistribution(int lower, int upper) { Lower = lower; Upper = upper; }

        public int Lower { get; }

        public int Upper { get; }

        public override long? Count => (long)Upper - Lower + 1;

        public override long Outcome(double u) => Scale(u, (long)Upper - Lower + 1);

        public override object Draw(double u) => (int)(Lower + Outcome(u));

        public override string ToString() => FormattableString.Invariant($"IntUniform({Lower},{Upper})");
    }
}
