using System.Collections;
using MathNet.Numerics.Random;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// A random-search space (Bergstra &amp; Bengio 2012): each parameter takes a list of values,
    /// each equally likely, or a distribution written as text ('Uniform(a,b)', 'LogUniform(a,b)',
    /// 'IntUniform(a,b)'). Keys are taken in name order, so the draws never depend on a hashtable's
    /// ordering; a seed gives the same configurations on every platform (a seeded Mersenne Twister,
    /// and logarithms from <see cref="PortableMath"/>).
    /// </summary>
    internal sealed class ParameterSpace
    {
        private ParameterSpace(IReadOnlyList<KeyValuePair<string, ParameterDistribution>> axes)
        {
            Axes = axes;
            long size = 1;
            foreach (var axis in axes)
            {
                long? count = axis.Value.Count;
                if (count == null || size > long.MaxValue / count.Value) { size = -1; break; }
                size *= count.Value;
            }
            Size = size < 0 ? (long?)null : size;
        }

        /// <summary>The parameters and where each draws from, in name order.</summary>
        public IReadOnlyList<KeyValuePair<string, ParameterDistribution>> Axes { get; }

        /// <summary>How many distinct configurations there are: null when some parameter is continuous (or the count exceeds a long).</summary>
        public long? Size { get; }

        /// <summary>
        /// Reads a space from parameter names and values. A string shaped like a call ('Name(…)') is a
        /// distribution; a list (any non-string sequence) gives equally likely values; anything else is
        /// the one value that parameter always takes.
        /// </summary>
        public static ParameterSpace Parse(IEnumerable<KeyValuePair<string, object>> entries)
        {
            var axes = new List<KeyValuePair<string, ParameterDistribution>>();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries ?? Enumerable.Empty<KeyValuePair<string, object>>())
            {
                if (string.IsNullOrWhiteSpace(entry.Key))
                    throw new NeuralNetException("EmptyParameterName", ErrorKind.InvalidArgument, "The search space has a parameter without a name; every key must name a parameter, for example @{ LearningRate = 'LogUniform(1e-4,1e-1)' }.");
                if (!names.Add(entry.Key))
                    throw new NeuralNetException("DuplicateParameterName", ErrorKind.InvalidArgument, $"The search space names '{entry.Key}' twice (names ignore case); give each parameter once.");
                Configuration.Require(entry.Key, "InvalidParameterSpace");
                var distribution = Distribution(entry.Key, entry.Value);
                Fit(entry.Key, entry.Value, distribution);
                axes.Add(new KeyValuePair<string, ParameterDistribution>(entry.Key, distribution));
            }
            if (axes.Count == 0)
                throw new NeuralNetException("EmptyParameterSpace", ErrorKind.InvalidArgument, "The search space is empty; give at least one parameter, for example @{ LearningRate = 'LogUniform(1e-4,1e-1)'; HiddenLayers = 8, 16, 32 }.");
            axes.Sort((x, y) => StringComparer.OrdinalIgnoreCase.Compare(x.Key, y.Key));
            return new ParameterSpace(axes);
        }

        /// <summary>
        /// <paramref name="count"/> configurations drawn from <paramref name="seed"/>: one uniform number
        /// per parameter, in name order, per configuration, numbered from 1 in the order drawn. A finite
        /// space is drawn without repeats (a repeat is drawn again), and all of it when it has no more
        /// than <paramref name="count"/> configurations, so the result may be shorter than asked.
        /// </summary>
        public IReadOnlyList<Configuration> Sample(int count, int seed)
        {
            if (count < 1)
                throw new NeuralNetException("InvalidTrialCount", ErrorKind.InvalidArgument, $"A random search needs at least one trial; {count} were asked for.");
            int target = Size.HasValue && Size.Value < count ? (int)Size.Value : count;
            var random = new MersenneTwister(seed, threadSafe: false);
            var seen = Size.HasValue ? new HashSet<long>() : null;
            var result = new List<Configuration>(target);
            // Drawing a whole space of S configurations takes S·ln S draws on average, and more than
            // S·(ln S + 40) with a probability below e⁻⁴⁰; past that, an outcome cannot be drawn at all.
            double limit = Size.HasValue ? Size.Value * (Math.Log(Size.Value) + 40) + 100 : double.PositiveInfinity;
            for (long draws = 0; result.Count < target; draws++)
            {
                if (draws > limit)
                    throw new InvalidOperationException($"Drawing {target} distinct configurations out of {Size} took over {limit:F0} draws; some outcome of the space cannot be drawn.");
                var values = new KeyValuePair<string, object>[Axes.Count];
                long code = 0;
                for (int a = 0; a < Axes.Count; a++)
                {
                    var distribution = Axes[a].Value;
                    double u = random.NextDouble();
                    values[a] = new KeyValuePair<string, object>(Axes[a].Key, distribution.Draw(u));
                    if (seen != null) code = code * distribution.Count.Value + distribution.Outcome(u);   // mixed radix: Size fits a long
                }
                if (seen != null && !seen.Add(code)) continue;
                result.Add(new Configuration(result.Count + 1, values));
            }
            return result;
        }

        /// <summary>
        /// Refuses a distribution its option cannot take, before anything is drawn: a continuous one for
        /// a whole-number option, or bounds (and list values) outside the option's range. Ranges are
        /// intervals, so checking both bounds checks every draw.
        /// </summary>
        private static void Fit(string key, object given, ParameterDistribution distribution)
        {
            var type = Configuration.OptionType(key);
            var element = Nullable.GetUnderlyingType(type.IsArray ? type.GetElementType() : type) ?? (type.IsArray ? type.GetElementType() : type);
            string text = given as string ?? distribution.ToString();
            if ((distribution is UniformDistribution || distribution is LogUniformDistribution) && element == typeof(int))
                throw DistributionText.Error(key, text, $"-{key} takes whole numbers; draw them with 'IntUniform(a,b)'");
            if ((distribution is UniformDistribution || distribution is LogUniformDistribution || distribution is IntUniformDistribution) && element != typeof(int) && element != typeof(double))
                throw DistributionText.Error(key, text, $"-{key} does not take numbers from a range; give a list of its values");
            IEnumerable<object> edges;
            switch (distribution)
            {
                case UniformDistribution u: edges = new object[] { u.Lower, u.Upper }; break;
                case LogUniformDistribution l: edges = new object[] { l.Lower, l.Upper }; break;
                case IntUniformDistribution i: edges = new object[] { i.Lower, i.Upper }; break;
                default: edges = ((ChoiceDistribution)distribution).Values; break;
            }
            foreach (var edge in edges)
            {
                try
                {
                    var typed = Configuration.Typed(key, edge);
                    foreach (var owner in new[] { typeof(Model.NetworkOptions), typeof(Training.TrainingOptions), typeof(Data.DataOptions) })
                        if (Options.OptionBinder.Has(owner, key)) Options.OptionBinder.Validate(owner, key, typed);
                }
                catch (NeuralNetException e) when (e.ErrorId == "InvalidOptionValue")
                {
                    throw DistributionText.Error(key, text, e.Message.TrimEnd('.'));
                }
            }
        }

        private static ParameterDistribution Distribution(string key, object value)
        {
            if (value is string text)
                return DistributionText.LooksLikeDistribution(text) ? DistributionText.Parse(key, text) : new ChoiceDistribution(new object[] { text });
            if (!(value is IEnumerable list)) return new ChoiceDistribution(new[] { value });
            var values = list.Cast<object>().ToList();
            if (values.Count == 0)
                throw new NeuralNetException("EmptyParameterValues", ErrorKind.InvalidArgument, $"The search space gives '{key}' an empty list; give at least one value, or leave the parameter out.");
            foreach (var v in values)
            {
                if (v is string s && DistributionText.LooksLikeDistribution(s))
                    throw DistributionText.Error(key, s, "a list's values are taken as they are, so a distribution cannot be one of them; give the distribution alone, not in a list");
            }
            return new ChoiceDistribution(values);
        }
    }
}
