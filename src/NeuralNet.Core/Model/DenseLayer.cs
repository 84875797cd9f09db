namespace NeuralNet.Core.Model
{
    /// <summary>
    /// A fully connected layer: z = x·W + b, a = f(z).
    /// <see cref="Weights"/> is inputs × units, row-major, as the tutorial's w_ij: Weights[i·Units + j]
    /// connects input i to unit j. <see cref="Bias"/> has one value per unit, or is null without bias.
    /// </summary>
    public sealed class DenseLayer
    {
        public DenseLayer(int inputs, int units, Activation activation, bool hasBias, int[] softmaxGroups = null)
        {
            if (softmaxGroups != null && (activation != Activation.Softmax || softmaxGroups.Any(g => g < 1) || softmaxGroups.Sum() != units))
                throw new ArgumentException("Softmax groups must be positive widths that add up to the softmax layer's units.", nameof(softmaxGroups));
            SoftmaxGroups = softmaxGroups?.Length > 1 ? (int[])softmaxGroups.Clone() : null;
            if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs));
            if (units < 1) throw new ArgumentOutOfRangeException(nameof(units));
            Inputs = inputs;
            Units = units;
            Activation = activation;
            Weights = new double[checked(inputs * units)];
            Bias = hasBias ? new double[units] : null;
        }

        public int Inputs { get; }

        public int Units { get; }

        public Activation Activation { get; }

        /// <summary>For a softmax layer that predicts several class targets, the width of each target's softmax; null for one softmax over all units.</summary>
        public int[] SoftmaxGroups { get; }

        /// <summary>inputs × units, row-major.</summary>
        public double[] Weights { get; }

        /// <summary>One per unit; null when the layer has no bias.</summary>
        public double[] Bias { get; }

        public bool HasBias => Bias != null;

        public int ParameterCount => Weights.Length + (Bias?.Length ?? 0);

        public DenseLayer Clone()
        {
            var copy = new DenseLayer(Inputs, Units, Activation, HasBias, SoftmaxGroups);
            Array.Copy(Weights, copy.Weights, Weights.Length);
            if (HasBias) Array.Copy(Bias, copy.Bias, Bias.Length);
            return copy;
        }
    }
}
