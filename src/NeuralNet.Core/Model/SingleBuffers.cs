using System.Numerics;

namespace NeuralNet.Core.Model
{
    /// <summary>
    /// The float32 side of a <see cref="Workspace"/> for a single-precision network: what the matrix
    /// products read and write. Each array is rows × units (or inputs × units for weights), row-major.
    /// </summary>
    public sealed class SingleBuffers
    {
        public SingleBuffers(Network network, int capacity)
        {
            int layers = network.Layers.Count;
            Input = new float[capacity * network.InputSize];
            Weights = new float[layers][];
            Product = new float[layers][];
            Activation = new float[layers][];
            Delta = new float[layers][];
            Gradient = new float[layers][];
            for (int l = 0; l < layers; l++)
            {
                var layer = network.Layers[l];
                Weights[l] = new float[layer.Weights.Length];
                Gradient[l] = new float[layer.Weights.Length];
                Product[l] = new float[capacity * layer.Units];
                Delta[l] = new float[capacity * layer.Units];
                // The output layer's activations feed no product.
                Activation[l] = l < layers - 1 ? new float[capacity * layer.Units] : null;
            }
            // The same arrays by parameter block (weights, then the bias where there is one, layer by layer).
            var gradients = new List<float[]>();
            var weights = new List<float[]>();
            for (int l = 0; l < layers; l++)
            {
                gradients.Add(Gradient[l]);
                weights.Add(Weights[l]);
                if (network.Layers[l].HasBias)
                {
                    gradients.Add(null);
                    weights.Add(null);
                }
            }
            BlockGradients = gradients.ToArray();
            BlockWeights = weights.ToArray();
        }

        /// <summary>Per parameter block, the float32 gradient a training step widens as it updates (null for a bias, whose gradient is summed in double).</summary>
        internal float[][] BlockGradients { get; }

        /// <summary>Per parameter block, the float32 weights a training step narrows the updated weights into (null for a bias).</summary>
        internal float[][] BlockWeights { get; }

        /// <summary>
        /// Set after a step narrowed the updated weights into <see cref="Weights"/>, so that the next forward
        /// pass does not sweep them again; that pass clears it. Whoever changes the weights otherwise leaves it clear.
        /// </summary>
        internal bool WeightsNarrowed { get; set; }

        /// <summary>Set after a batch was gathered straight into <see cref="Input"/> (rounded as it was copied); the next forward pass clears it.</summary>
        internal bool InputNarrowed { get; set; }

        /// <summary>The batch's inputs.</summary>
        public float[] Input { get; private set; }

        /// <summary>Swaps <see cref="Input"/> with an array of its size (see <see cref="Workspace.Exchange"/>).</summary>
        internal void Exchange(ref float[] input)
        {
            var old = Input;
            Input = input;
            input = old;
        }

        /// <summary>Per layer, the weights rounded to float32 for this pass.</summary>
        public float[][] Weights { get; }

        /// <summary>Per layer, x·W before widening into Z; in backprop, reused for δ·Wᵀ of the layer above.</summary>
        public float[][] Product { get; }

        /// <summary>Per layer (not the output layer), the activations as the next product reads them.</summary>
        public float[][] Activation { get; }

        /// <summary>Per layer, dL/dz as the gradient products read it.</summary>
        public float[][] Delta { get; }

        /// <summary>Per layer, Xᵀ·δ before widening into the gradient block.</summary>
        public float[][] Gradient { get; }

        /// <summary>Rounds <paramref name="count"/> values to float32.</summary>
        public static void Narrow(double[] from, float[] to, int count) => Narrow(from, to, 0, count);

        /// <summary>Widens <paramref name="count"/> float32 values (exactly).</summary>
        public static void Widen(float[] from, double[] to, int count) => Widen(from, to, 0, count);

        /// <summary>Rounds elements [<paramref name="start"/>, <paramref name="end"/>) to float32.</summary>
        public static void Narrow(double[] from, float[] to, int start, int end) => Narrow(from, start, to, start, end - start);

        /// <summary>Rounds <paramref name="count"/> values from <paramref name="fromIndex"/> into <paramref name="to"/> from <paramref name="toIndex"/>.</summary>
        [MethodImpl(Hot.Optimize)]
        public static void Narrow(double[] from, int fromIndex, float[] to, int toIndex, int count)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                int width = Vector<double>.Count;
                for (; i + 2 * width <= count; i += 2 * width)
                    Vector.Narrow(new Vector<double>(from, fromIndex + i), new Vector<double>(from, fromIndex + i + width)).CopyTo(to, toIndex + i);
            }
            for (; i < count; i++) to[toIndex + i] = (float)from[fromIndex + i];
        }

        /// <summary>Widens elements [<paramref name="start"/>, <paramref name="end"/>) (exactly).</summary>
        [MethodImpl(Hot.Optimize)]
        public static void Widen(float[] from, double[] to, int start, int end)
        {
            int i = start;
            if (Vector.IsHardwareAccelerated)
            {
                int width = Vector<double>.Count;
                for (; i + 2 * width <= end; i += 2 * width)
                {
                    Vector.Widen(new Vector<float>(from, i), out var low, out var high);
                    low.CopyTo(to, i);
                    high.CopyTo(to, i + width);
                }
            }
            for (; i < end; i++) to[i] = from[i];
        }
    }
}
