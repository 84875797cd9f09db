using System.Collections;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// How much each class's rows count in the loss: <see cref="Balanced"/> (scikit-learn's
    /// n_samples / (n_classes · count), so every class weighs the same in total), a weight per class label
    /// (classes not named weigh 1, as in Keras), or <see cref="None"/>. Immutable; the value of
    /// -ClassWeight, saved with the training options.
    /// </summary>
    public sealed class ClassWeights
    {
        private readonly Dictionary<string, double> _given;

        private ClassWeights(bool balanced, Dictionary<string, double> given)
        {
            IsBalanced = balanced;
            _given = given;
        }

        /// <summary>Every row weighs 1: turns off the weighting a previous training carried.</summary>
        public static ClassWeights None { get; } = new ClassWeights(false, null);

        /// <summary>n / (k · count of the class) over the training rows, for the k classes they hold.</summary>
        public static ClassWeights Balanced { get; } = new ClassWeights(true, null);

        public bool IsBalanced { get; }

        public bool IsNone => !IsBalanced && _given == null;

        /// <summary>The weights given per class label, or null.</summary>
        public IReadOnlyDictionary<string, double> Given => _given;

        /// <summary>A weight per class label: each finite and ≥ 0, and not all 0.</summary>
        public static ClassWeights Of(IDictionary<string, double> weights)
        {
            if (weights.Count == 0) throw Invalid("an empty hashtable", "Give at least one class and its weight, for example @{ yes = 5; no = 1 }.");
            foreach (var pair in weights)
                if (double.IsNaN(pair.Value) || double.IsInfinity(pair.Value) || pair.Value < 0)
                    throw Invalid($"{pair.Value.ToString(CultureInfo.InvariantCulture)} for class '{pair.Key}'", "Weights are finite numbers of 0 or more.");
            if (weights.Values.All(w => w == 0)) throw Invalid("0 for every class", "At least one class needs a weight above 0.");
            return new ClassWeights(false, new Dictionary<string, double>(weights, StringComparer.Ordinal));
        }

        /// <summary>The option's value from a parameter, a grid or a model file: 'Balanced', 'None', a hashtable of numbers, or a ClassWeights.</summary>
        public static ClassWeights Parse(object value)
        {
            switch (value)
            {
                case ClassWeights given: return given;
                case string text when string.Equals(text.Trim(), "Balanced", StringComparison.OrdinalIgnoreCase): return Balanced;
                case string text when string.Equals(text.Trim(), "None", StringComparison.OrdinalIgnoreCase): return None;
                case IDictionary map:
                    var weights = new Dictionary<string, double>(StringComparer.Ordinal);
                    foreach (DictionaryEntry entry in map)
                    {
                        string label = Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                        weights[label] = Number(entry.Value, label);
                    }
                    return Of(weights);
                default:
                    throw Invalid($"'{Convert.ToString(value, CultureInfo.InvariantCulture)}'", "It takes Balanced, None, or a hashtable of class = weight, for example @{ yes = 5; no = 1 }.");
            }
        }

        /// <summary>
        /// Each class's weight for training rows whose classes are <paramref name="classOfRow"/>
        /// (indexes into <paramref name="classes"/>), or null for <see cref="None"/>.
        /// </summary>
        public double[] PerClass(int[] classOfRow, IReadOnlyList<string> classes, string target)
        {
            if (IsNone) return null;
            var weights = new double[classes.Count];
            if (IsBalanced)
            {
                var counts = new int[classes.Count];
                foreach (int c in classOfRow) counts[c]++;
                int present = counts.Count(n => n > 0);
                for (int c = 0; c < classes.Count; c++)
                    weights[c] = counts[c] > 0 ? (double)classOfRow.Length / ((double)present * counts[c]) : 1.0;
                return weights;
            }
            for (int c = 0; c < classes.Count; c++) weights[c] = 1.0;
            foreach (var pair in _given) weights[IndexOf(classes, pair.Key, target)] = pair.Value;
            return weights;
        }

        /// <summary>The class a -ClassWeight key names: its exact label, else the one label equal to it ignoring case (PowerShell's hashtable keys ignore case).</summary>
        private static int IndexOf(IReadOnlyList<string> classes, string label, string target)
        {
            for (int c = 0; c < classes.Count; c++) if (string.Equals(classes[c], label, StringComparison.Ordinal)) return c;
            var folded = Enumerable.Range(0, classes.Count).Where(c => string.Equals(classes[c], label, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (folded.Length == 1) return folded[0];
            throw new NeuralNetException("ClassWeightUnknownClass", ErrorKind.InvalidArgument,
                $"-ClassWeight names the class '{label}', but the target '{target}' has the classes {string.Join(", ", classes)}. Name each class as it appears in the data.",
                column: target);
        }

        /// <summary>The JSON a model file saves: "Balanced", "None" or an object of class: weight.</summary>
        public string ToJson() =>
            IsBalanced ? "\"Balanced\"" : IsNone ? "\"None\""
            : "{" + string.Join(", ", _given.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Persistence.Json.Quote(p.Key) + ": " + Persistence.Json.Number(p.Value))) + "}";

        /// <summary>As typed at the prompt: Balanced, None, or @{ no = 1; yes = 5 }.</summary>
        public override string ToString() =>
            IsBalanced ? "Balanced" : IsNone ? "None"
            : "@{ " + string.Join("; ", _given.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " = " + p.Value.ToString("R", CultureInfo.InvariantCulture))) + " }";

        public override bool Equals(object obj) =>
            obj is ClassWeights other && other.IsBalanced == IsBalanced && (other._given == null) == (_given == null) &&
            (_given == null || (_given.Count == other._given.Count && _given.All(p => other._given.TryGetValue(p.Key, out double w) && w.Equals(p.Value))));

        public override int GetHashCode() => IsBalanced ? 1 : _given == null ? 0 : _given.Count + 2;

        private static double Number(object value, string label)
        {
            try
            {
                return Convert.ToDouble(value is string s ? s.Trim() : value, CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException)
            {
                throw Invalid($"'{Convert.ToString(value, CultureInfo.InvariantCulture)}' for class '{label}'", "Weights are numbers, for example @{ yes = 5; no = 1 }.");
            }
        }

        private static NeuralNetException Invalid(string what, string fix) =>
            new NeuralNetException("InvalidClassWeight", ErrorKind.InvalidArgument, $"-ClassWeight cannot be {what}. {fix}", column: "ClassWeight");
    }
}
