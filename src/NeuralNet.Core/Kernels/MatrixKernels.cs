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

        /// <summary>The shared dimension per cache block: a packed panel of B is then 16 KB, in either precision.</summary>
        private const int Depth = 256;

        /// <summary>From this many rows of A, packing B's panel pays for its copy.</summary>
        private const int PackRows = 8;

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
        private static void TransposeB<T>(T[] a, T[] b, T[] c, int m, int n, int k) where T : unmanaged
        {
            if (n == 1)
            {
                // An outer product (a one-unit layer's error times its weights): one term per element,
                // added to zero as the general loop would.
                for (int i = 0, ci = 0; i < m; i++, ci += k)
                {
                    T ai = a[i];
                    for (int p = 0; p < k; p++) c[ci + p] = Scalar.MultiplyAdd(default, ai, b[p]);
                }
                return;
            }
            if (IsTiny(m, n, k) || k < Vector<T>.Count)
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
            var t = Scratch<T>.Transposed(n * k);
            for (int p = 0; p < k; p++)
            {
                int bp = p * n;
                for (int j = 0; j < n; j++) t[j * k + p] = b[bp + j];
            }
            Gemm(a, n, 1, t, c, m, n, k);
        }

        /// <summary>Products too small for any machinery (the tutorial's).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsTiny(int m, int k, int n) => (long)m * n * k < VectorWork;

        /// <summary>
        /// C (m × n) = A·B where A(i, p) = a[i·rowStride + p·columnStride] and B is row-major k × n.
        /// Strides let one kernel serve A·B and Aᵀ·B. Inlined into the entry points, so a tiny product
        /// goes straight to the plain loop.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Gemm<T>(T[] a, int rowStride, int columnStride, T[] b, T[] c, int m, int k, int n) where T : unmanaged
        {
            if (IsTiny(m, k, n)) Plain(a, rowStride, columnStride, b, c, 0, m, k, n, 0, n);
            else Large(a, rowStride, columnStride, b, c, m, k, n);
        }

        /// <summary>A product worth the vector kernel: split over the cores when it is large enough.</summary>
        [MethodImpl(Hot.Optimize)]
        private static void Large<T>(T[] a, int rowStride, int columnStride, T[] b, T[] c, int m, int k, int n) where T : unmanaged
        {
            int width = Vector<T>.Count;
            long work = (long)m * n * k;
            if (!Vector.IsHardwareAccelerated || n < width)
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

        /// <summary>
        /// Columns [j0, j1) of C: panels of two vectors, then one vector, then plain columns.
        /// The panels are cache-blocked: the shared dimension is taken <see cref="Depth"/> at a time, and
        /// each panel's slice of B is packed into a contiguous buffer that stays in L1 while every row
        /// block of A streams past it (read in place, B's rows are a whole row of B apart). A later
        /// depth block resumes each sum from C, so every element is still summed in order p = 0, 1, ….
        /// </summary>
        /// <remarks>
        /// The blocks read through pointers: with a bounds check on each of the six loads per step,
        /// the checks outnumbered the arithmetic two to one. Every index stays within the shapes,
        /// which <see cref="RequireShapes"/> checks against the arrays once, before any pointer is used.
        /// </remarks>
        [MethodImpl(Hot.Optimize)]
        internal static unsafe void Columns<T>(T[] a, int rowStride, int columnStride, T[] b, T[] c, int m, int k, int n, int j0, int j1) where T : unmanaged
        {
            RequireShapes(a.Length, rowStride, columnStride, b.Length, c.Length, m, k, n);
            int width = Vector<T>.Count, panel = 2 * width;
            int panelsEnd = j0 + (j1 - j0) / panel * panel;
            // Packing pays once several row blocks reuse the packed slice.
            bool pack = m >= PackRows;
            int depth = pack ? Depth : Math.Max(k, 1);
            T[] packed = pack ? Scratch<T>.Panel(depth * panel) : null;
            fixed (T* pa = a, pb = b, pc = c, pp = packed)
            {
                for (int p0 = 0; p0 < k && panelsEnd > j0; p0 += depth)
                {
                    int kb = Math.Min(depth, k - p0);
                    bool resume = p0 > 0;
                    for (int jp = j0; jp < panelsEnd; jp += panel)
                    {
                        T* source = pb + (p0 * n + jp);
                        int stride = n;
                        if (pack)
                        {
                            T* to = pp;
                            for (int p = 0; p < kb; p++, source += n, to += panel)
                            {
                                *(Vector<T>*)to = *(Vector<T>*)source;
                                *(Vector<T>*)(to + width) = *(Vector<T>*)(source + width);
                            }
                            source = pp;
                            stride = panel;
                        }
                        int i = 0;
                        for (; i + Rows <= m; i += Rows) Block4x2(pa + (i * rowStride + p0 * columnStride), rowStride, columnStride, source, stride, pc + (i * n + jp), n, kb, resume);
                        for (; i < m; i++) Block1x2(pa + (i * rowStride + p0 * columnStride), columnStride, source, stride, pc + (i * n + jp), kb, resume);
                    }
                }
                int j = panelsEnd;
                for (; j + width <= j1; j += width)
                {
                    for (int i = 0; i < m; i++) Block1x1(pa + i * rowStride, columnStride, pb + j, n, pc + (i * n + j), k);
                }
                if (j < j1) Plain(a, rowStride, columnStride, b, c, 0, m, k, n, j, j1);
            }
        }

        /// <summary>Throws unless every index the kernels compute for these shapes lies inside the arrays.</summary>
        private static void RequireShapes(int aLength, int rowStride, int columnStride, int bLength, int cLength, int m, int k, int n)
        {
            if (m <= 0 || n <= 0) return;
            long lastA = k == 0 ? -1 : (long)(m - 1) * rowStride + (long)(k - 1) * columnStride;
            if (lastA >= aLength || (long)k * n > bLength || (long)m * n > cLength)
                throw new ArgumentException($"The arrays are smaller than a {m} × {k} by {k} × {n} product needs.");
        }

        /// <summary>
        /// Four rows × two vectors of C in eight registers, summed over <paramref name="kb"/> steps of the
        /// shared dimension (continuing from C when <paramref name="resume"/>). A(r, p) is at
        /// a[r·rowStride + p·columnStride]; B's step p at b + p·stride.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private static unsafe void Block4x2<T>(T* a, int rowStride, int columnStride, T* b, int stride, T* c, int n, int kb, bool resume) where T : unmanaged
        {
            int width = Vector<T>.Count;
            T* c1r = c + n, c2r = c1r + n, c3r = c2r + n;
            Vector<T> c00, c01, c10, c11, c20, c21, c30, c31;
            if (resume)
            {
                c00 = *(Vector<T>*)c; c01 = *(Vector<T>*)(c + width);
                c10 = *(Vector<T>*)c1r; c11 = *(Vector<T>*)(c1r + width);
                c20 = *(Vector<T>*)c2r; c21 = *(Vector<T>*)(c2r + width);
                c30 = *(Vector<T>*)c3r; c31 = *(Vector<T>*)(c3r + width);
            }
            else
            {
                c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector<T>.Zero;
            }
            T* a1 = a + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride;
            for (int p = 0, ap = 0; p < kb; p++, ap += columnStride, b += stride)
            {
                var b0 = *(Vector<T>*)b;
                var b1 = *(Vector<T>*)(b + width);
                var x = new Vector<T>(a[ap]);
                c00 += x * b0; c01 += x * b1;
                x = new Vector<T>(a1[ap]);
                c10 += x * b0; c11 += x * b1;
                x = new Vector<T>(a2[ap]);
                c20 += x * b0; c21 += x * b1;
                x = new Vector<T>(a3[ap]);
                c30 += x * b0; c31 += x * b1;
            }
            *(Vector<T>*)c = c00; *(Vector<T>*)(c + width) = c01;
            *(Vector<T>*)c1r = c10; *(Vector<T>*)(c1r + width) = c11;
            *(Vector<T>*)c2r = c20; *(Vector<T>*)(c2r + width) = c21;
            *(Vector<T>*)c3r = c30; *(Vector<T>*)(c3r + width) = c31;
        }

        /// <summary>One row of <see cref="Block4x2{T}"/>, for the rows left over.</summary>
        [MethodImpl(Hot.Optimize)]
        private static unsafe void Block1x2<T>(T* a, int columnStride, T* b, int stride, T* c, int kb, bool resume) where T : unmanaged
        {
            int width = Vector<T>.Count;
            var c0 = resume ? *(Vector<T>*)c : Vector<T>.Zero;
            var c1 = resume ? *(Vector<T>*)(c + width) : Vector<T>.Zero;
            for (int p = 0, ap = 0; p < kb; p++, ap += columnStride, b += stride)
            {
                var x = new Vector<T>(a[ap]);
                c0 += x * *(Vector<T>*)b;
                c1 += x * *(Vector<T>*)(b + width);
            }
            *(Vector<T>*)c = c0;
            *(Vector<T>*)(c + width) = c1;
        }

        /// <summary>One row × one vector of C over the whole shared dimension, for a column range narrower than a panel.</summary>
        [MethodImpl(Hot.Optimize)]
        private static unsafe void Block1x1<T>(T* a, int columnStride, T* b, int n, T* c, int k) where T : unmanaged
        {
            var c0 = Vector<T>.Zero;
            for (int p = 0, ap = 0; p < k; p++, ap += columnStride, b += n) c0 += new Vector<T>(a[ap]) * *(Vector<T>*)b;
            *(Vector<T>*)c = c0;
        }

        /// <summary>
        /// The reference loop for rows [i0, i1) and columns [j0, j1): each C element summed over p in order.
        /// Sums are kept in registers, four columns at a time: accumulating in C itself would chain every
        /// step through a store and a load, which is most of the cost of the tiny products small networks make.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private static void Plain<T>(T[] a, int rowStride, int columnStride, T[] b, T[] c, int i0, int i1, int k, int n, int j0, int j1) where T : unmanaged
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
