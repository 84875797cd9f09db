namespace NeuralNet.Core.Model
{
    /// <summary>
    /// Every buffer a forward and backward pass needs for up to <see cref="Capacity"/> rows, allocated
    /// once per network and batch size so the training loop allocates nothing.
    /// Each array is rows × units, row-major.
    /// </summary>
    public sealed class Workspace
    {
        public Workspace(Network network, int capacity)
        {
            Capacity = capacity;
            int layers = network.Layers.Count;
            Input = new double[capacity * network.InputSize];
            Target = new double[capacity * network.OutputSize];
            Z = new double[layers][];
            A = new double[layers][];
            Delta = new double[layers][];
            for (int l = 0; l < layers; l++)
            {
                int size = capacity * network.Layers[l].Units;
                Z[l] = new double[size];
                A[l] = new double[size];
                Delta[l] = new double[size];
            }
            GradientBlocks = new double[network.ParameterBlocks.Length][];
            for (int b = 0; b < GradientBlocks.Length; b++) GradientBlocks[b] = new double[network.ParameterBlocks[b].Length];
        }

        public int Capacity { get; }

        /// <summary>The batch's inputs: rows × input size.</summary>
        public double[] Input { get; }

        /// <summary>The batch's targets: rows × output size.</summary>
        public double[] Target { get; }

        /// <summary>Pre-activations per layer.</summary>
        public double[][] Z { get; }

        /// <summary>Activations per layer.</summary>
        public double[][] A { get; }

        /// <summary>dL/dz per layer.</summary>
        public double[][] Delta { get; }

        /// <summary>Gradients, parallel to <see cref="Network.ParameterBlocks"/>.</summary>
        public double[][] GradientBlocks { get; }
    }
}
