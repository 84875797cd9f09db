using NeuralNet.Core.Persistence.Onnx;

namespace NeuralNet.Core.Activations
{
    /// <summary>a = z: a regression's output, or a linear layer.</summary>
    internal sealed class IdentityFunction : ElementwiseFunction<IdentityFunction.Math>
    {
        public override Activation Kind => Activation.Identity;

        public struct Math : IElementwise
        {
            [MethodImpl(Hot.Inline)] public double Apply(double z) => z;

            [MethodImpl(Hot.Inline)] public double Derivative(double z, double a, double grad) => grad;
        }

        public override void Forward(double[] z, double[] a, int count, int units, int[] groups = null)
        {
            if (!ReferenceEquals(z, a)) Array.Copy(z, a, count);
        }

        public override void Backward(double[] z, double[] a, double[] grad, int count, int units, int[] groups = null)
        {
        }

        internal override unsafe void Forward(double* z, double* a, int count)
        {
            if (z != a) Buffer.MemoryCopy(z, a, (long)count * sizeof(double), (long)count * sizeof(double));
        }

        internal override unsafe void Backward(double* grad, double* z, double* a, int count)
        {
        }

        internal override string ToOnnx(GraphBuilder graph, ExportedLayer layer, string z, string a) => graph.Node("Identity", new[] { z }, a);
    }
}
