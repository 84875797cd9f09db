using NeuralNet.Core.Persistence.Onnx;

namespace NeuralNet.Core.Activations
{
    /// <summary>
    /// Normalises each row (or each group of a row: one softmax per class target) to probabilities:
    /// s_j = e^(z_j − max) / Σ_k e^(z_k − max), the maximum subtracted first so large logits cannot overflow.
    /// Its backward pass is the Jacobian-vector product dL/dz_j = s_j (g_j − Σ_k g_k s_k).
    /// </summary>
    internal sealed class SoftmaxFunction : ActivationFunction
    {
        public override Activation Kind => Activation.Softmax;

        public override bool IsElementwise
        {
            [MethodImpl(Hot.Optimize)]
            get => false;
        }

        public override bool IsBounded => true;

        [MethodImpl(Hot.Optimize)]
        public override void Forward(double[] z, double[] a, int count, int units, int[] groups = null)
        {
            for (int r = 0; r < count; r += units)
                for (int g = 0, o = r; g < (groups?.Length ?? 1); o += groups?[g] ?? units, g++)
                    Row(z, a, o, groups?[g] ?? units);
        }

        [MethodImpl(Hot.Optimize)]
        public override void Backward(double[] z, double[] a, double[] grad, int count, int units, int[] groups = null)
        {
            for (int r = 0; r < count; r += units)
            {
                for (int g = 0, o = r; g < (groups?.Length ?? 1); o += groups?[g] ?? units, g++)
                {
                    int width = groups?[g] ?? units;
                    double dot = 0;
                    for (int j = o; j < o + width; j++) dot += grad[j] * a[j];
                    for (int j = o; j < o + width; j++) grad[j] = a[j] * (grad[j] - dot);
                }
            }
        }

        [MethodImpl(Hot.Optimize)]
        internal override unsafe void Forward(double* z, double* a, int count) =>
            throw new InvalidOperationException("Softmax needs whole rows; it is applied after a layer's product, not in its epilogue.");

        [MethodImpl(Hot.Optimize)]
        internal override unsafe void Backward(double* grad, double* z, double* a, int count) =>
            throw new InvalidOperationException("Softmax needs whole rows; its backward pass is not fused into a product.");

        /// <summary>One softmax over the row, or one per target's group of units (Split, Softmax each, Concat).</summary>
        internal override string ToOnnx(GraphBuilder graph, ExportedLayer layer, string z, string a) => graph.Softmax(layer.SoftmaxGroups, z, a);

        [MethodImpl(Hot.Optimize)]
        private static void Row(double[] z, double[] a, int offset, int width)
        {
            double max = double.NegativeInfinity;
            for (int j = offset; j < offset + width; j++) if (z[j] > max) max = z[j];
            double sum = 0;
            for (int j = offset; j < offset + width; j++)
            {
                double e = Math.Exp(z[j] - max);
                a[j] = e;
                sum += e;
            }
            for (int j = offset; j < offset + width; j++) a[j] /= sum;
        }
    }
}
