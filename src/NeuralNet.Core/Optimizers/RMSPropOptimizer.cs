using NeuralNet.Core.Model;

namespace NeuralNet.Core.Optimizers
{
    /// <summary>RMSProp (Tieleman &amp; Hinton, 2012): s ← ρs + (1−ρ)g²; w ← w − η·g / (√s + ε).</summary>
    internal sealed class RMSPropOptimizer : Optimizer
    {
        public const double Rho = 0.9;
        public const double Epsilon = 1e-8;

        private double[][] _meanSquare;

        public RMSPropOptimizer(Network network, double learningRate, double weightDecay)
            : base(network, learningRate, weightDecay)
        {
            _meanSquare = NewState();
        }

        public override OptimizerKind Kind => OptimizerKind.RMSProp;

        [MethodImpl(Hot.Optimize)]
        protected override void UpdateBlock(int block, double[] w, double[] g)
        {
            var s = _meanSquare[block];
            double lr = LearningRate;
            for (int i = 0; i < w.Length; i++)
            {
                s[i] = Rho * s[i] + (1.0 - Rho) * g[i] * g[i];
                w[i] -= lr * g[i] / (Math.Sqrt(s[i]) + Epsilon);
            }
        }

        protected override void CopyStateFrom(Optimizer source) => _meanSquare = Copy(((RMSPropOptimizer)source)._meanSquare);

        internal override IReadOnlyList<KeyValuePair<string, double[][]>> State => new[] { Named("meanSquare", _meanSquare) };

        /// <summary>Mean squares are never negative: the step divides by their square root.</summary>
        internal override (double Min, double Max) StateBounds(string name) => name == "meanSquare" ? (0, double.PositiveInfinity) : base.StateBounds(name);
    }
}
