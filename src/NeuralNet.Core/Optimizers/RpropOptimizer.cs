using NeuralNet.Core.Model;

namespace NeuralNet.Core.Optimizers
{
    /// <summary>
    /// iRPROP− (Igel &amp; Hüsken, 2000): each weight keeps its own step Δ. When the gradient keeps its
    /// sign, Δ ← min(η⁺Δ, Δmax); when it flips, Δ ← max(η⁻Δ, Δmin) and that gradient is forgotten.
    /// Then w ← w − sign(g)·Δ. Meant for full batches; it needs no learning rate.
    /// </summary>
    internal sealed class RpropOptimizer : Optimizer
    {
        public const double InitialStep = 0.1;
        public const double IncreaseFactor = 1.2;
        public const double DecreaseFactor = 0.5;
        public const double MaxStep = 50.0;
        public const double MinStep = 1e-6;

        private double[][] _step;
        private double[][] _previousGradient;

        public RpropOptimizer(Network network, double weightDecay)
            : base(network, InitialStep, weightDecay)
        {
            _step = NewState(InitialStep);
            _previousGradient = NewState();
        }

        public override OptimizerKind Kind => OptimizerKind.Rprop;

        [MethodImpl(Hot.Optimize)]
        protected override void UpdateBlock(int block, double[] w, double[] g)
        {
            var step = _step[block];
            var previous = _previousGradient[block];
            for (int i = 0; i < w.Length; i++)
            {
                double gi = g[i];
                double sign = gi * previous[i];
                if (sign > 0) step[i] = Math.Min(step[i] * IncreaseFactor, MaxStep);
                else if (sign < 0)
                {
                    step[i] = Math.Max(step[i] * DecreaseFactor, MinStep);
                    gi = 0.0;
                }
                if (gi > 0) w[i] -= step[i];
                else if (gi < 0) w[i] += step[i];
                previous[i] = gi;
            }
        }

        protected override void CopyStateFrom(Optimizer source)
        {
            var rprop = (RpropOptimizer)source;
            _step = Copy(rprop._step);
            _previousGradient = Copy(rprop._previousGradient);
        }

        internal override IReadOnlyList<KeyValuePair<string, double[][]>> State => new[] { Named("stepSize", _step), Named("previousGradient", _previousGradient) };

        /// <summary>Step sizes stay within the rule's bounds, as every update keeps them.</summary>
        internal override (double Min, double Max) StateBounds(string name) => name == "stepSize" ? (MinStep, MaxStep) : base.StateBounds(name);
    }
}
