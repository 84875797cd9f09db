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

        public struct Math : IElementwise, IVectorForward, IVectorBackward
        {
            [MethodImpl(Hot.Inline)] public double Apply(double z) => z > 0 ? z : 0.0;

            [MethodImpl(Hot.Inline)] public double Derivative(double z, double a, double grad) => z <= 0 ? 0.0 : grad;

            [MethodImpl(Hot.Inline)] public Vector<double> Apply(Vector<double> z) => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<double>.Zero), z, Vector<double>.Zero);

            [MethodImpl(Hot.Inline)]
            public Vector<double> Derivative(Vector<double> z, Vector<double> a, Vector<double> grad) => Vector.ConditionalSelect(Vector.LessThanOrEqual(z, Vector<double>.Zero), Vector<double>.Zero, grad);
        }

        [MethodImpl(Hot.Optimize)] internal override unsafe void Forward(double* z, double* a, int count) => ForwardInVectors<Math>(z, a, count);

        [MethodImpl(Hot.Optimize)] internal override unsafe void Backward(double* grad, double* z, double* a, int count) => BackwardInVectors<Math>(grad, z, a, count);

        internal override string ToOnnx(GraphBuilder graph, ExportedLayer layer, string z, string a) => graph.Node("Relu", new[] { z }, a);
    }
}
