namespace NeuralNet.Core.Model
{
    /// <summary>The precision of a network's matrix products.</summary>
    public enum Precision
    {
        /// <summary>Everything in float64.</summary>
        Double,

        /// <summary>
        /// Matrix products (the bulk of the work) in float32: inputs, activations, errors and a float32
        /// copy of the weights, multiplied and summed in float32. Weights, activations, the loss and the
        /// optimizer stay in float64 (master weights), so small updates are not lost to rounding.
        /// </summary>
        Single,
    }
}
