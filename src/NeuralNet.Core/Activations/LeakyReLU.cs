using System.Numerics;
using NeuralNet.Core.Model;
using NeuralNet.Core.Persistence.Onnx;

namespace NeuralNet.Core.Activations
{
    /// <summary>z for z &gt; 0, else <see cref="Slope"/>·z.</summary>
    public sealed class LeakyReLUFunction : ElementwiseFunction<LeakyReLUFunction.Math>
    {
        public const double Slope = 0.01;

        public override Activation Kind => Activation.LeakyReLU;

        public override WeightInit Initialisation => WeightInit.He;

        public struct Math : IElementwise
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Apply(double z) => z > 0 ? z : Slope * z;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Derivative(double z, double a, double grad) => z <= 0 ? grad * Slope : grad;
        }

        [MethodImpl(Hot.Optimize)]
        internal override unsafe void Forward(double* z, double* a, int count)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var zero = Vector<double>.Zero;
                var slope = new Vector<double>(Slope);
                for (int w = Vector<double>.Count; i + w <= count; i += w)
                {
                    var v = *(Vector<double>*)(z + i);
                    *(Vector<double>*)(a + i) = Vector.ConditionalSelect(Vector.GreaterThan(v, zero), v, slope * v);
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
                var slope = new Vector<double>(Slope);
                for (int w = Vector<double>.Count; i + w <= count; i += w)
                {
                    var g = *(Vector<double>*)(grad + i);
                    *(Vector<double>*)(grad + i) = Vector.ConditionalSelect(Vector.LessThanOrEqual(*(Vector<double>*)(z + i), zero), g * slope, g);
                }
            }
            var math = default(Math);
            for (; i < count; i++) grad[i] = math.Derivative(z[i], a[i], grad[i]);
        }

        /// <summary>Where(z &gt; 0, z, slope·z): ONNX's LeakyRelu takes its slope as a float32 attribute, which cannot hold 0.01.</summary>
        internal override string ToOnnx(GraphBuilder graph, ExportedLayer layer, string z, string a) =>
            graph.WherePositive(z, graph.Node("Mul", new[] { z, graph.Constant("leaky_slope", new[] { Slope }, 1) }), a);
    }
}
