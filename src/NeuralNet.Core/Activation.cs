using NeuralNet.Core.Activations;

namespace NeuralNet.Core
{
    /// <summary>The activation function applied by a dense layer to its pre-activations.</summary>
    public enum Activation
    {
        Sigmoid,
        Tanh,
        ReLU,
        LeakyReLU,
        ELU,
        Identity,
        /// <summary>Normalises each row to probabilities; meant for the output layer.</summary>
        Softmax,
    }

    /// <summary>
    /// Each <see cref="Activation"/>'s function (<see cref="ActivationFunction"/>): what every layer, kernel,
    /// initialiser and exporter asks, so a new activation is an enum value, one row here and its own file.
    /// </summary>
    public static class ActivationTable
    {
        private static readonly ActivationFunction[] Functions = ChoiceTable.Of<Activation, ActivationFunction>("activation", row => row.Kind,
            new SigmoidFunction(), new TanhFunction(), new ReLUFunction(), new LeakyReLUFunction(),
            new ELUFunction(), new IdentityFunction(), new SoftmaxFunction());

        /// <summary>The function of an activation.</summary>
        /// <remarks>
        /// Inlined, so compiled as its callers are (the per-batch ones optimised at their first call): marked
        /// to be compiled optimised itself, it would not be inlined, and each lookup would cost a call.
        /// </remarks>
        [MethodImpl(Hot.Inline)]
        public static ActivationFunction Function(this Activation activation) =>
            (uint)activation < (uint)Functions.Length ? Functions[(int)activation] : throw new ArgumentOutOfRangeException(nameof(activation), $"{activation} is not an activation.");
    }
}
