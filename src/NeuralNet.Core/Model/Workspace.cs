namespace NeuralNet.Core.Model
{
    /// <summary>
    /// Every buffer a forward and backward pass needs for up to <see cref="Capacity"/> rows, allocated
    /// once per network and batch size so the training loop allocates nothing.
    /// Each array is rows × units, row-major.
    /// </summary>
    public sealed class Workspace
    {
        /// <summary>Buffers for the network's own precision.</summary>
        public Workspace(Network network, int capacity) : this(network, capacity, network.Precision)
        {
        }

        /// <summary>Buffers for <paramref name="precision"/>, which may differ from the network's (the gradient check works in double).</summary>
        public Workspace(Network network, int capacity, Precision precision)
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
            if (precision == Precision.Single) Single = new SingleBuffers(network, capacity);
        }

        public int Capacity { get; }

        /// <summary>The batch's inputs: rows × input size.</summary>
        public double[] Input { get; private set; }

        /// <summary>The batch's targets: rows × output size.</summary>
        public double[] Target { get; private set; }

        /// <summary>Pre-activations per layer.</summary>
        public double[][] Z { get; }

        /// <summary>Activations per layer.</summary>
        public double[][] A { get; }

        /// <summary>dL/dz per layer.</summary>
        public double[][] Delta { get; }

        /// <summary>The float32 buffers the products use in single precision; null in double precision.</summary>
        public SingleBuffers Single { get; }

        /// <summary>The dropout masks of a training pass; null (the rest of the time) drops nothing.</summary>
        public Dropout Dropout { get; internal set; }

        /// <summary>Gradients, parallel to <see cref="Network.ParameterBlocks"/>.</summary>
        public double[][] GradientBlocks { get; }

        /// <summary>Started by the forward pass once the first layer is done (null: nothing); a training pass sets it.</summary>
        internal IOverlappedWork AfterFirstLayer { get; set; }

        /// <summary>
        /// Swaps the batch's targets, and its inputs in double (<paramref name="input"/>) or in float32
        /// (<paramref name="singleInput"/>, in single precision), with arrays of the same sizes that hold
        /// the next batch, gathered while this one ran. A null array leaves its side as it is.
        /// </summary>
        internal void Exchange(ref double[] input, ref double[] target, ref float[] singleInput)
        {
            var oldTarget = Target;
            Target = target;
            target = oldTarget;
            if (input != null)
            {
                var oldInput = Input;
                Input = input;
                input = oldInput;
            }
            if (singleInput != null) Single.Exchange(ref singleInput);
        }
    }
}
