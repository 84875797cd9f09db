using System.Numerics;
using NeuralNet.Core.Persistence.Onnx;

namespace NeuralNet.Core.Activations
{
    /// <summary>σ(z) = 1 / (1 + e^−z); σ′(z) = σ(z)(1 − σ(z)). The tutorial's activation.</summary>
    internal sealed class SigmoidFunction : ElementwiseFunction<SigmoidFunction.Math>
    {
        public override Activation Kind => Activation.Sigmoid;

        public override bool IsBounded => true;

        public struct Math : IElementwise, IVectorBackward
        {
            [MethodImpl(Hot.Inline)] public double Apply(double z) => 1.0 / (1.0 + System.Math.Exp(-z));

            [MethodImpl(Hot.Inline)] public double Derivative(double z, double a, double grad) => grad * (a * (1.0 - a));

            [MethodImpl(Hot.Inline)] public Vector<double> Derivative(Vector<double> z, Vector<double> a, Vector<double> grad) => grad * (a * (Vector<double>.One - a));
        }

        [MethodImpl(Hot.Optimize)] internal override unsafe void Backward(double* grad, double* z, double* a, int count) => BackwardInVectors<Math>(grad, z, a, count);

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
