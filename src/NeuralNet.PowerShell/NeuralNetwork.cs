using System.ComponentModel;

namespace NeuralNet.PowerShell
{
    /// <summary>
    /// The network object users hold and pipe between cmdlets. Training changes it in place. Its
    /// properties are plain values and arrays (copies), so scripts never depend on the core's types.
    /// </summary>
    [TypeConverter(typeof(NeuralNetworkConverter))]
    public sealed class NeuralNetwork
    {
        internal NeuralNetwork(NeuralNetworkModel model)
        {
            Model = model;
        }

        internal NeuralNetworkModel Model { get; }

        /// <summary>Layer sizes as "input-hidden…-output"; "?" marks a size the first training will fix.</summary>
        public string Layers => string.Join("-", Model.LayerSizes.Select(s => s == 0 ? "?" : s.ToString(CultureInfo.InvariantCulture)));

        public int[] LayerSizes => Model.LayerSizes;

        /// <summary>The hidden layers' activation.</summary>
        public string Activation => Model.Spec.HiddenActivation.ToString();

        /// <summary>The output layer's activation, or "Auto" until the first training chooses it from the target.</summary>
        public string OutputActivation => Model.OutputActivation?.ToString() ?? "Auto";

        public bool HasBias => Model.Spec.HasBias;

        /// <summary>Double, or Single when the matrix products run in float32 (New-NeuralNetwork -Precision).</summary>
        public string Precision => Model.Spec.Precision.ToString();

        /// <summary>The seed the initial weights were (or will be) drawn with.</summary>
        public int Seed => Model.Spec.Seed;

        public int ParameterCount => Model.Network?.ParameterCount ?? 0;

        public int EpochsTrained => Model.EpochsTrained;

        /// <summary>The training loss of the last epoch, or null before training.</summary>
        public double? Loss => Model.LastEpoch?.Loss;

        /// <summary>The loss function of the last training.</summary>
        public string LossFunction => Model.LastOptions?.Loss?.ToString();

        /// <summary>The last training's class weights (Balanced, or a class = weight table), or null: none.</summary>
        public string ClassWeight => Model.LastOptions?.ClassWeight?.ToString();

        /// <summary>The property whose values weighted the last training's rows, or null.</summary>
        public string SampleWeight => Model.LastOptions?.SampleWeight;

        /// <summary>The last training's dropout rates, one per hidden layer, or null: none.</summary>
        public double[] Dropout => (double[])Model.LastOptions?.Dropout?.Clone();

        public string[] Target => Model.Schema?.Targets.Select(t => t.Name).ToArray() ?? new string[0];

        public string[] Feature => Model.Schema?.Features.Select(f => f.Name).ToArray() ?? new string[0];

        /// <summary>"Classification", "Regression", or null before the first training on rows.</summary>
        public string Task => Model.Schema == null ? null : Model.Schema.IsClassification ? "Classification" : "Regression";

        /// <summary>Class labels of the (first) class target.</summary>
        public string[] Classes => Model.Schema?.Targets.OfType<Core.Data.ClassTarget>().FirstOrDefault()?.Classes.ToArray() ?? new string[0];

        /// <summary>One object per epoch trained: Epoch, Loss, ValidationLoss, metric, LearningRate, Elapsed.</summary>
        public TrainingHistoryEntry[] TrainingHistory => Model.History.Select(r => new TrainingHistoryEntry(r)).ToArray();

        /// <summary>A copy of the weights: per layer, inputs × units (as -InitialWeights takes them).</summary>
        public double[][][] Weights =>
            Model.Network?.Layers.Select(l => Internal.Matrices.ToRows(l.Weights, l.Inputs, l.Units)).ToArray() ?? new double[0][][];

        /// <summary>A copy of the biases: per layer, one value per unit (empty without bias).</summary>
        public double[][] Biases =>
            Model.Network?.Layers.Select(l => l.HasBias ? (double[])l.Bias.Clone() : new double[0]).ToArray() ?? new double[0][];

        /// <summary>
        /// The whole network as the JSON of Export-NeuralNetwork. It is what crosses Start-Job,
        /// Invoke-Command and Export-Clixml: a string survives any serialization depth, and the
        /// type converter rebuilds a live network from it on the other side. While another thread
        /// trains the network there is no consistent JSON to give, and reading it fails with that reason.
        /// </summary>
        public string ModelJson
        {
            get
            {
                // Written once per change of the network, not on every read (formatting and remoting read it often).
                using (Model.AcquireShared("Read ModelJson after that training, or copy the network first."))
                {
                    if (_json == null || _jsonVersion != Model.Version)
                    {
                        _json = ModelFile.Write(Model, ModuleVersion, DateTime.UtcNow);
                        _jsonVersion = Model.Version;
                    }
                    return _json;
                }
            }
        }

        private string _json;
        private int _jsonVersion;

        /// <summary>The module version written into saved networks.</summary>
        internal static string ModuleVersion => typeof(NeuralNetwork).Assembly.GetName().Version.ToString(3);

        /// <remarks>
        /// PowerShell calls this as it binds a network to a parameter (for its binding trace, traced or not),
        /// so every call that takes -Network pays for it once: cached until the network changes.
        /// </remarks>
        public override string ToString()
        {
            int version = Model.Version;
            if (_text != null && _textVersion == version) return _text;
            _text = Describe();
            _textVersion = version;
            return _text;
        }

        private string _text;
        private int _textVersion;

        private string Describe()
        {
            string state = EpochsTrained == 0 ? "untrained" : string.Format(CultureInfo.InvariantCulture, "{0} epochs, loss {1:G6}", EpochsTrained, Loss);
            return string.Format(CultureInfo.InvariantCulture, "NeuralNetwork {0} {1}/{2}, {3} parameters, {4}", Layers, Activation, OutputActivation, ParameterCount, state);
        }
    }

    /// <summary>One epoch of <see cref="NeuralNetwork.TrainingHistory"/>.</summary>
    public sealed class TrainingHistoryEntry
    {
        internal TrainingHistoryEntry(EpochRecord record)
        {
            Epoch = record.Epoch;
            Loss = record.Loss;
            ValidationLoss = record.ValidationLoss;
            MetricName = record.MetricName;
            Metric = record.Metric;
            ValidationMetric = record.ValidationMetric;
            LearningRate = record.LearningRate;
            Elapsed = record.Elapsed;
            Interrupted = record.Interrupted;
        }

        public int Epoch { get; }

        public double Loss { get; }

        public double? ValidationLoss { get; }

        /// <summary>"Accuracy" or "RSquared".</summary>
        public string MetricName { get; }

        public double? Metric { get; }

        public double? ValidationMetric { get; }

        public double LearningRate { get; }

        public TimeSpan Elapsed { get; }

        public bool Interrupted { get; }
    }
}
