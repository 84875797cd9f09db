using NeuralNet.Core.Activations;

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
    /// exactly the operations of the activation's separate passes, in the same order (the activation's
    /// own row functions do the work), so fusing changes no bit. <see cref="Z"/> and <see cref="A"/>
    /// have C's shape and row stride.
    /// </summary>
    internal readonly unsafe struct Epilogue
    {
        public readonly EpilogueKind Kind;
        public readonly ActivationFunction Function;
        public readonly double* Bias;
        public readonly double* Z;
        public readonly double* A;

        public Epilogue(EpilogueKind kind, ActivationFunction function, double* bias, double* z, double* a)
        {
            Kind = kind;
            Function = function;
            Bias = bias;
            Z = z;
            A = a;
        }

        /// <summary>Applies the epilogue to rows [row0, row0 + rows) × columns [column0, column0 + columns) of C (row stride <paramref name="ldc"/>).</summary>
        [MethodImpl(Hot.Optimize)]
        public void Apply(double* c, int ldc, int row0, int rows, int column0, int columns)
        {
            for (int r = row0; r < row0 + rows; r++)
            {
                long offset = (long)r * ldc + column0;
                if (Kind == EpilogueKind.BiasActivation) Forward(c + offset, A == null ? null : A + offset, Bias == null ? null : Bias + column0, columns);
                else Function.Backward(c + offset, Z + offset, A + offset, columns);
            }
        }

        /// <summary>Z += bias; A = f(Z) unless <paramref name="a"/> is null (softmax, applied after the product).</summary>
        [MethodImpl(Hot.Optimize)]
        private void Forward(double* z, double* a, double* bias, int count)
        {
            if (bias != null)
            {
                // A tile row at a time (a 64-unit layer adds 64 values per row): in vectors, the same sums.
                int i = 0;
                int width = System.Numerics.Vector<double>.Count;
                if (System.Numerics.Vector.IsHardwareAccelerated)
                    for (; i + width <= count; i += width)
                        *(System.Numerics.Vector<double>*)(z + i) = *(System.Numerics.Vector<double>*)(z + i) + *(System.Numerics.Vector<double>*)(bias + i);
                for (; i < count; i++) z[i] += bias[i];
            }
            if (a != null) Function.Forward(z, a, count);
        }
    }
}
