using NeuralNet.Core.Model;
using NeuralNet.Core.Persistence.Onnx;

namespace NeuralNet.Core.Activations
{
    /// <summary>z for z &gt; 0, else α(e^z − 1); ELU′(z) = α·e^z = a + α for z ≤ 0.</summary>
    public sealed class ELUFunction : ElementwiseFunction<ELUFunction.Math>
    {
        public const double Alpha = 1.0;

        public override Activation Kind => Activation.ELU;

        public override WeightInit Initialisation => WeightInit.He;

        public struct Math : IElementwise
        {
            [MethodImpl(Hot.Inline)] public double Apply(double z) => z > 0 ? z : Alpha * (System.Math.Exp(z) - 1.0);

            [MethodImpl(Hot.Inline)] public double Derivative(double z, double a, double grad) => z <= 0 ? grad * (a + Alpha) : grad;
        }

        /// <summary>Where(z &gt; 0, z, α·(Exp(z) − 1)): ONNX Runtime has no float64 Elu.</summary>
        internal override string ToOnnx(GraphBuilder graph, ExportedLayer layer, string z, string a)
        {
            var expm1 = graph.Node("Sub", new[] { graph.Node("Exp", new[] { z }), graph.One() });
            return graph.WherePositive(z, graph.Node("Mul", new[] { expm1, graph.Constant("elu_alpha", new[] { Alpha }, 1) }), a);
        }
    }
}
