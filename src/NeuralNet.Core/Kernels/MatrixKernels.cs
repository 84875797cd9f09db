using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// The matrix products backprop needs, on contiguous row-major arrays; results are overwritten.
    /// Large products run a register-blocked kernel over <see cref="Vector{T}"/> (4×2 vectors of C kept
    /// in registers while the shared dimension streams), split over the cores when the work pays for
    /// it. Every element of C is still accumulated in the same order (p = 0, 1, …, no fused
    /// multiply-add), so the fast path gives exactly the plain loop's numbers, and a product is
    /// identical whatever the thread count. One generic body serves float64 and float32 (the
    /// single-precision networks); the JIT compiles it once per element type.
    /// </summary>
    public static class MatrixKernels
    {
        /// <summary>Below this many multiply-adds the plain loop is as fast as any machinery.</summary>
        private const long VectorWork = 4096;

        /// <summary>Above this many multiply-adds, the columns of C are split between two threads.</summary>
        private const long ParallelWork = 1L << 21;

        private const int Rows = 4;

        /// <summary>C (m × n) = A (m × k) · B (k × n).</summary>
        public static void Multiply(double[] a, double[] b, double[] c, int m, int k, int n) => Gemm(a, k, 1, b, c, m, k, n);

        /// <summary>The same product in single precision (float32 products and sums).</summary>
        public static void Multiply(float[] a, float[] b, float[] c, int m, int k, int n) => Gemm(a, k, 1, b, c, m, k, n);

        /// <summary>C (k × n) = Aᵀ · B, with A (m × k) and B (m × n): the weight gradient Xᵀ·δ.</summary>
        public static void MultiplyTransposeA(double[] a, double[] b, double[] c, int m, int k, int n) => Gemm(a, 1, k, b, c, k, m, n);

        /// <summary>The same product in single precision.</summary>
        public static void MultiplyTransposeA(float[] a, float[] b, float[] c, int m, int k, int n) => Gemm(a, 1, k, b, c, k, m, n);

        /// <summary>C (m × k) = A · Bᵀ, with A (m × n) and B (k × n): the back-propagated error δ·Wᵀ.</summary>
        public static void MultiplyTransposeB(double[] a, double[] b, double[] c, int m, int n, int k) => TransposeB(a, b, c, m, n, k);

        /// <summary>The same product in single precision.</summary>
        public static void MultiplyTransposeB(float[] a, float[] b, float[] c, int m, int n, int k) => TransposeB(a, b, c, m, n, k);

        [MethodImpl(Hot.Optimize)]
        private static void TransposeB<T>(T[] a, T[] b, T[] c, int m, int n, int k) where T : struct
        {
            if ((long)m * n * k < VectorWork || k < Vector<T>.Count)
            {
                for (int i = 0; i < m; i++)
                {
                    int ai = i * n, ci = i * k;
                    for (int p = 0; p < k; p++)
                    {
                        int bp = p * n;
                        T sum = default;
                        for (int j = 0; j < n; j++) sum = Scalar.MultiplyAdd(sum, a[ai + j], b[bp + j]);
                        c[ci + p] = sum;
                    }
                }
                return;
            }
            // Bᵀ once (n·k copies, against m·n·k multiply-adds), then the same kernel as A·B.
            var t = Scratch<T>.Transposed;
            if (t == null || t.Length < n * k) Scratch<T>.Transposed = t = new T[n * k];
            for (int p = 0; p < k; p++)
            {
                int bp = p * n;
                for (int j = 0; j < n; j++) t[j * k + p] = b[bp + j];
            }
            Gemm(a, n, 1, t, c, m, n, k);
        }

        /// <summary>
        /// C (m × n) = A·B where A(i, p) = a[i·rowStride + p·columnStride] and B is row-major k × n.
        /// Strides let one kernel serve A·B and Aᵀ·B.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private static void Gemm<T>(T[] a, int rowStride, int columnStride, T[] b, T[] c, int m, int k, int n) where T : struct
        {
            int width = Vector<T>.Count;
            long work = (long)m * n * k;
            if (!Vector.IsHardwareAccelerated || work < VectorWork || n < width)
            {
                Plain(a, rowStride, columnStride, b, c, 0, m, k, n, 0, n);
                return;
            }
            int panel = 2 * width;
            if (work >= ParallelWork && n >= 2 * panel && Environment.ProcessorCount > 1)
            {
                int half = (n / panel + 1) / 2 * panel;
                PairedWorker.ForCurrentThread.Run(
                    GemmHalf.Of(a, rowStride, columnStride, b, c, m, k, n, 0, half),
                    GemmHalf.Of(a, rowStride, columnStride, b, c, m, k, n, half, n));
                return;
            }
            Columns(a, rowStride, columnStride, b, c, m, k, n, 0, n);
        }

        /// <summary>Columns [j0, j1) of C: panels of two vectors, then one vector, then plain columns.</summary>
        [MethodImpl(Hot.Optimize)]
        internal static void Columns<T>(T[] a, int rowStride, int columnStride, T[] b, T[] c, int m, int k, int n, int j0, int j1) where T : struct
        {
            int width = Vector<T>.Count;
            int j = j0;
            for (; j + 2 * width <= j1; j += 2 * width)
            {
                int i = 0;
                for (; i + Rows <= m; i += Rows) Block4x2(a, rowStride, columnStride, b, c, i, j, k, n);
                for (; i < m; i++) Block1x2(a, rowStride, columnStride, b, c, i, j, k, n);
            }
            for (; j + width <= j1; j += width)
            {
                for (int i = 0; i < m; i++) Block1x1(a, rowStride, columnStride, b, c, i, j, k, n);
            }
            if (j < j1) Plain(a, rowStride, columnStride, b, c, 0, m, k, n, j, j1);
        }

        /// <summary>Four rows × two vectors of C in eight registers, accumulated over the whole shared dimension.</summary>
        [MethodImpl(Hot.Optimize)]
        private static void Block4x2<T>(T[] a, int rowStride, int columnStride, T[] b, T[] c, int i, int j, int k, int n) where T : struct
        {
            int width = Vector<T>.Count;
            var c00 = Vector<T>.Zero; var c01 = Vector<T>.Zero;
            var c10 = Vector<T>.Zero; var c11 = Vector<T>.Zero;
            var c20 = Vector<T>.Zero; var c21 = Vector<T>.Zero;
            var c30 = Vector<T>.Zero; var c31 = Vector<T>.Zero;
            int a0 = i * rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride;
            for (int p = 0, bp = j; p < k; p++, bp += n)
            {
                var b0 = new Vector<T>(b, bp);
                var b1 = new Vector<T>(b, bp + width);
                int ap = p * columnStride;
                var x = new Vector<T>(a[a0 + ap]);
                c00 += x * b0; c01 += x * b1;
                x = new Vector<T>(a[a1 + ap]);
                c10 += x * b0; c11 += x * b1;
                x = new Vector<T>(a[a2 + ap]);
                c20 += x * b0; c21 += x * b1;
                x = new Vector<T>(a[a3 + ap]);
                c30 += x * b0; c31 += x * b1;
            }
            int ci = i * n + j;
            c00.CopyTo(c, ci); c01.CopyTo(c, ci + width); ci += n;
            c10.CopyTo(c, ci); c11.CopyTo(c, ci + width); ci += n;
            c20.CopyTo(c, ci); c21.CopyTo(c, ci + width); ci += n;
            c30.CopyTo(c, ci); c31.CopyTo(c, ci + width);
        }

        [MethodImpl(Hot.Optimize)]
        private static void Block1x2<T>(T[] a, int rowStride, int columnStride, T[] b, T[] c, int i, int j, int k, int n) where T : struct
        {
            int width = Vector<T>.Count;
            var c0 = Vector<T>.Zero; var c1 = Vector<T>.Zero;
            int ai = i * rowStride;
            for (int p = 0, bp = j; p < k; p++, bp += n)
            {
                var x = new Vector<T>(a[ai + p * columnStride]);
                c0 += x * new Vector<T>(b, bp);
                c1 += x * new Vector<T>(b, bp + width);
            }
            c0.CopyTo(c, i * n + j);
            c1.CopyTo(c, i * n + j + width);
        }

        [MethodImpl(Hot.Optimize)]
        private static void Block1x1<T>(T[] a, int rowStride, int columnStride, T[] b, T[] c, int i, int j, int k, int n) where T : struct
        {
            var c0 = Vector<T>.Zero;
            int ai = i * rowStride;
            for (int p = 0, bp = j; p < k; p++, bp += n) c0 += new Vector<T>(a[ai + p * columnStride]) * new Vector<T>(b, bp);
            c0.CopyTo(c, i * n + j);
        }

        /// <summary>
        /// The reference loop for rows [i0, i1) and columns [j0, j1): each C element summed over p in order.
        /// Sums are kept in registers, four columns at a time: accumulating in C itself would chain every
        /// step through a store and a load, which is most of the cost of the tiny products small networks make.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private static void Plain<T>(T[] a, int rowStride, int columnStride, T[] b, T[] c, int i0, int i1, int k, int n, int j0, int j1) where T : struct
        {
            for (int i = i0; i < i1; i++)
            {
                int ci = i * n, ai = i * rowStride;
                int j = j0;
                for (; j + 4 <= j1; j += 4)
                {
                    T s0 = default, s1 = default, s2 = default, s3 = default;
                    for (int p = 0, ap = ai, bp = j; p < k; p++, ap += columnStride, bp += n)
                    {
                        T aip = a[ap];
                        s0 = Scalar.MultiplyAdd(s0, aip, b[bp]);
                        s1 = Scalar.MultiplyAdd(s1, aip, b[bp + 1]);
                        s2 = Scalar.MultiplyAdd(s2, aip, b[bp + 2]);
                        s3 = Scalar.MultiplyAdd(s3, aip, b[bp + 3]);
                    }
                    c[ci + j] = s0;
                    c[ci + j + 1] = s1;
                    c[ci + j + 2] = s2;
                    c[ci + j + 3] = s3;
                }
                for (; j < j1; j++)
                {
                    T sum = default;
                    for (int p = 0, ap = ai, bp = j; p < k; p++, ap += columnStride, bp += n) sum = Scalar.MultiplyAdd(sum, a[ap], b[bp]);
                    c[ci + j] = sum;
                }
            }
        }

        /// <summary>Adds the bias row vector (length n) to every row of C (m × n).</summary>
        [MethodImpl(Hot.Optimize)]
        public static void AddRowVector(double[] c, double[] bias, int m, int n)
        {
            for (int i = 0; i < m; i++)
            {
                int ci = i * n;
                for (int j = 0; j < n; j++) c[ci + j] += bias[j];
            }
        }

        /// <summary>sums[j] = Σ_i A[i, j] for A (m × n): the bias gradient.</summary>
        [MethodImpl(Hot.Optimize)]
        public static void SumColumns(double[] a, double[] sums, int m, int n)
        {
            for (int j = 0; j < n; j++) sums[j] = 0.0;
            for (int i = 0; i < m; i++)
            {
                int ai = i * n;
                for (int j = 0; j < n; j++) sums[j] += a[ai + j];
            }
        }
    }
}
