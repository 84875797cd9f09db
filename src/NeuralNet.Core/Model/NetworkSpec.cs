namespace NeuralNet.Core.Model
{
    /// <summary>
    /// What the user asked for when creating a network, with New-NeuralNetwork's defaults applied
    /// (<see cref="NetworkOptions.ToSpec"/>). Sizes not given (-HiddenLayers) stay null here: the first
    /// training fixes them from the data, in the network's layers. Immutable.
    /// </summary>
    public sealed class NetworkSpec
    {
        private readonly int[] _hiddenSizes;

        public NetworkSpec(int? inputSize, IEnumerable<int> hiddenSizes, int? outputSize, Activation hiddenActivation, Activation? outputActivation,
            bool hasBias, int seed, WeightInit weightInit = WeightInit.Auto, Precision precision = Precision.Double,
            double[][][] initialWeights = null, double[][] initialBiases = null)
        {
            InputSize = inputSize;
            _hiddenSizes = (hiddenSizes ?? Enumerable.Empty<int>()).ToArray();
            OutputSize = outputSize;
            HiddenActivation = hiddenActivation;
            OutputActivation = outputActivation;
            HasBias = hasBias;
            Seed = seed;
            WeightInit = weightInit;
            Precision = precision;
            InitialWeights = Copy(initialWeights);
            InitialBiases = initialBiases?.Select(b => (double[])b?.Clone()).ToArray();
        }

        /// <summary>Input size, or null until the data fixes it.</summary>
        public int? InputSize { get; }

        public IReadOnlyList<int> HiddenSizes => _hiddenSizes;

        /// <summary>Output size, or null until the data fixes it.</summary>
        public int? OutputSize { get; }

        public Activation HiddenActivation { get; }

        /// <summary>The output layer's activation, or null to choose it from the target at first training.</summary>
        public Activation? OutputActivation { get; }

        public bool HasBias { get; }

        public int Seed { get; }

        public WeightInit WeightInit { get; }

        /// <summary>The precision of the matrix products (<see cref="Model.Precision"/>).</summary>
        public Precision Precision { get; }

        /// <summary>Per layer, inputs × units (the tutorial's w_ij), or null to draw them.</summary>
        internal double[][][] InitialWeights { get; }

        /// <summary>Per layer, one value per unit, or null for zeros.</summary>
        internal double[][] InitialBiases { get; }

        public bool HasInitialWeights => InitialWeights != null;

        /// <summary>The sizes input, hidden…, output with null where the data has not fixed one.</summary>
        public IEnumerable<int?> Sizes => new[] { InputSize }.Concat(_hiddenSizes.Select(h => (int?)h)).Concat(new[] { OutputSize });

        private static double[][][] Copy(double[][][] weights) =>
            weights?.Select(layer => layer?.Select(row => (double[])row?.Clone()).ToArray()).ToArray();
    }
}
