namespace NeuralNet.Core.Model
{
    /// <summary>
    /// What the user asked for when creating a network. Sizes not given (-HiddenLayers) are fixed by
    /// the first training, after one-hot expansion of the data.
    /// </summary>
    public sealed class NetworkSpec
    {
        /// <summary>Input size, or null until the data fixes it.</summary>
        public int? InputSize { get; set; }

        public int[] HiddenSizes { get; set; } = new int[0];

        /// <summary>Output size, or null until the data fixes it.</summary>
        public int? OutputSize { get; set; }

        public Activation HiddenActivation { get; set; } = Activation.ReLU;

        /// <summary>The output layer's activation, or null to choose it from the target at first training.</summary>
        public Activation? OutputActivation { get; set; }

        public bool HasBias { get; set; } = true;

        public int Seed { get; set; }

        public WeightInit WeightInit { get; set; } = WeightInit.Auto;

        /// <summary>The precision of the matrix products (<see cref="Model.Precision"/>).</summary>
        public Precision Precision { get; set; } = Precision.Double;

        /// <summary>Per layer, inputs × units (the tutorial's w_ij), or null to draw them.</summary>
        public double[][][] InitialWeights { get; set; }

        /// <summary>Per layer, one value per unit, or null for zeros.</summary>
        public double[][] InitialBiases { get; set; }

        public NetworkSpec Clone()
        {
            var copy = (NetworkSpec)MemberwiseClone();
            copy.HiddenSizes = (int[])HiddenSizes.Clone();
            return copy;
        }
    }
}
