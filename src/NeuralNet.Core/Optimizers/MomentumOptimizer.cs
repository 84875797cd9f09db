using NeuralNet.Core.Model;

namespace NeuralNet.Core.Optimizers
{
    /// <summary>
    /// As PyTorch's SGD with momentum μ: v ← μ·v + g; w ← w − η·v, or with Nesterov
    /// w ← w − η·(g + μ·v) (Sutskever et al., 2013).
    /// </summary>
    internal sealed class MomentumOptimizer : Optimizer
    {
        public const double DefaultMomentum = 0.9;

        private double[][] _velocity;

        public MomentumOptimizer(Network network, double learningRate, double weightDecay, bool nesterov, double momentum = DefaultMomentum)
            : base(network, learningRate, weightDecay)
        {
            _nesterov = nesterov;
            Momentum = momentum;
            _velocity = NewState();
        }

        public override OptimizerKind Kind => OptimizerKind.Momentum;

        private readonly bool _nesterov;

        public override bool Nesterov => _nesterov;

        public double Momentum { get; }

        [MethodImpl(Hot.Optimize)]
        protected override void UpdateBlock(int block, double[] w, double[] g)
        {
            var v = _velocity[block];
            double mu = Momentum, lr = LearningRate;
            bool nesterov = _nesterov;
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = mu * v[i] + g[i];
                w[i] -= lr * (nesterov ? g[i] + mu * v[i] : v[i]);
            }
        }

        protected override void CopyStateFrom(Optimizer source) => _velocity = Copy(((MomentumOptimizer)source)._velocity);

        internal override IReadOnlyList<KeyValuePair<string, double[][]>> State => new[] { Named("velocity", _velocity) };
    }
}
