#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// C = A·B for a row-major A and a C of 9 or 10 columns (a 10-class output layer's forward product,
    /// A₁·W₂), on AVX-512. The packed product pads such a C to 16 columns, so 6 of every 16 lanes compute
    /// nothing. Here a vector holds one column of C for as many rows of A as it has lanes (8 in float64,
    /// 16 in float32), and C's 10 columns are 10 accumulators: no lane is wasted. The vectors of A's
    /// columns come from those rows of A read in place, 8 steps at a time, transposed in registers (24
    /// shuffles per 80 multiply-adds in float64, 32 in float32), so A is neither packed nor read twice.
    /// A₁·W₂ of W3 ran at 40–44 GFLOP/s so in float64 on a Zen 4, against 26–28 packed. Each element is still summed in order p = 0, 1, … with one
    /// fused multiply-add a step, so C is bit for bit the packed product's, for any thread count.
    /// </summary>
    internal sealed unsafe class NarrowProduct : ITeamWork
    {
        /// <summary>Rows of C per block in float64: the lanes of a vector.</summary>
        private const int BlockRows = 8;

        /// <summary>Rows of C per block in float32.</summary>
        private const int SingleBlockRows = 16;

        [ThreadStatic]
        private static NarrowProduct _current;

        private void* _a, _b, _c;
        private bool _single;
        private int _aRows, _bRows, _bColumns;
        private int _m, _k, _n;
        private Epilogue _epilogue;

        /// <summary>Whether this product suits the kernel: AVX-512F, A row-major, C 9 or 10 columns wide, and at least 8 rows and 8 steps.</summary>
        [MethodImpl(Hot.Optimize)]
        public static bool Suits(int aColumnStride, int m, int k, int n) =>
            Avx512F.IsSupported && aColumnStride == 1 && n > Vector512<double>.Count && n <= 10 && m >= BlockRows && k >= BlockRows;

        /// <summary>C (m × n, row-major, row stride n) = A·B, then the epilogue, split over <paramref name="threads"/> by blocks of rows.</summary>
        [MethodImpl(Hot.Optimize)]
        public static void Run(in Operand<double> a, in Operand<double> b, double* c, int m, int k, int n, in Epilogue epilogue, KernelTeam team, int threads) =>
            Start(a.Data, a.RowStride, b.Data, b.RowStride, b.ColumnStride, c, false, m, k, n, epilogue, team, threads);

        /// <summary>The same in float32 (no epilogue).</summary>
        [MethodImpl(Hot.Optimize)]
        public static void Run(in Operand<float> a, in Operand<float> b, float* c, int m, int k, int n, KernelTeam team, int threads) =>
            Start(a.Data, a.RowStride, b.Data, b.RowStride, b.ColumnStride, c, true, m, k, n, default, team, threads);

        [MethodImpl(Hot.Optimize)]
        private static void Start(void* a, int aRows, void* b, int bRows, int bColumns, void* c, bool single, int m, int k, int n, in Epilogue epilogue, KernelTeam team, int threads)
        {
            var product = _current ?? (_current = new NarrowProduct());
            product._a = a; product._aRows = aRows;
            product._b = b; product._bRows = bRows; product._bColumns = bColumns;
            product._c = c;
            product._single = single;
            product._m = m; product._k = k; product._n = n;
            product._epilogue = epilogue;
            int blocks = (m + BlockRows - 1) / BlockRows;
            if (single) blocks = (m + SingleBlockRows - 1) / SingleBlockRows;
            team.Run(product, Math.Max(1, Math.Min(threads, blocks)));
            product._a = product._b = product._c = null;
        }

        public void Execute(int thread, int threads, KernelTeam team)
        {
            int rows = _single ? SingleBlockRows : BlockRows;
            int blocks = (_m + rows - 1) / rows;
            int first = blocks * thread / threads, last = blocks * (thread + 1) / threads;
            if (_single)
            {
                float* tile = stackalloc float[10 * SingleBlockRows];
                for (int block = first; block < last; block++) SingleBlock(block * SingleBlockRows, tile);
            }
            else
            {
                double* tile = stackalloc double[10 * BlockRows];
                for (int block = first; block < last; block++) Block(block * BlockRows, tile);
            }
        }

        /// <summary>Rows [i0, i0 + 8) of C (fewer at the bottom edge).</summary>
        [MethodImpl(Hot.Optimize)]
        private void Block(int i0, double* tile)
        {
            int m = _m, k = _k, n = _n;
            int height = Math.Min(BlockRows, m - i0);
            long lda = _aRows, ldb = _bRows, bc = _bColumns;
            // Past the bottom edge the last row is read again: its lanes are computed and never stored.
            double* a = (double*)_a;
            double* r0 = a + i0 * lda;
            double* r1 = a + (i0 + Math.Min(1, height - 1)) * lda;
            double* r2 = a + (i0 + Math.Min(2, height - 1)) * lda;
            double* r3 = a + (i0 + Math.Min(3, height - 1)) * lda;
            double* r4 = a + (i0 + Math.Min(4, height - 1)) * lda;
            double* r5 = a + (i0 + Math.Min(5, height - 1)) * lda;
            double* r6 = a + (i0 + Math.Min(6, height - 1)) * lda;
            double* r7 = a + (i0 + Math.Min(7, height - 1)) * lda;
            bool ten = n == 10;
            var s0 = Vector512<double>.Zero;
            Vector512<double> s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0, s9 = s0;
            var low = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13);
            var high = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
            double* b = (double*)_b;
            int p = 0;
            for (; p + 8 <= k; p += 8)
            {
                // Rows i0…i0+7, steps p…p+7, into columns: v[q] holds A(i0 + r, p + q) in lane r.
                var t0 = Avx512F.UnpackLow(Vector512.Load(r0 + p), Vector512.Load(r1 + p));
                var t1 = Avx512F.UnpackHigh(Vector512.Load(r0 + p), Vector512.Load(r1 + p));
                var t2 = Avx512F.UnpackLow(Vector512.Load(r2 + p), Vector512.Load(r3 + p));
                var t3 = Avx512F.UnpackHigh(Vector512.Load(r2 + p), Vector512.Load(r3 + p));
                var t4 = Avx512F.UnpackLow(Vector512.Load(r4 + p), Vector512.Load(r5 + p));
                var t5 = Avx512F.UnpackHigh(Vector512.Load(r4 + p), Vector512.Load(r5 + p));
                var t6 = Avx512F.UnpackLow(Vector512.Load(r6 + p), Vector512.Load(r7 + p));
                var t7 = Avx512F.UnpackHigh(Vector512.Load(r6 + p), Vector512.Load(r7 + p));
                var u0 = Avx512F.PermuteVar8x64x2(t0, low, t2);    // steps 0 and 4, rows 0–3
                var u1 = Avx512F.PermuteVar8x64x2(t1, low, t3);    // steps 1 and 5
                var u2 = Avx512F.PermuteVar8x64x2(t0, high, t2);   // steps 2 and 6
                var u3 = Avx512F.PermuteVar8x64x2(t1, high, t3);   // steps 3 and 7
                var w0 = Avx512F.PermuteVar8x64x2(t4, low, t6);    // the same for rows 4–7
                var w1 = Avx512F.PermuteVar8x64x2(t5, low, t7);
                var w2 = Avx512F.PermuteVar8x64x2(t4, high, t6);
                var w3 = Avx512F.PermuteVar8x64x2(t5, high, t7);
                EightSteps(Avx512F.Shuffle4x128(u0, w0, 0x44), Avx512F.Shuffle4x128(u1, w1, 0x44), Avx512F.Shuffle4x128(u2, w2, 0x44), Avx512F.Shuffle4x128(u3, w3, 0x44),
                    Avx512F.Shuffle4x128(u0, w0, 0xEE), Avx512F.Shuffle4x128(u1, w1, 0xEE), Avx512F.Shuffle4x128(u2, w2, 0xEE), Avx512F.Shuffle4x128(u3, w3, 0xEE),
                    b + p * ldb, ldb, bc, ten, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7, ref s8, ref s9);
            }
            for (; p < k; p++)
            {
                var column = Vector512.Create(r0[p], r1[p], r2[p], r3[p], r4[p], r5[p], r6[p], r7[p]);
                Step(column, b + p * ldb, bc, ten, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7, ref s8, ref s9);
            }
            Write((double*)_c, i0, height, n, tile, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9);
            if (_epilogue.Kind != EpilogueKind.None) _epilogue.Apply((double*)_c, n, i0, height, 0, n);
        }

        /// <summary>Eight steps of the shared dimension from B's row <paramref name="b"/> on, one column of A each, in order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void EightSteps<T>(Vector512<T> c0, Vector512<T> c1, Vector512<T> c2, Vector512<T> c3, Vector512<T> c4, Vector512<T> c5, Vector512<T> c6, Vector512<T> c7,
            T* b, long ldb, long bc, bool ten,
            ref Vector512<T> s0, ref Vector512<T> s1, ref Vector512<T> s2, ref Vector512<T> s3, ref Vector512<T> s4,
            ref Vector512<T> s5, ref Vector512<T> s6, ref Vector512<T> s7, ref Vector512<T> s8, ref Vector512<T> s9) where T : unmanaged
        {
            Step(c0, b, bc, ten, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7, ref s8, ref s9);
            Step(c1, b + ldb, bc, ten, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7, ref s8, ref s9);
            Step(c2, b + 2 * ldb, bc, ten, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7, ref s8, ref s9);
            Step(c3, b + 3 * ldb, bc, ten, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7, ref s8, ref s9);
            Step(c4, b + 4 * ldb, bc, ten, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7, ref s8, ref s9);
            Step(c5, b + 5 * ldb, bc, ten, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7, ref s8, ref s9);
            Step(c6, b + 6 * ldb, bc, ten, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7, ref s8, ref s9);
            Step(c7, b + 7 * ldb, bc, ten, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7, ref s8, ref s9);
        }

        /// <summary>One step of the shared dimension: column j of C (a vector's rows) += A's column · B(p, j), for j &lt; 9 or 10.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Step<T>(Vector512<T> column, T* b, long bc, bool ten,
            ref Vector512<T> s0, ref Vector512<T> s1, ref Vector512<T> s2, ref Vector512<T> s3, ref Vector512<T> s4,
            ref Vector512<T> s5, ref Vector512<T> s6, ref Vector512<T> s7, ref Vector512<T> s8, ref Vector512<T> s9) where T : unmanaged
        {
            var simd = default(Avx512Simd<T>);
            s0 = simd.MultiplyAdd(column, Vector512.Create(b[0]), s0);
            s1 = simd.MultiplyAdd(column, Vector512.Create(b[bc]), s1);
            s2 = simd.MultiplyAdd(column, Vector512.Create(b[2 * bc]), s2);
            s3 = simd.MultiplyAdd(column, Vector512.Create(b[3 * bc]), s3);
            s4 = simd.MultiplyAdd(column, Vector512.Create(b[4 * bc]), s4);
            s5 = simd.MultiplyAdd(column, Vector512.Create(b[5 * bc]), s5);
            s6 = simd.MultiplyAdd(column, Vector512.Create(b[6 * bc]), s6);
            s7 = simd.MultiplyAdd(column, Vector512.Create(b[7 * bc]), s7);
            s8 = simd.MultiplyAdd(column, Vector512.Create(b[8 * bc]), s8);
            if (ten) s9 = simd.MultiplyAdd(column, Vector512.Create(b[9 * bc]), s9);
        }

        /// <summary>
        /// Rows [i0, i0 + height) of C from the accumulators, each holding a column of C (a lane per row):
        /// stored to the tile, then copied out row by row.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Write<T>(T* c, int i0, int height, int n, T* tile,
            in Vector512<T> s0, in Vector512<T> s1, in Vector512<T> s2, in Vector512<T> s3, in Vector512<T> s4,
            in Vector512<T> s5, in Vector512<T> s6, in Vector512<T> s7, in Vector512<T> s8, in Vector512<T> s9) where T : unmanaged
        {
            int lanes = Vector512<T>.Count;
            s0.Store(tile); s1.Store(tile + lanes); s2.Store(tile + 2 * lanes); s3.Store(tile + 3 * lanes); s4.Store(tile + 4 * lanes);
            s5.Store(tile + 5 * lanes); s6.Store(tile + 6 * lanes); s7.Store(tile + 7 * lanes); s8.Store(tile + 8 * lanes); s9.Store(tile + 9 * lanes);
            for (int r = 0; r < height; r++)
            {
                T* row = c + (long)(i0 + r) * n;
                for (int j = 0; j < n; j++) row[j] = tile[j * lanes + r];
            }
        }

        /// <summary>Rows [i0, i0 + 16) of C in float32 (fewer at the bottom edge).</summary>
        [MethodImpl(Hot.Optimize)]
        private void SingleBlock(int i0, float* tile)
        {
            int m = _m, k = _k, n = _n;
            int height = Math.Min(SingleBlockRows, m - i0);
            long lda = _aRows, ldb = _bRows, bc = _bColumns;
            float* a = (float*)_a;
            // Row r and row r + 8 share a vector, half each; past the bottom edge the last row is read again.
            float* r0 = a + i0 * lda, r1 = Row(a, i0, 1, height, lda), r2 = Row(a, i0, 2, height, lda), r3 = Row(a, i0, 3, height, lda);
            float* r4 = Row(a, i0, 4, height, lda), r5 = Row(a, i0, 5, height, lda), r6 = Row(a, i0, 6, height, lda), r7 = Row(a, i0, 7, height, lda);
            float* r8 = Row(a, i0, 8, height, lda), r9 = Row(a, i0, 9, height, lda), r10 = Row(a, i0, 10, height, lda), r11 = Row(a, i0, 11, height, lda);
            float* r12 = Row(a, i0, 12, height, lda), r13 = Row(a, i0, 13, height, lda), r14 = Row(a, i0, 14, height, lda), r15 = Row(a, i0, 15, height, lda);
            bool ten = n == 10;
            var s0 = Vector512<float>.Zero;
            Vector512<float> s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0, s9 = s0;
            var low = Vector512.Create(0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
            var high = Vector512.Create(4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
            float* b = (float*)_b;
            int p = 0;
            for (; p + 8 <= k; p += 8)
            {
                // Two 8 × 8 transposes side by side, rows 0–7 in the low halves and 8–15 in the high.
                var x0 = Vector512.Create(Vector256.Load(r0 + p), Vector256.Load(r8 + p));
                var x1 = Vector512.Create(Vector256.Load(r1 + p), Vector256.Load(r9 + p));
                var x2 = Vector512.Create(Vector256.Load(r2 + p), Vector256.Load(r10 + p));
                var x3 = Vector512.Create(Vector256.Load(r3 + p), Vector256.Load(r11 + p));
                var x4 = Vector512.Create(Vector256.Load(r4 + p), Vector256.Load(r12 + p));
                var x5 = Vector512.Create(Vector256.Load(r5 + p), Vector256.Load(r13 + p));
                var x6 = Vector512.Create(Vector256.Load(r6 + p), Vector256.Load(r14 + p));
                var x7 = Vector512.Create(Vector256.Load(r7 + p), Vector256.Load(r15 + p));
                var t0 = Avx512F.UnpackLow(x0, x1);
                var t1 = Avx512F.UnpackHigh(x0, x1);
                var t2 = Avx512F.UnpackLow(x2, x3);
                var t3 = Avx512F.UnpackHigh(x2, x3);
                var t4 = Avx512F.UnpackLow(x4, x5);
                var t5 = Avx512F.UnpackHigh(x4, x5);
                var t6 = Avx512F.UnpackLow(x6, x7);
                var t7 = Avx512F.UnpackHigh(x6, x7);
                var u0 = Avx512F.Shuffle(t0, t2, 0x44);   // steps 0 and 4, rows 0–3 and 8–11
                var u1 = Avx512F.Shuffle(t0, t2, 0xEE);   // steps 1 and 5
                var u2 = Avx512F.Shuffle(t1, t3, 0x44);   // steps 2 and 6
                var u3 = Avx512F.Shuffle(t1, t3, 0xEE);   // steps 3 and 7
                var w0 = Avx512F.Shuffle(t4, t6, 0x44);   // the same for rows 4–7 and 12–15
                var w1 = Avx512F.Shuffle(t4, t6, 0xEE);
                var w2 = Avx512F.Shuffle(t5, t7, 0x44);
                var w3 = Avx512F.Shuffle(t5, t7, 0xEE);
                EightSteps(Avx512F.PermuteVar16x32x2(u0, low, w0), Avx512F.PermuteVar16x32x2(u1, low, w1), Avx512F.PermuteVar16x32x2(u2, low, w2), Avx512F.PermuteVar16x32x2(u3, low, w3),
                    Avx512F.PermuteVar16x32x2(u0, high, w0), Avx512F.PermuteVar16x32x2(u1, high, w1), Avx512F.PermuteVar16x32x2(u2, high, w2), Avx512F.PermuteVar16x32x2(u3, high, w3),
                    b + p * ldb, ldb, bc, ten, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7, ref s8, ref s9);
            }
            for (; p < k; p++)
            {
                var column = Vector512.Create(r0[p], r1[p], r2[p], r3[p], r4[p], r5[p], r6[p], r7[p], r8[p], r9[p], r10[p], r11[p], r12[p], r13[p], r14[p], r15[p]);
                Step(column, b + p * ldb, bc, ten, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7, ref s8, ref s9);
            }
            Write((float*)_c, i0, height, n, tile, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static float* Row(float* a, int i0, int r, int height, long lda) => a + (i0 + Math.Min(r, height - 1)) * lda;
    }
}
#endif
