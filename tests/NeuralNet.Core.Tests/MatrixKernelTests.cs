using System;
using System.Collections.Generic;
using System.Linq;
using NeuralNet.Core.Kernels;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// The products on every kernel path against reference loops. A path the processor lacks is forced
    /// and emulated (its vectors by the runtime, each fused multiply-add in software), so the AVX-512
    /// and AVX2 drivers, tiles and packing are checked on any machine; build.ps1 runs these tests again
    /// with AVX-512F and with AVX2 disabled, so the best path of each kind also runs natively.
    /// </summary>
    [Trait("Category", "Kernels")]
    public class MatrixKernelTests
    {
        public static readonly KernelPath[] Paths = { KernelPath.Portable, KernelPath.Avx2, KernelPath.Avx512 };

        /// <summary>m, k, n: tails in every direction, several blocks of the shared dimension (256 deep), of rows and of columns (2,048 wide), split by columns and by rows.</summary>
        public static readonly int[][] Shapes =
        {
            new[] { 1, 1, 1 }, new[] { 3, 5, 7 }, new[] { 4, 3, 4 }, new[] { 13, 17, 11 }, new[] { 33, 9, 65 },
            new[] { 37, 70, 129 }, new[] { 130, 300, 67 }, new[] { 64, 784, 40 }, new[] { 9, 600, 37 }, new[] { 20, 513, 50 },
            new[] { 70, 130, 1 }, new[] { 128, 40, 10 }, new[] { 401, 19, 23 }, new[] { 7, 3, 2100 },
            // Tall enough that two threads split C's rows (each packing all of B), with tails, in one block of depth and in three.
            new[] { 530, 130, 50 }, new[] { 300, 520, 33 },
            // A 10-class layer's weight gradient: ten-row tiles (five on AVX2) of the transposed product, its B read in place.
            new[] { 256, 128, 10 },
            // A 10-class (and 9-class) layer's forward product, which AVX-512 computes a column of C per vector,
            // transposing A in registers: whole blocks of rows and steps, a tail of both, and a split over two threads.
            new[] { 128, 256, 10 }, new[] { 37, 77, 9 }, new[] { 13, 40, 10 }, new[] { 530, 130, 10 },
        };

        public static IEnumerable<object[]> PathsAndShapes() =>
            from path in Paths from shape in Shapes select new object[] { path, shape[0], shape[1], shape[2] };

        public static IEnumerable<object[]> PathCases() => Paths.Select(p => new object[] { p });

        [Theory]
        [MemberData(nameof(PathsAndShapes))]
        public void Double_products_match_the_reference_loops(KernelPath path, int m, int k, int n)
        {
            var random = new Random(m * 10007 + k * 101 + n);
            var a = Reference.RandomMatrix(random, m, k);
            var b = Reference.RandomMatrix(random, k, n);
            var at = Reference.RandomMatrix(random, k, m);   // Aᵀ·B reads it as the transpose of A (k × m)
            var bt = Reference.RandomMatrix(random, n, k);   // A·Bᵀ reads it as the transpose of B (n × k)
            On(path, () =>
            {
                var c = Stale(m * n);
                MatrixKernels.Multiply(a, b, c, m, k, n);
                Check(path, (i, p) => a[i * k + p], (p, j) => b[p * n + j], m, k, n, c);

                c = Stale(m * n);
                MatrixKernels.MultiplyTransposeA(at, b, c, k, m, n);
                Check(path, (i, p) => at[p * m + i], (p, j) => b[p * n + j], m, k, n, c);

                c = Stale(m * n);
                MatrixKernels.MultiplyTransposeB(a, bt, c, m, k, n);
                Check(path, (i, p) => a[i * k + p], (p, j) => bt[j * k + p], m, k, n, c);
            });
        }

        [Theory]
        [MemberData(nameof(PathsAndShapes))]
        public void Single_products_match_the_float_reference_loops(KernelPath path, int m, int k, int n)
        {
            var random = new Random(m * 7 + k * 3 + n);
            var a = Floats(Reference.RandomMatrix(random, m, k));
            var b = Floats(Reference.RandomMatrix(random, k, n));
            var at = Floats(Reference.RandomMatrix(random, k, m));
            var bt = Floats(Reference.RandomMatrix(random, n, k));
            On(path, () =>
            {
                var c = new float[m * n];
                MatrixKernels.Multiply(a, b, c, m, k, n);
                CheckSingle(path, (i, p) => a[i * k + p], (p, j) => b[p * n + j], m, k, n, c);

                c = new float[m * n];
                MatrixKernels.MultiplyTransposeA(at, b, c, k, m, n);
                CheckSingle(path, (i, p) => at[p * m + i], (p, j) => b[p * n + j], m, k, n, c);

                c = new float[m * n];
                MatrixKernels.MultiplyTransposeB(a, bt, c, m, k, n);
                CheckSingle(path, (i, p) => a[i * k + p], (p, j) => bt[j * k + p], m, k, n, c);
            });
        }

        [Theory]
        [InlineData(784, 256, 8, 2, true)]    // W3's Xᵀ·δ₁
        [InlineData(530, 50, 8, 2, true)]     // the tall shapes above
        [InlineData(300, 33, 8, 2, true)]
        [InlineData(300, 33, 6, 2, true)]     // on AVX2's tiles
        [InlineData(128, 256, 8, 2, false)]   // W3's X·W₁: few rows, so the columns are split
        [InlineData(784, 256, 8, 1, false)]   // one thread splits nothing
        [InlineData(100, 10, 8, 2, false)]    // too few rows for each thread
        public void Tall_products_split_their_rows_over_the_threads(int rows, int columns, int tileRows, int threads, bool expected) =>
            Assert.Equal(expected, MatrixKernels.SplitsRows(rows, columns, tileRows, threads));

        [Theory]
        [InlineData(10, 8, 10, 10)]     // a 10-class layer's transposed products: exact, not 16
        [InlineData(10, 6, 5, 5)]
        [InlineData(20, 6, 5, 5)]       // 20 rows, not 24
        [InlineData(9, 8, 10, 10)]
        [InlineData(128, 8, 10, 8)]     // 128 rows fit 8 exactly
        [InlineData(128, 6, 5, 6)]      // 132 against 130: too little to give up the taller tile
        [InlineData(13, 8, 10, 8)]
        public void The_second_tile_height_is_taken_where_it_pads_a_tenth_less(int rows, int first, int second, int expected) =>
            Assert.Equal(expected, MatrixKernels.TileRowsFor(rows, first, second));

        [Fact]
        public void Products_are_the_same_to_the_bit_for_any_thread_count()
        {
            // The W3 shapes, large enough to be split, on this processor's own path; the last splits its rows
            // over two column blocks, so the rows a thread claimed in the first are its own in the second.
            foreach (var (m, k, n) in new[] { (128, 784, 256), (784, 128, 256), (128, 256, 10), (128, 10, 256), (530, 130, 50), (300, 520, 33), (530, 130, 10), (4200, 3, 2049) })
            {
                var random = new Random(m + k + n);
                var a = Reference.RandomMatrix(random, m, k);
                var b = Reference.RandomMatrix(random, k, n);
                double[] With(int threads)
                {
                    var c = new double[m * n];
                    int previous = KernelTeam.MaxThreads;
                    KernelTeam.MaxThreads = threads;
                    try { MatrixKernels.Multiply(a, b, c, m, k, n); }
                    finally { KernelTeam.MaxThreads = previous; }
                    return c;
                }
                var one = With(1);
                Assert.Equal(one, With(2));
                Assert.Equal(one, With(3));
            }
        }

        public static IEnumerable<object[]> PathAndLayerWidths() =>
            from path in Paths from units in new[] { 45, 10 } select new object[] { path, units };

        [Theory]
        [MemberData(nameof(PathAndLayerWidths))]
        public void Fused_forward_layers_equal_the_separate_passes(KernelPath path, int units)
        {
            // 10 units: a 10-class output layer, which AVX-512 computes a column of C per vector.
            const int rows = 37, inputs = 70;
            var random = new Random(5);
            var x = Reference.RandomMatrix(random, rows, inputs);
            var w = Reference.RandomMatrix(random, inputs, units);
            var bias = Reference.RandomMatrix(random, 1, units);
            On(path, () =>
            {
                foreach (Activation activation in Enum.GetValues(typeof(Activation)))
                    foreach (var b in new[] { bias, null })
                    {
                        var z = Stale(rows * units); var a = Stale(rows * units);
                        FusedLayer.Forward(x, w, b, activation, z, a, rows, inputs, units);
                        var zs = new double[rows * units]; var separate = new double[rows * units];
                        MatrixKernels.Multiply(x, w, zs, rows, inputs, units);
                        if (b != null) MatrixKernels.AddRowVector(zs, b, rows, units);
                        activation.Function().Forward(zs, separate, rows * units, units);
                        Assert.Equal(zs, z);
                        Assert.Equal(separate, a);
                    }
            });
        }

        [Theory]
        [MemberData(nameof(PathAndLayerWidths))]
        public void Fused_backward_errors_equal_the_separate_passes(KernelPath path, int inputs)
        {
            // 10 inputs: the error of a 10-unit layer, whose product AVX-512 computes a column per vector.
            const int rows = 37, units = 45;
            var random = new Random(6);
            var delta = Reference.RandomMatrix(random, rows, units);
            var w = Reference.RandomMatrix(random, inputs, units);
            var z = Reference.RandomMatrix(random, rows, inputs);
            On(path, () =>
            {
                foreach (Activation activation in Enum.GetValues(typeof(Activation)))
                {
                    var a = new double[rows * inputs];
                    activation.Function().Forward(z, a, rows * inputs, inputs);
                    var fused = Stale(rows * inputs);
                    FusedLayer.Backward(delta, w, fused, activation, z, a, rows, units, inputs);
                    var separate = new double[rows * inputs];
                    MatrixKernels.MultiplyTransposeB(delta, w, separate, rows, units, inputs);
                    activation.Function().Backward(z, a, separate, rows * inputs, inputs);
                    Assert.Equal(separate, fused);
                }
            });
        }

        [Fact]
        public void The_best_path_is_the_one_the_test_run_expects()
        {
            // build.ps1 runs the kernel tests with DOTNET_EnableAVX512=0 (NoAvx512; .NET 8's name is DOTNET_EnableAVX512F) and DOTNET_EnableAVX2=0 (Portable).
            switch (Environment.GetEnvironmentVariable("NEURALNET_EXPECT_KERNEL"))
            {
                case "NoAvx512":
                    Assert.NotEqual(KernelPath.Avx512, MatrixKernels.Path);
                    break;
                case "Portable":
                    Assert.Equal(KernelPath.Portable, MatrixKernels.Path);
                    break;
                default:
                    Assert.Equal(MatrixKernels.BestPath, MatrixKernels.Path);
#if NET8_0_OR_GREATER
                    if (System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported)
                        Assert.NotEqual(KernelPath.Portable, MatrixKernels.Path);
#endif
                    break;
            }
        }

        [Fact]
        public void A_product_gives_the_same_bits_on_the_path_chosen_for_it_as_on_either_fused_path()
        {
            // The 10-column products of a W3 batch, whichever path this processor picks for them. Without
            // fused multiply-add (the portable path) each step rounds twice, so there is nothing to compare.
            if (MatrixKernels.Path == KernelPath.Portable) return;
            var random = new Random(12);
            var a = Reference.RandomMatrix(random, 128, 256);
            var b = Reference.RandomMatrix(random, 256, 10);
            var chosen = new double[128 * 10];
            MatrixKernels.Multiply(a, b, chosen, 128, 256, 10);
            foreach (var path in new[] { KernelPath.Avx2, KernelPath.Avx512 })
            {
                var forced = new double[128 * 10];
                On(path, () => MatrixKernels.Multiply(a, b, forced, 128, 256, 10));
                Assert.Equal(forced, chosen);
            }
        }

        [Fact]
        public void The_pointer_kernels_refuse_arrays_smaller_than_the_shapes()
        {
            // Large enough for the packed kernels, which read through pointers after one check of the shapes.
            const int m = 16, k = 300, n = 40;
            Assert.Throws<ArgumentException>(() => MatrixKernels.Multiply(new double[m * k - 1], new double[k * n], new double[m * n], m, k, n));
            Assert.Throws<ArgumentException>(() => MatrixKernels.Multiply(new double[m * k], new double[k * n - 1], new double[m * n], m, k, n));
            Assert.Throws<ArgumentException>(() => MatrixKernels.Multiply(new float[m * k], new float[k * n], new float[m * n - 1], m, k, n));
            Assert.Throws<ArgumentException>(() => MatrixKernels.MultiplyTransposeA(new double[m * k - 1], new double[m * n], new double[k * n], m, k, n));
            Assert.Throws<ArgumentException>(() => MatrixKernels.MultiplyTransposeB(new double[m * n], new double[k * n - 1], new double[m * k], m, n, k));
        }

        [Fact]
        public void Bias_add_and_column_sums_match_loops()
        {
            var c = new double[] { 1, 2, 3, 4, 5, 6 };
            MatrixKernels.AddRowVector(c, new double[] { 10, 20, 30 }, 2, 3);
            Assert.Equal(new double[] { 11, 22, 33, 14, 25, 36 }, c);
            var sums = new double[3];
            MatrixKernels.SumColumns(c, sums, 2, 3);
            Assert.Equal(new double[] { 25, 47, 69 }, sums);
            // Wider than vectors, with a tail: bit for bit the loop over rows in order.
            foreach (var (m, n) in new[] { (128, 256), (37, 21), (5, 8) })
            {
                var random = new Random(m * n);
                var a = Reference.RandomMatrix(random, m, n);
                var expected = new double[n];
                for (int j = 0; j < n; j++)
                    for (int i = 0; i < m; i++) expected[j] += a[i * n + j];
                var actual = new double[n];
                Array.Fill(actual, double.NaN);
                MatrixKernels.SumColumns(a, actual, m, n);
                Assert.Equal(expected, actual);
            }
        }

        /// <summary>Runs <paramref name="test"/> with the products forced onto <paramref name="path"/> (on this thread only).</summary>
        private static void On(KernelPath path, Action test)
        {
            var previous = MatrixKernels.ForcedPath;
            MatrixKernels.ForcedPath = path;
            try { test(); }
            finally { MatrixKernels.ForcedPath = previous; }
        }

        /// <summary>
        /// The plain loop's products are exact where the old kernel was: tiny products on every path, and
        /// every product on the portable path (no fused multiply-add, same order). With FMA each element
        /// must equal the loop of fused steps in the same order, bit for bit, and stay within the bound
        /// 2·γ_k·Σ|a·b| of the plain loop (γ_k = k·u / (1 − k·u), u = 2⁻⁵³), as both are within γ_k of the exact sum.
        /// </summary>
        private static void Check(KernelPath path, Func<int, int, double> a, Func<int, int, double> b, int m, int k, int n, double[] c)
        {
            var plain = Reference.Product(a, b, m, k, n);
            if (path == KernelPath.Portable || (long)m * k * n < 4096)
            {
                Assert.Equal(plain, c);
                return;
            }
            double u = Math.Pow(2, -53), gamma = k * u / (1 - k * u);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double fused = 0, magnitude = 0;
                    for (int p = 0; p < k; p++)
                    {
                        fused = Math.FusedMultiplyAdd(a(i, p), b(p, j), fused);
                        magnitude += Math.Abs(a(i, p) * b(p, j));
                    }
                    double actual = c[i * n + j], expected = plain[i * n + j];
                    if (actual != fused) throw new Xunit.Sdk.XunitException($"({i}, {j}) of {m}×{k}·{k}×{n} on {path}: {actual:R}, but fused steps in order give {fused:R}.");
                    if (Math.Abs(actual - expected) > 2 * gamma * magnitude) throw new Xunit.Sdk.XunitException($"({i}, {j}): {actual:R} is further than 2·γ_k·Σ|ab| from the plain loop's {expected:R}.");
                }
        }

        private static void CheckSingle(KernelPath path, Func<int, int, float> a, Func<int, int, float> b, int m, int k, int n, float[] c)
        {
            var plain = new float[m * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    float sum = 0f;
                    for (int p = 0; p < k; p++) sum += a(i, p) * b(p, j);
                    plain[i * n + j] = sum;
                }
            if (path == KernelPath.Portable || (long)m * k * n < 4096)
            {
                Assert.Equal(plain, c);
                return;
            }
            double u = Math.Pow(2, -24), gamma = k * u / (1 - k * u);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    float fused = 0f;
                    double magnitude = 0;
                    for (int p = 0; p < k; p++)
                    {
                        fused = MathF.FusedMultiplyAdd(a(i, p), b(p, j), fused);
                        magnitude += Math.Abs((double)a(i, p) * b(p, j));
                    }
                    float actual = c[i * n + j];
                    if (actual != fused) throw new Xunit.Sdk.XunitException($"({i}, {j}) of {m}×{k}·{k}×{n} on {path}: {actual:R}, but fused float steps in order give {fused:R}.");
                    if (Math.Abs(actual - plain[i * n + j]) > 2 * gamma * magnitude) throw new Xunit.Sdk.XunitException($"({i}, {j}): {actual:R} is further than 2·γ_k·Σ|ab| from the plain loop's {plain[i * n + j]:R}.");
                }
        }

        private static float[] Floats(double[] values) => Array.ConvertAll(values, v => (float)v);

        /// <summary>A result buffer holding the last batch's values (NaN here): every kernel must overwrite, never add to, C.</summary>
        private static double[] Stale(int length)
        {
            var c = new double[length];
            for (int i = 0; i < length; i++) c[i] = double.NaN;
            return c;
        }
    }
}
