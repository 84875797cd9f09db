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
}
