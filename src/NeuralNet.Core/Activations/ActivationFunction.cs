using System.Numerics;
using NeuralNet.Core.Model;
using NeuralNet.Core.Persistence.Onnx;

namespace NeuralNet.Core.Activations
{
    /// <summary>
    /// An activation: its forward function and derivative side by side, and what the rest of the module
    /// needs to know of it (bounded outputs, the initialisation it suits, its ONNX form). Derivatives are
    /// written in terms of the layer's pre-activation z and output a = f(z), whichever is cheaper, so
    /// backprop keeps no more than it already has. Arrays are batch × units, row-major.
    /// </summary>
    public abstract class ActivationFunction
    {
        public abstract Activation Kind { get; }

        /// <summary>Applied element by element (softmax needs whole rows).</summary>
        public virtual bool IsElementwise
        {
            [MethodImpl(Hot.Optimize)]
            get => true;
        }

        /// <summary>Outputs confined to (0, 1) or (−1, 1), so targets must not be rescaled for them.</summary>
        public virtual bool IsBounded => false;

        /// <summary>The initialisation <see cref="WeightInit.Auto"/> chooses for the layer: Glorot, or He for the ReLU family.</summary>
        public virtual WeightInit Initialisation => WeightInit.Glorot;

        /// <summary>
        /// a = f(z) for <paramref name="count"/> values; for softmax, rows of <paramref name="units"/>, each
        /// split into <paramref name="groups"/> of those widths (one softmax per class target), or whole.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public virtual unsafe void Forward(double[] z, double[] a, int count, int units, int[] groups = null)
        {
            if (count == 0) return;
            fixed (double* pz = z, pa = a) Forward(pz, pa, count);
        }

        /// <summary>
        /// Backprop through the activation: dL/dz = dL/da ⊙ f′(z) (for softmax, the Jacobian-vector product per
        /// row). <paramref name="grad"/> holds dL/da on entry and dL/dz on return.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public virtual unsafe void Backward(double[] z, double[] a, double[] grad, int count, int units, int[] groups = null)
        {
            if (count == 0) return;
            fixed (double* pz = z, pa = a, pg = grad) Backward(pg, pz, pa, count);
        }

        /// <summary>a[i] = f(z[i]) for an elementwise activation: what a product's epilogue applies to each finished row of a tile.</summary>
        internal abstract unsafe void Forward(double* z, double* a, int count);

        /// <summary>grad[i] = grad[i]·f′(z[i]) from z and a = f(z), for an elementwise activation.</summary>
        internal abstract unsafe void Backward(double* grad, double* z, double* a, int count);

        /// <summary>The graph nodes that compute a = f(z) in ONNX, in float64 and by this module's own formula.</summary>
        internal abstract string ToOnnx(GraphBuilder graph, ExportedLayer layer, string z, string a);

        /// <summary>The ONNX nodes the exporter writes for it, as an expression of z (help shows it).</summary>
        public string OnnxNodes => NodeExpression.Of(this);

        public override string ToString() => Kind.ToString();
    }

    /// <summary>The arithmetic of an elementwise activation, as a struct so the JIT inlines it into the loops of <see cref="ElementwiseFunction{TMath}"/>.</summary>
    public interface IElementwise
    {
        double Apply(double z);

        /// <summary>dL/dz = <paramref name="grad"/>·f′(z), from z and a = f(z).</summary>
        double Derivative(double z, double a, double grad);
    }

    /// <summary>An elementwise activation whose loops run its <typeparamref name="TMath"/> inlined, one body per activation.</summary>
    public abstract class ElementwiseFunction<TMath> : ActivationFunction where TMath : struct, IElementwise
    {
        [MethodImpl(Hot.Optimize)]
        internal override unsafe void Forward(double* z, double* a, int count)
        {
            var math = default(TMath);
            for (int i = 0; i < count; i++) a[i] = math.Apply(z[i]);
        }

        [MethodImpl(Hot.Optimize)]
        internal override unsafe void Backward(double* grad, double* z, double* a, int count)
        {
            var math = default(TMath);
            for (int i = 0; i < count; i++) grad[i] = math.Derivative(z[i], a[i], grad[i]);
        }

        /// <summary>The forward loop on whole vectors where the hardware has them, then the scalar tail: for an activation whose <typeparamref name="TMath"/> has a vector form.</summary>
        [MethodImpl(Hot.Optimize)]
        protected static unsafe void ForwardInVectors<TVector>(double* z, double* a, int count) where TVector : struct, IVectorForward
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var vector = default(TVector);
                for (int w = Vector<double>.Count; i + w <= count; i += w) *(Vector<double>*)(a + i) = vector.Apply(*(Vector<double>*)(z + i));
            }
            var math = default(TMath);
            for (; i < count; i++) a[i] = math.Apply(z[i]);
        }

        /// <summary>The backward loop on whole vectors, then the scalar tail.</summary>
        [MethodImpl(Hot.Optimize)]
        protected static unsafe void BackwardInVectors<TVector>(double* grad, double* z, double* a, int count) where TVector : struct, IVectorBackward
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var vector = default(TVector);
                for (int w = Vector<double>.Count; i + w <= count; i += w)
                    *(Vector<double>*)(grad + i) = vector.Derivative(*(Vector<double>*)(z + i), *(Vector<double>*)(a + i), *(Vector<double>*)(grad + i));
            }
            var math = default(TMath);
            for (; i < count; i++) grad[i] = math.Derivative(z[i], a[i], grad[i]);
        }
    }

    /// <summary>f applied to a whole vector, lane by lane exactly as the scalar form computes it.</summary>
    public interface IVectorForward
    {
        Vector<double> Apply(Vector<double> z);
    }

    /// <summary>dL/dz for a whole vector, lane by lane exactly as the scalar form computes it.</summary>
    public interface IVectorBackward
    {
        Vector<double> Derivative(Vector<double> z, Vector<double> a, Vector<double> grad);
    }
}
