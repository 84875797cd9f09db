using System.Numerics;
using NeuralNet.Core.Persistence.Onnx;

namespace NeuralNet.Core.Activations
{
    /// <summary>σ(z) = 1 / (1 + e^−z); σ′(z) = σ(z)(1 − σ(z)). The tutorial's activation.</summary>
    internal sealed class SigmoidFunction : ElementwiseFunction<SigmoidFunction.Math>
    {
        public override Activation Kind => Activation.Sigmoid;

        public override bool IsBounded => true;

        public struct Math : IElementwise
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Apply(double z) => 1.0 / (1.0 + System.Math.Exp(-z));

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Derivative(double z, double a, double grad) => grad * (a * (1.0 - a));
        }

        [MethodImpl(Hot.Optimize)]
        internal override unsafe void Backward(double* grad, double* z, double* a, int count)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var one = Vector<double>.One;
                for (int w = Vector<double>.Count; i + w <= count; i += w)
                {
                    var s = *(Vector<double>*)(a + i);
                    *(Vector<double>*)(grad + i) = *(Vector<double>*)(grad + i) * (s * (one - s));
                }
            }
            var math = default(Math);
            for (; i < count; i++) grad[i] = math.Derivative(z[i], a[i], grad[i]);
        }

        /// <summary>
        /// 1 / (1 + Exp(−z)) in primitive operators: ONNX Runtime's float64 Sigmoid computes 1 − 1/(1 + e^−|z|)
        /// for negative z, which loses the relative precision of small probabilities (5% at z = −35).
        /// </summary>
        internal override string ToOnnx(GraphBuilder graph, ExportedLayer layer, string z, string a)
        {
            var exp = graph.Node("Exp", new[] { graph.Node("Neg", new[] { z }) });
            return graph.Node("Div", new[] { graph.One(), graph.Node("Add", new[] { graph.One(), exp }) }, a);
        }
    }
}
