using System.Numerics;
using NeuralNet.Core.Model;

namespace NeuralNet.Core.Optimizers
{
    /// <summary>w ← w − η·g.</summary>
    internal sealed class GradientDescentOptimizer : Optimizer
    {
        public GradientDescentOptimizer(Network network, double learningRate, double weightDecay)
            : base(network, learningRate, weightDecay)
        {
        }

        public override OptimizerKind Kind => OptimizerKind.GradientDescent;

        [MethodImpl(Hot.Optimize)]
        protected override void UpdateBlock(int block, double[] w, double[] g) => UpdateRange(block, w, g, 0, w.Length);

        protected override bool UpdatesRanges
        {
            [MethodImpl(Hot.Optimize)]
            get => true;
        }

        [MethodImpl(Hot.Optimize)]
        protected override void UpdateRange(int block, double[] w, double[] g, int start, int end)
        {
            double lr = LearningRate;
            int i = start;
            if (Vector.IsHardwareAccelerated && end - start >= 2 * Vector<double>.Count)
            {
                var rate = new Vector<double>(lr);
                for (int width = Vector<double>.Count; i + width <= end; i += width)
                    (new Vector<double>(w, i) - rate * new Vector<double>(g, i)).CopyTo(w, i);
            }
            for (; i < end; i++) w[i] -= lr * g[i];
        }

        /// <remarks>
        /// Widening is exact and every operation is the one <see cref="UpdateRange"/> does, in the same order,
        /// so the weights are the same; the widened gradient, which nothing reads after the step, is never
        /// written (1.6 MB a batch for W3's first layer, on its way to L3 and back).
        /// </remarks>
        [MethodImpl(Hot.Optimize)]
        protected override bool UpdateRangeFromSingle(int block, double[] w, float[] gradient, float[] rounded, double decay, int start, int end)
        {
            double lr = LearningRate;
            int i = start;
            if (Vector.IsHardwareAccelerated)
            {
                int width = Vector<double>.Count;
                var rate = new Vector<double>(lr);
                var shrink = new Vector<double>(decay);
                for (; i + 2 * width <= end; i += 2 * width)
                {
                    Vector.Widen(new Vector<float>(gradient, i), out var g0, out var g1);
                    var w0 = new Vector<double>(w, i);
                    var w1 = new Vector<double>(w, i + width);
                    if (decay != 0.0)
                    {
                        g0 += shrink * w0;
                        g1 += shrink * w1;
                    }
                    w0 -= rate * g0;
                    w1 -= rate * g1;
                    w0.CopyTo(w, i);
                    w1.CopyTo(w, i + width);
                    Vector.Narrow(w0, w1).CopyTo(rounded, i);
                }
            }
            for (; i < end; i++)
            {
                double g = gradient[i];
                if (decay != 0.0) g += decay * w[i];
                w[i] -= lr * g;
                rounded[i] = (float)w[i];
            }
            return true;
        }

        protected override void CopyStateFrom(Optimizer source)
        {
        }

        internal override IReadOnlyList<KeyValuePair<string, double[][]>> State => NoState;
    }
}
