using NeuralNet.Core.Model;
using System.Runtime.CompilerServices;

namespace NeuralNet.Core.Optimizers
{
    /// <summary>w ← w − η·g.</summary>
    public sealed class GradientDescentOptimizer : Optimizer
    {
        public GradientDescentOptimizer(Network network, double learningRate, double weightDecay)
            : base(network, learningRate, weightDecay)
        {
        }

        public override OptimizerKind Kind => OptimizerKind.GradientDescent;

        [MethodImpl(Hot.Optimize)]
        protected override void UpdateBlock(int block, double[] w, double[] g)
        {
            double lr = LearningRate;
            for (int i = 0; i < w.Length; i++) w[i] -= lr * g[i];
        }

        protected override void CopyStateFrom(Optimizer source)
        {
        }
    }
}
