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

        public struct Math : IElementwise, IVectorForward, IVectorBackward
        {
            [MethodImpl(Hot.Inline)] public double Apply(double z) => z > 0 ? z : Slope * z;

            [MethodImpl(Hot.Inline)] public double Derivative(double z, double a, double grad) => z <= 0 ? grad * Slope : grad;

            [MethodImpl(Hot.Inline)]
            public Vector<double> Apply(Vector<double> z) => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<double>.Zero), z, new Vector<double>(Slope) * z);

            [MethodImpl(Hot.Inline)]
            public Vector<double> Derivative(Vector<double> z, Vector<double> a, Vector<double> grad) =>
                Vector.ConditionalSelect(Vector.LessThanOrEqual(z, Vector<double>.Zero), grad * new Vector<double>(Slope), grad);
        }

        [MethodImpl(Hot.Optimize)] internal override unsafe void Forward(double* z, double* a, int count) => ForwardInVectors<Math>(z, a, count);

        [MethodImpl(Hot.Optimize)] internal override unsafe void Backward(double* grad, double* z, double* a, int count) => BackwardInVectors<Math>(grad, z, a, count);

        /// <summary>Where(z &gt; 0, z, slope·z): ONNX's LeakyRelu takes its slope as a float32 attribute, which cannot hold 0.01.</summary>
        internal override string ToOnnx(GraphBuilder graph, ExportedLayer layer, string z, string a) =>
            graph.WherePositive(z, graph.Node("Mul", new[] { z, graph.Constant("leaky_slope", new[] { Slope }, 1) }), a);
    }
}
