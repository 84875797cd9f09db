using System.Numerics;
using NeuralNet.Core.Model;
using NeuralNet.Core.Persistence.Onnx;

namespace NeuralNet.Core.Activations
{
    /// <summary>max(z, 0); its derivative is 1 for z &gt; 0 and 0 otherwise.</summary>
    internal sealed class ReLUFunction : ElementwiseFunction<ReLUFunction.Math>
    {
        public override Activation Kind => Activation.ReLU;

        public override WeightInit Initialisation => WeightInit.He;

        public struct Math : IElementwise
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Apply(double z) => z > 0 ? z : 0.0;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Derivative(double z, double a, double grad) => z <= 0 ? 0.0 : grad;
        }

        [MethodImpl(Hot.Optimize)]
        internal override unsafe void Forward(double* z, double* a, int count)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var zero = Vector<double>.Zero;
                for (int w = Vector<double>.Count; i + w <= count; i += w)
                {
                    var v = *(Vector<double>*)(z + i);
                    *(Vector<double>*)(a + i) = Vector.ConditionalSelect(Vector.GreaterThan(v, zero), v, zero);
                }
            }
            var math = default(Math);
            for (; i < count; i++) a[i] = math.Apply(z[i]);
        }

        [MethodImpl(Hot.Optimize)]
        internal override unsafe void Backward(double* grad, double* z, double* a, int count)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var zero = Vector<double>.Zero;
                for (int w = Vector<double>.Count; i + w <= count; i += w)
                    *(Vector<double>*)(grad + i) = Vector.ConditionalSelect(Vector.LessThanOrEqual(*(Vector<double>*)(z + i), zero), zero, *(Vector<double>*)(grad + i));
            }
            var math = default(Math);
            for (; i < count; i++) grad[i] = math.Derivative(z[i], a[i], grad[i]);
        }

        internal override string ToOnnx(GraphBuilder graph, ExportedLayer layer, string z, string a) => graph.Node("Relu", new[] { z }, a);
    }
}
