using System.Numerics;
using NeuralNet.Core.Model;

namespace NeuralNet.Core.Optimizers
{
    /// <summary>
    /// Adam (Kingma &amp; Ba, 2015, Algorithm 1): m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
    /// w ← w − η·m̂ / (√v̂ + ε) with m̂ = m·(1/(1−β₁ᵗ)), v̂ = v·(1/(1−β₂ᵗ)).
    /// AdamW (Loshchilov &amp; Hutter, 2019) adds the decay outside the moments: w ← w − η·λ·w.
    /// </summary>
    internal sealed class AdamOptimizer : Optimizer
    {
        public const double Beta1 = 0.9;
        public const double Beta2 = 0.999;
        public const double Epsilon = 1e-8;

        private double[][] _m;
        private double[][] _v;
        private readonly bool _decoupled;
        /// <summary>1/(1−β₁ᵗ) and 1/(1−β₂ᵗ) for this step: the moments are multiplied by them, since a step is
        /// bound by the divider and two divisions per weight (of four with the square root) are what it saves.</summary>
        private double _inverseCorrection1;
        private double _inverseCorrection2;

        public AdamOptimizer(Network network, double learningRate, double weightDecay, bool decoupled)
            : base(network, learningRate, weightDecay)
        {
            _decoupled = decoupled;
            _m = NewState();
            _v = NewState();
        }

        public override OptimizerKind Kind => _decoupled ? OptimizerKind.AdamW : OptimizerKind.Adam;

        protected override bool AddsWeightDecayToGradient => !_decoupled;

        [MethodImpl(Hot.Optimize)]
        protected override void UpdateBlock(int block, double[] w, double[] g) => UpdateRange(block, w, g, 0, w.Length);

        protected override bool UpdatesRanges
        {
            [MethodImpl(Hot.Optimize)]
            get => true;
        }

        /// <summary>The bias corrections of this step, computed once before its threads start.</summary>
        [MethodImpl(Hot.Optimize)]
        protected override void BeginStep()
        {
            _inverseCorrection1 = 1.0 / (1.0 - Math.Pow(Beta1, Steps));
            _inverseCorrection2 = 1.0 / (1.0 - Math.Pow(Beta2, Steps));
        }

        [MethodImpl(Hot.Optimize)]
        protected override void UpdateRange(int block, double[] w, double[] g, int start, int end)
        {
            var m = _m[block];
            var v = _v[block];
            double lr = LearningRate;
            double decay = _decoupled && !IsBias[block] ? lr * WeightDecay : 0.0;
            int i = start;
            if (Vector.IsHardwareAccelerated)
            {
                // The same operations in the same order per element as the loop below, so the same numbers.
                int width = Vector<double>.Count;
                Vector<double> beta1 = new Vector<double>(Beta1), oneMinusBeta1 = new Vector<double>(1.0 - Beta1);
                Vector<double> beta2 = new Vector<double>(Beta2), oneMinusBeta2 = new Vector<double>(1.0 - Beta2);
                Vector<double> c1 = new Vector<double>(_inverseCorrection1), c2 = new Vector<double>(_inverseCorrection2);
                Vector<double> rate = new Vector<double>(lr), epsilon = new Vector<double>(Epsilon), shrink = new Vector<double>(decay);
                for (; i + width <= end; i += width)
                {
                    var gi = new Vector<double>(g, i);
                    var mi = beta1 * new Vector<double>(m, i) + oneMinusBeta1 * gi;
                    var vi = beta2 * new Vector<double>(v, i) + oneMinusBeta2 * gi * gi;
                    mi.CopyTo(m, i);
                    vi.CopyTo(v, i);
                    var wi = new Vector<double>(w, i);
                    (wi - (rate * (mi * c1) / (Vector.SquareRoot(vi * c2) + epsilon) + shrink * wi)).CopyTo(w, i);
                }
            }
            for (; i < end; i++)
            {
                m[i] = Beta1 * m[i] + (1.0 - Beta1) * g[i];
                v[i] = Beta2 * v[i] + (1.0 - Beta2) * g[i] * g[i];
                double mHat = m[i] * _inverseCorrection1;
                double vHat = v[i] * _inverseCorrection2;
                w[i] -= lr * mHat / (Math.Sqrt(vHat) + Epsilon) + decay * w[i];
            }
        }

        protected override void CopyStateFrom(Optimizer source)
        {
            var adam = (AdamOptimizer)source;
            _m = Copy(adam._m);
            _v = Copy(adam._v);
        }

        internal override IReadOnlyList<KeyValuePair<string, double[][]>> State => new[] { Named("firstMoment", _m), Named("secondMoment", _v) };

        /// <summary>Second moments are never negative: the step divides by their square root.</summary>
        internal override (double Min, double Max) StateBounds(string name) => name == "secondMoment" ? (0, double.PositiveInfinity) : base.StateBounds(name);
    }
}
