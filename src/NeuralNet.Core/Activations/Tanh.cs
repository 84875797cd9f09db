using System.Numerics;
using NeuralNet.Core.Persistence.Onnx;

namespace NeuralNet.Core.Activations
{
    /// <summary>tanh(z); tanh′(z) = 1 − tanh²(z).</summary>
    internal sealed class TanhFunction : ElementwiseFunction<TanhFunction.Math>
    {
        public override Activation Kind => Activation.Tanh;

        public override bool IsBounded => true;

        public struct Math : IElementwise
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Apply(double z) => System.Math.Tanh(z);

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Derivative(double z, double a, double grad) => grad * (1.0 - a * a);
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
                    var t = *(Vector<double>*)(a + i);
                    *(Vector<double>*)(grad + i) = *(Vector<double>*)(grad + i) * (one - t * t);
                }
            }
            var math = default(Math);
            for (; i < count; i++) grad[i] = math.Derivative(z[i], a[i], grad[i]);
        }

        internal override string ToOnnx(GraphBuilder graph, ExportedLayer layer, string z, string a) => graph.Node("Tanh", new[] { z }, a);
    }
}
