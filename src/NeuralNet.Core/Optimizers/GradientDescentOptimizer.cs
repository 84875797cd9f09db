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

        protected override void UpdateBlock(int block, double[] w, double[] g) => UpdateRange(block, w, g, 0, w.Length);

        protected override bool UpdatesRanges => true;

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

        protected override void CopyStateFrom(Optimizer source)
        {
        }

        internal override IReadOnlyList<KeyValuePair<string, double[][]>> State => NoState;
    }
}
