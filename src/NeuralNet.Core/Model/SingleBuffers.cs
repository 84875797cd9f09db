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
        }

        /// <summary>The batch's inputs.</summary>
        public float[] Input { get; }

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
        [MethodImpl(Hot.Optimize)]
        public static void Narrow(double[] from, float[] to, int count)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                int width = Vector<double>.Count;
                for (; i + 2 * width <= count; i += 2 * width)
                    Vector.Narrow(new Vector<double>(from, i), new Vector<double>(from, i + width)).CopyTo(to, i);
            }
            for (; i < count; i++) to[i] = (float)from[i];
        }

        /// <summary>Widens <paramref name="count"/> float32 values (exactly).</summary>
        [MethodImpl(Hot.Optimize)]
        public static void Widen(float[] from, double[] to, int count)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                int width = Vector<double>.Count;
                for (; i + 2 * width <= count; i += 2 * width)
                {
                    Vector.Widen(new Vector<float>(from, i), out var low, out var high);
                    low.CopyTo(to, i);
                    high.CopyTo(to, i + width);
                }
            }
            for (; i < count; i++) to[i] = from[i];
        }
    }
}
