using System.Numerics;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// The matrix products backprop needs, on contiguous row-major arrays; results are overwritten.
    /// Products too small for any machinery (the tutorial's) run the plain loop, exactly as written.
    /// The others run a packed, cache-blocked product (<see cref="PackedProduct{T, TVector, TSimd}"/>)
    /// on the widest vectors the processor has — AVX-512F or AVX2 with fused multiply-add in the net8.0
    /// build, <see cref="Vector{T}"/> elsewhere — split over the cores when the work pays for it. Each
    /// element is summed in order p = 0, 1, …, so the result is the same for any thread count and
    /// blocking; with fused multiply-add each step rounds once instead of twice, so results can differ
    /// from the plain loop (and between the builds and processors) in the last bits, within k·ε.
    /// One generic body serves float64 and float32.
    /// </summary>
    public static class MatrixKernels
    {
        /// <summary>Below this many multiply-adds the plain loop is as fast as any machinery.</summary>
        private const long VectorWork = 4096;

        /// <summary>Multiply-adds per thread below which another thread costs more than it brings.</summary>
        private const long ThreadWork = 1L << 18;

        /// <summary>The path the products take on this processor (or the one a test forces).</summary>
        public static KernelPath Path
        {
            [MethodImpl(Hot.Optimize)]
            get => ForcedPath ?? BestPath;
        }

        /// <summary>The best path this processor and build have.</summary>
        public static KernelPath BestPath
        {
            [MethodImpl(Hot.Optimize)]
            get
            {
#if NET8_0_OR_GREATER
                if (Avx512F.IsSupported) return KernelPath.Avx512;
                if (Avx2.IsSupported && Fma.IsSupported) return KernelPath.Avx2;
#endif
                return KernelPath.Portable;
            }
        }

        /// <summary>
        /// Makes the products take this path whatever the processor has (null: the best one). A path the
        /// processor lacks still computes the same numbers, emulated and slowly: tests use it to run every path.
        /// </summary>
        internal static KernelPath? ForcedPath
        {
            [MethodImpl(Hot.Optimize)]
            get => _forcedPath;
            set => _forcedPath = value;
        }

        /// <summary>Per thread, so that a test forcing a path does not change the products of tests running beside it.</summary>
        [ThreadStatic]
        private static KernelPath? _forcedPath;

        /// <summary>C (m × n) = A (m × k) · B (k × n).</summary>
        public static void Multiply(double[] a, double[] b, double[] c, int m, int k, int n) => Product(a, k, 1, b, n, 1, c, m, k, n);

        /// <summary>The same product in single precision (float32 products and sums).</summary>
        public static void Multiply(float[] a, float[] b, float[] c, int m, int k, int n) => Product(a, k, 1, b, n, 1, c, m, k, n);

        /// <summary>C (k × n) = Aᵀ · B, with A (m × k) and B (m × n): the weight gradient Xᵀ·δ.</summary>
        public static void MultiplyTransposeA(double[] a, double[] b, double[] c, int m, int k, int n) => Product(a, 1, k, b, n, 1, c, k, m, n);

        /// <summary>The same product in single precision.</summary>
        public static void MultiplyTransposeA(float[] a, float[] b, float[] c, int m, int k, int n) => Product(a, 1, k, b, n, 1, c, k, m, n);

        /// <summary>C (m × k) = A · Bᵀ, with A (m × n) and B (k × n): the back-propagated error δ·Wᵀ.</summary>
        public static void MultiplyTransposeB(double[] a, double[] b, double[] c, int m, int n, int k) => TransposeB(a, b, c, m, n, k);

        /// <summary>The same product in single precision.</summary>
        public static void MultiplyTransposeB(float[] a, float[] b, float[] c, int m, int n, int k) => TransposeB(a, b, c, m, n, k);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TransposeB<T>(T[] a, T[] b, T[] c, int m, int n, int k) where T : unmanaged
        {
            if (n == 1) OuterProduct(a, b, c, m, k);
            else Product(a, n, 1, b, 1, n, c, m, n, k);
        }

        /// <summary>
        /// A·Bᵀ with one shared column (a one-unit layer's error times its weights): one term per element,
        /// added to zero as the general loop would.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        internal static void OuterProduct<T>(T[] a, T[] b, T[] c, int m, int k) where T : unmanaged
        {
            for (int i = 0, ci = 0; i < m; i++, ci += k)
            {
                T ai = a[i];
                for (int p = 0; p < k; p++) c[ci + p] = Scalar.MultiplyAdd(default, ai, b[p]);
            }
        }

        /// <summary>Products too small for any machinery (the tutorial's).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool IsTiny(int m, int k, int n) => (long)m * n * k < VectorWork || !Vector.IsHardwareAccelerated && ForcedPath == null;

        /// <summary>
        /// C (m × n) = A·B where A(i, p) = a[i·aRows + p·aColumns], B(p, j) = b[p·bRows + j·bColumns]
        /// and C is row-major. Inlined into the entry points, so a tiny product goes straight to the plain loop.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Product<T>(T[] a, int aRows, int aColumns, T[] b, int bRows, int bColumns, T[] c, int m, int k, int n) where T : unmanaged
        {
            if (IsTiny(m, k, n)) Plain(a, aRows, aColumns, b, bRows, bColumns, c, m, k, n);
            else Packed(a, aRows, aColumns, b, bRows, bColumns, c, m, k, n, default, null, null, null);
        }

        /// <summary>The packed product, with the arrays an epilogue reads (double only) pinned alongside.</summary>
        [MethodImpl(Hot.Optimize)]
        internal static unsafe void Packed<T>(T[] a, int aRows, int aColumns, T[] b, int bRows, int bColumns, T[] c, int m, int k, int n,
            in Epilogue epilogue, double[] bias, double[] z, double[] activations) where T : unmanaged
        {
            RequireShapes(a.Length, aRows, aColumns, m, k, b.Length, bRows, bColumns, n, c.Length);
            if (epilogue.Kind != EpilogueKind.None && typeof(T) != typeof(double)) throw new ArgumentException("Fused epilogues are double precision.");
            fixed (T* pa = a, pb = b, pc = c)
            fixed (double* pBias = bias, pz = z, pActivations = activations)
            {
                var fused = epilogue.Kind == EpilogueKind.None ? epilogue : new Epilogue(epilogue.Kind, epilogue.Function, pBias, pz, pActivations);
                Dispatch(new Operand<T>(pa, aRows, aColumns), new Operand<T>(pb, bRows, bColumns), new Operand<T>(pc, n, 1), m, k, n, fused);
            }
        }

        [MethodImpl(Hot.Optimize)]
        private static unsafe void Dispatch<T>(in Operand<T> a, in Operand<T> b, in Operand<T> c, int m, int k, int n, in Epilogue epilogue) where T : unmanaged
        {
            var path = Path;
            switch (path)
            {
#if NET8_0_OR_GREATER
                case KernelPath.Avx512:
                    // A C of 9 or 10 columns from a row-major A: a column of C per vector, no lane padded.
                    if (NarrowProduct.Suits(a.ColumnStride, m, k, n))
                    {
                        var team = KernelTeam.ForCurrentThread;
                        int threads = (int)Math.Max(1, Math.Min(team.Size, (long)m * n * k / ThreadWork));
                        if (typeof(T) == typeof(double))
                        {
                            NarrowProduct.Run(new Operand<double>((double*)a.Data, a.RowStride, 1), new Operand<double>((double*)b.Data, b.RowStride, b.ColumnStride),
                                (double*)c.Data, m, k, n, epilogue, team, threads);
                        }
                        else
                        {
                            NarrowProduct.Run(new Operand<float>((float*)a.Data, a.RowStride, 1), new Operand<float>((float*)b.Data, b.RowStride, b.ColumnStride),
                                (float*)c.Data, m, k, n, team, threads);
                        }
                        return;
                    }
                    Run<T, Vector512<T>, Avx512Simd<T>>(a, b, c, m, k, n, epilogue);
                    return;
                case KernelPath.Avx2:
                    Run<T, Vector256<T>, Avx2Simd<T>>(a, b, c, m, k, n, epilogue);
                    return;
#endif
                default:
                    Run<T, Vector<T>, PortableSimd<T>>(a, b, c, m, k, n, epilogue);
                    return;
            }
        }

        /// <summary>
        /// Picks the orientation and tile whose padding wastes least — C = A·B, or Cᵀ = Bᵀ·Aᵀ when C has fewer
        /// columns than a tile is wide (a 10-class output layer), tiles of the second height, or one vector
        /// wide — and the number of threads the work pays for.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private static unsafe void Run<T, TVector, TSimd>(in Operand<T> a, in Operand<T> b, in Operand<T> c, int m, int k, int n, in Epilogue epilogue)
            where T : unmanaged where TVector : struct where TSimd : struct, ISimd<T, TVector>
        {
            var simd = default(TSimd);
            int tileColumns = 2 * simd.Width;
            int directRows = TileRowsFor(m, simd.TileRows, simd.SecondTileRows), transposedRows = TileRowsFor(n, simd.TileRows, simd.SecondTileRows);
            long direct = RoundUp(m, directRows) * RoundUp(n, tileColumns), transposed = RoundUp(n, transposedRows) * RoundUp(m, tileColumns);
            var team = KernelTeam.ForCurrentThread;
            var product = PackedProduct<T, TVector, TSimd>.ForCurrentThread;
            // Transposed, B's role goes to Aᵀ: worth it only where that panel packs with vector copies.
            bool swap = transposed * 10 < direct * 9 && a.RowStride == 1;
            int rows = swap ? n : m, columns = swap ? m : n, tileRows = swap ? transposedRows : directRows;
            // A C no wider than one vector takes tiles one vector wide, where they pad it a tenth less.
            if (!swap && n <= simd.Width && RoundUp(m, simd.NarrowTileRows) * simd.Width * 10 < direct * 9)
            {
                tileColumns = simd.Width;
                tileRows = simd.NarrowTileRows;
            }
            long slivers = (Math.Min(columns, PackedProduct<T, TVector, TSimd>.ColumnBlock) + tileColumns - 1) / tileColumns;
            int threads = (int)Math.Max(1, Math.Min(Math.Min(team.Size, slivers), (long)m * n * k / ThreadWork));
            double* epilogueC = (double*)c.Data;
            bool splitRows = SplitsRows(rows, columns, tileRows, threads);
            int tileVectors = tileColumns / simd.Width;
            if (swap) product.Run(b.Transposed, a.Transposed, c.Transposed, n, k, m, epilogue, epilogueC, n, true, team, threads, splitRows, tileRows, tileVectors);
            else product.Run(a, b, c, m, k, n, epilogue, epilogueC, n, false, team, threads, splitRows, tileRows, tileVectors);
        }

        /// <summary>
        /// The micro-tile height for a C of <paramref name="rows"/> rows: the second only where it pads them
        /// a tenth less (the first keeps more sums in registers, which is worth a little padding).
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        internal static int TileRowsFor(int rows, int first, int second) => RoundUp(rows, second) * 10 < RoundUp(rows, first) * 9 ? second : first;

        /// <summary>
        /// Whether the threads split C's rows rather than its columns: when C has at least twice as many
        /// rows as columns and each thread gets at least eight tiles' rows. Each thread then packs all of B
        /// and its own blocks of A, and none waits for another. Split by columns, the threads share each
        /// packed block of A, which each core fetched half of from the other's cache: Xᵀ·δ₁ of W3
        /// (784 × 256 from 128 rows) ran at 1.4 times one thread's speed on two so, and at 2.0 split by rows.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        internal static bool SplitsRows(int rows, int columns, int tileRows, int threads) =>
            threads > 1 && rows >= 2 * columns && rows / threads >= 8 * tileRows;

        private static long RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * (long)multiple;

        /// <summary>Throws unless every index the packed product computes for these shapes lies inside the arrays.</summary>
        [MethodImpl(Hot.Optimize)]
        private static void RequireShapes(int aLength, int aRows, int aColumns, int m, int k, int bLength, int bRows, int bColumns, int n, int cLength)
        {
            if (m <= 0 || n <= 0 || k <= 0) throw new ArgumentException($"A packed product needs positive shapes, not {m} × {k} by {k} × {n}.");
            long lastA = (long)(m - 1) * aRows + (long)(k - 1) * aColumns;
            long lastB = (long)(k - 1) * bRows + (long)(n - 1) * bColumns;
            if (lastA >= aLength || lastB >= bLength || (long)m * n > cLength)
                throw new ArgumentException($"The arrays are smaller than a {m} × {k} by {k} × {n} product needs.");
        }

        /// <summary>
        /// The reference loop: each C element summed over p in order, rounded after each product and sum.
        /// Sums are kept in registers, four columns at a time: accumulating in C itself would chain every
        /// step through a store and a load, which is most of the cost of the tiny products small networks make.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        internal static void Plain<T>(T[] a, int aRows, int aColumns, T[] b, int bRows, int bColumns, T[] c, int m, int k, int n) where T : unmanaged
        {
            for (int i = 0; i < m; i++)
            {
                int ci = i * n, ai = i * aRows;
                int j = 0;
                for (; j + 4 <= n; j += 4)
                {
                    T s0 = default, s1 = default, s2 = default, s3 = default;
                    for (int p = 0, ap = ai, bp = j * bColumns; p < k; p++, ap += aColumns, bp += bRows)
                    {
                        T aip = a[ap];
                        s0 = Scalar.MultiplyAdd(s0, aip, b[bp]);
                        s1 = Scalar.MultiplyAdd(s1, aip, b[bp + bColumns]);
                        s2 = Scalar.MultiplyAdd(s2, aip, b[bp + 2 * bColumns]);
                        s3 = Scalar.MultiplyAdd(s3, aip, b[bp + 3 * bColumns]);
                    }
                    c[ci + j] = s0;
                    c[ci + j + 1] = s1;
                    c[ci + j + 2] = s2;
                    c[ci + j + 3] = s3;
                }
                for (; j < n; j++)
                {
                    T sum = default;
                    for (int p = 0, ap = ai, bp = j * bColumns; p < k; p++, ap += aColumns, bp += bRows) sum = Scalar.MultiplyAdd(sum, a[ap], b[bp]);
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

        /// <summary>
        /// sums[j] = Σ_i A[i, j] for A (m × n): the bias gradient. Each sum is taken over i in order, in
        /// vectors of adjacent columns (a quarter of the time of a 128 × 256 batch's scalar loop), so the sums are the plain loop's.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static void SumColumns(double[] a, double[] sums, int m, int n)
        {
            for (int j = 0; j < n; j++) sums[j] = 0.0;
            int vectorEnd = Vector.IsHardwareAccelerated ? n - n % Vector<double>.Count : 0;
            for (int i = 0; i < m; i++)
            {
                int ai = i * n, j = 0;
                for (; j < vectorEnd; j += Vector<double>.Count)
                    (new Vector<double>(sums, j) + new Vector<double>(a, ai + j)).CopyTo(sums, j);
                for (; j < n; j++) sums[j] += a[ai + j];
            }
        }
    }
}
