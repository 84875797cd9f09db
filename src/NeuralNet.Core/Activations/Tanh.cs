using System.Numerics;
using NeuralNet.Core.Persistence.Onnx;

namespace NeuralNet.Core.Activations
{
    /// <summary>tanh(z); tanh′(z) = 1 − tanh²(z).</summary>
    internal sealed class TanhFunction : ElementwiseFunction<TanhFunction.Math>
    {
        public override Activation Kind => Activation.Tanh;

        public override bool IsBounded => true;

        public struct Math : IElementwise, IVectorBackward
        {
            [MethodImpl(Hot.Inline)] public double Apply(double z) => System.Math.Tanh(z);

            [MethodImpl(Hot.Inline)] public double Derivative(double z, double a, double grad) => grad * (1.0 - a * a);

            [MethodImpl(Hot.Inline)] public Vector<double> Derivative(Vector<double> z, Vector<double> a, Vector<double> grad) => grad * (Vector<double>.One - a * a);
        }

        [MethodImpl(Hot.Optimize)] internal override unsafe void Backward(double* grad, double* z, double* a, int count) => BackwardInVectors<Math>(grad, z, a, count);

        internal override string ToOnnx(GraphBuilder graph, ExportedLayer layer, string z, string a) => graph.Node("Tanh", new[] { z }, a);
    }
}
