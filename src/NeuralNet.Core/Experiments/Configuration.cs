using System.Collections;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Options;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// One point of a grid or a search: a value for each parameter it varies, named as the parameters of
    /// New-NeuralNetwork (<see cref="NetworkOptions"/>), Invoke-NetworkTraining (<see cref="TrainingOptions"/>)
    /// or the data options (<see cref="DataOptions"/>). Each value sets the option of its name, over the
    /// experiment's own settings. Values are kept as their option's type (a whole number for Epochs, a
    /// double for LearningRate, an Activation for Activation; a list stays a list), so a configuration
    /// reads back from a plan file exactly as it was written, and a grid, a random draw, a remote session
    /// and a scheduler's task all see the same values. Immutable.
    /// </summary>
    public sealed class Configuration
    {
        /// <summary>Parameters an experiment sets itself, so a configuration may not.</summary>
        private static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Target", "Feature", "LayerSizes", "InitialWeights", "InitialBiases", "ValidationSplit",
        };

        /// <summary>Where a parameter's type is looked up, in this order (Seed is both a network's and a training's).</summary>
        private static readonly Type[] OptionTypes = { typeof(NetworkOptions), typeof(TrainingOptions), typeof(DataOptions) };

        private readonly KeyValuePair<string, object>[] _values;

        /// <param name="index">The configuration's number (1-based, as results show it).</param>
        /// <param name="values">Parameter names and values; each name must be an option an experiment can vary, each value must convert to it.</param>
        public Configuration(int index, IEnumerable<KeyValuePair<string, object>> values)
        {
            Index = index;
            var given = values.ToArray();
            foreach (var value in given) Require(value.Key);
            _values = new KeyValuePair<string, object>[given.Length];
            try
            {
                for (int i = 0; i < given.Length; i++) _values[i] = new KeyValuePair<string, object>(given[i].Key, Typed(given[i].Key, given[i].Value));
            }
            catch (NeuralNetException e) when (e.ErrorId == "InvalidOptionValue")
            {
                throw new NeuralNetException("InvalidParameterGrid", ErrorKind.InvalidArgument, $"Configuration {index} ({Describe(given)}): {e.Message}", column: e.Column);
            }
        }

        public int Index { get; }

        /// <summary>Every parameter and its value, in the configuration's (name) order.</summary>
        public IReadOnlyList<KeyValuePair<string, object>> Values => _values;

        /// <summary>Whether an experiment can vary the parameter: an option of a network, a training or the data, not one it sets itself.</summary>
        public static bool CanVary(string name) =>
            !Reserved.Contains(name) && (OptionBinder.Has(typeof(NetworkOptions), name) || OptionBinder.Has(typeof(TrainingOptions), name) || OptionBinder.Has(typeof(DataOptions), name));

        /// <summary>Stops with <paramref name="errorId"/> (InvalidParameterGrid, or InvalidParameterSpace for a search) unless <see cref="CanVary"/>.</summary>
        public static void Require(string name, string errorId = "InvalidParameterGrid")
        {
            if (CanVary(name)) return;
            string Names(Type type) => string.Join(", ", OptionBinder.Properties(type).Keys.Where(CanVary).OrderBy(n => n, StringComparer.OrdinalIgnoreCase));
            throw new NeuralNetException(errorId, ErrorKind.InvalidArgument,
                $"'{name}' is not a parameter an experiment can vary. Use parameters of New-NeuralNetwork ({Names(typeof(NetworkOptions))}), " +
                $"Invoke-NetworkTraining ({Names(typeof(TrainingOptions))}) or the data options ({Names(typeof(DataOptions))}).", column: name);
        }

        /// <summary>
        /// Stops with InvalidParameterGrid, naming this configuration, when one of its values does not
        /// convert to its option or lies outside the option's range: found before any run starts.
        /// </summary>
        public void Check()
        {
            try
            {
                // The network's sizes too (0 units, over the cap), or every run would fail alike.
                NeuralNetworkModel.Validate(Network(0).ToSpec());
                Training(new TrainingOptions()).Validate();
                Data(new DataOptions());
            }
            catch (NeuralNetException e) when (e.ErrorId == "InvalidOptionValue" || e.Kind == ErrorKind.InvalidArgument)
            {
                throw new NeuralNetException("InvalidParameterGrid", ErrorKind.InvalidArgument, $"Configuration {Index} ({this}): {e.Message}", column: e.Column);
            }
        }

        /// <summary>The network this configuration asks for; the experiment's seed unless it sets its own.</summary>
        public NetworkOptions Network(int seed) => OptionBinder.Bind(new NetworkOptions { Seed = seed }, _values);

        /// <summary>The experiment's training options with this configuration's values over them.</summary>
        public TrainingOptions Training(TrainingOptions experiment) => OptionBinder.Bind(experiment.Clone(), _values);

        /// <summary>The experiment's data options with this configuration's values over them.</summary>
        public DataOptions Data(DataOptions experiment) => OptionBinder.Bind(experiment.Clone(), _values);

        /// <summary>The type of the option a parameter sets (the first of a network's, a training's and the data options that has it).</summary>
        internal static Type OptionType(string name) =>
            OptionTypes.Select(t => OptionBinder.Properties(t).TryGetValue(name, out var p) ? p.PropertyType : null).First(t => t != null);

        /// <summary>
        /// A value as its option's type: a list (or a single value) converted to a list option's
        /// element type keeps its shape, so HiddenLayers = 4 stays the number 4 and (16, 8) the list.
        /// Throws InvalidOptionValue naming the parameter.
        /// </summary>
        internal static object Typed(string name, object value)
        {
            var type = OptionType(name);
            if (type.IsArray && (value is string || !(value is IEnumerable)) && value != null)
                return OptionBinder.Convert(value, type.GetElementType(), name);
            return OptionBinder.Convert(value, type, name);
        }

        /// <summary>"-HiddenLayers 4, -LearningRate 0.01", as results show it.</summary>
        public override string ToString() => Describe(_values);

        private static string Describe(IEnumerable<KeyValuePair<string, object>> values) => string.Join(", ", values.Select(v => "-" + v.Key + " " + Describe(v.Value)));

        private static string Describe(object value) =>
            value is IEnumerable list && !(value is string) ? string.Join(",", list.Cast<object>().Select(Describe)) : Convert.ToString(value, CultureInfo.InvariantCulture);
    }
}
