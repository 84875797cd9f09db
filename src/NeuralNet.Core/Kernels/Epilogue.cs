using System.Numerics;
using System.Runtime.CompilerServices;

namespace NeuralNet.Core.Kernels
{
    /// <summary>What happens to a tile of C once its sum is complete, while it is still in L1.</summary>
    internal enum EpilogueKind
    {
        None,

        /// <summary>Forward pass: Z = C + bias (when there is one), A = f(Z) (elementwise activations only).</summary>
        BiasActivation,

        /// <summary>Backward pass: δ = C ⊙ f′(z), the error of the layer below, from its Z and A.</summary>
        Derivative,
    }

    /// <summary>
    /// The layer arithmetic fused into a product (double precision): applied tile by tile as the last
    /// block of the shared dimension completes it, so the batch is not swept again. Each element gets
    /// exactly the operations of <see cref="Activations"/>' separate passes, in the same order, so
    /// fusing changes no bit. <see cref="Z"/> and <see cref="A"/> have C's shape and row stride.
    /// </summary>
    internal readonly unsafe struct Epilogue
    {
        public readonly EpilogueKind Kind;
        public readonly Activation Activation;
        public readonly double* Bias;
        public readonly double* Z;
        public readonly double* A;

        public Epilogue(EpilogueKind kind, Activation activation, double* bias, double* z, double* a)
        {
            Kind = kind;
            Activation = activation;
            Bias = bias;
            Z = z;
            A = a;
        }

        /// <summary>True when the activation is applied element by element (softmax needs whole rows, after the product).</summary>
        public static bool IsElementwise(Activation activation) => activation != Activation.Softmax;

        /// <summary>Applies the epilogue to rows [row0, row0 + rows) × columns [column0, column0 + columns) of C (row stride <paramref name="ldc"/>).</summary>
        [MethodImpl(Hot.Optimize)]
        public void Apply(double* c, int ldc, int row0, int rows, int column0, int columns)
        {
            for (int r = row0; r < row0 + rows; r++)
            {
                long offset = (long)r * ldc + column0;
                if (Kind == EpilogueKind.BiasActivation) Forward(c + offset, A == null ? null : A + offset, Bias == null ? null : Bias + column0, columns);
                else Backward(c + offset, Z + offset, A + offset, columns);
            }
        }

        /// <summary>Z += bias; A = f(Z) unless <paramref name="a"/> is null (softmax, applied after the product).</summary>
        [MethodImpl(Hot.Optimize)]
        private void Forward(double* z, double* a, double* bias, int count)
        {
            int i = 0;
            var activation = Activation;
            if (a == null)
            {
                for (; i < count; i++) z[i] += bias[i];
                return;
            }
            if (Vector.IsHardwareAccelerated && (activation == Activation.ReLU || activation == Activation.LeakyReLU || activation == Activation.Identity))
            {
                int w = Vector<double>.Count;
                var zero = Vector<double>.Zero;
                var slope = new Vector<double>(Activations.LeakyReLUSlope);
                for (; i + w <= count; i += w)
                {
                    var v = *(Vector<double>*)(z + i);
                    if (bias != null)
                    {
                        v += *(Vector<double>*)(bias + i);
                        *(Vector<double>*)(z + i) = v;
                    }
                    var positive = Vector.GreaterThan(v, zero);
                    *(Vector<double>*)(a + i) = activation == Activation.ReLU ? Vector.ConditionalSelect(positive, v, zero)
                        : activation == Activation.LeakyReLU ? Vector.ConditionalSelect(positive, v, slope * v)
                        : v;
                }
            }
            for (; i < count; i++)
            {
                double v = z[i];
                if (bias != null) z[i] = v = v + bias[i];
                a[i] = Activations.Apply(activation, v);
            }
        }

        [MethodImpl(Hot.Optimize)]
        private void Backward(double* grad, double* z, double* a, int count)
        {
            int i = 0;
            var activation = Activation;
            if (activation == Activation.Identity) return;
            if (Vector.IsHardwareAccelerated && activation != Activation.ELU)
            {
                int w = Vector<double>.Count;
                var zero = Vector<double>.Zero;
                var one = Vector<double>.One;
                var slope = new Vector<double>(Activations.LeakyReLUSlope);
                for (; i + w <= count; i += w)
                {
                    var g = *(Vector<double>*)(grad + i);
                    switch (activation)
                    {
                        case Activation.ReLU:
                            g = Vector.ConditionalSelect(Vector.LessThanOrEqual(*(Vector<double>*)(z + i), zero), zero, g);
                            break;
                        case Activation.LeakyReLU:
                            g = Vector.ConditionalSelect(Vector.LessThanOrEqual(*(Vector<double>*)(z + i), zero), g * slope, g);
                            break;
                        case Activation.Sigmoid:
                            var s = *(Vector<double>*)(a + i);
                            g *= s * (one - s);
                            break;
                        default: // Tanh
                            var t = *(Vector<double>*)(a + i);
                            g *= one - t * t;
                            break;
                    }
                    *(Vector<double>*)(grad + i) = g;
                }
            }
            for (; i < count; i++) grad[i] = Activations.Derivative(activation, z[i], a[i], grad[i]);
        }
    }
}
