using System;
using NeuralNet.Core.Kernels;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>The fast kernels against the textbook triple loop, on odd shapes, to the last bit.</summary>
    public class MatrixKernelTests
    {
        public static TheoryData<int, int, int> Shapes => new TheoryData<int, int, int>
        {
            { 1, 1, 1 }, { 3, 5, 7 }, { 4, 3, 1 }, { 4, 3, 4 }, { 4, 4, 1 }, { 2, 3, 8 }, { 13, 17, 11 }, { 33, 9, 65 },
            // the vector kernel with row and column tails, and the two-thread split
            { 37, 70, 129 }, { 130, 300, 67 }, { 64, 784, 40 },
            // cache blocks over the shared dimension (256 deep), with leftover rows and columns
            { 9, 600, 37 }, { 20, 513, 50 },
            // one shared column: A·Bᵀ is then an outer product, which has its own loop
            { 70, 130, 1 },
        };

        [Theory]
        [MemberData(nameof(Shapes))]
        public void Multiply_matches_the_triple_loop(int m, int k, int n)
        {
            var random = new Random(m * 100 + k * 10 + n);
            var a = Reference.RandomMatrix(random, m, k);
            var b = Reference.RandomMatrix(random, k, n);
            var c = Stale(m * n);
            MatrixKernels.Multiply(a, b, c, m, k, n);
            Reference.AssertClose(Reference.Product((i, p) => a[i * k + p], (p, j) => b[p * n + j], m, k, n), c, 0.0); // same summation order: bit for bit
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void MultiplyTransposeA_matches_the_triple_loop(int m, int k, int n)
        {
            var random = new Random(m + k + n);
            var a = Reference.RandomMatrix(random, m, k); // used as Aᵀ: k × m
            var b = Reference.RandomMatrix(random, m, n);
            var c = Stale(k * n);
            MatrixKernels.MultiplyTransposeA(a, b, c, m, k, n);
            Reference.AssertClose(Reference.Product((i, p) => a[p * k + i], (p, j) => b[p * n + j], k, m, n), c, 0.0); // same summation order: bit for bit
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void MultiplyTransposeB_matches_the_triple_loop(int m, int k, int n)
        {
            var random = new Random(m * k + n);
            var a = Reference.RandomMatrix(random, m, n);
            var b = Reference.RandomMatrix(random, k, n); // used as Bᵀ: n × k
            var c = Stale(m * k);
            MatrixKernels.MultiplyTransposeB(a, b, c, m, n, k);
            Reference.AssertClose(Reference.Product((i, p) => a[i * n + p], (p, j) => b[j * n + p], m, n, k), c, 0.0); // same summation order: bit for bit
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void Single_precision_products_match_the_float_triple_loop(int m, int k, int n)
        {
            var random = new Random(m * 7 + k * 3 + n);
            var a = Floats(Reference.RandomMatrix(random, m, k));
            var b = Floats(Reference.RandomMatrix(random, k, n));
            var c = new float[m * n];
            MatrixKernels.Multiply(a, b, c, m, k, n);
            Assert.Equal(FloatProduct((i, p) => a[i * k + p], (p, j) => b[p * n + j], m, k, n), c);

            var bt = Floats(Reference.RandomMatrix(random, m, n));   // Aᵀ·B with A (m × k), B (m × n)
            var ct = new float[k * n];
            MatrixKernels.MultiplyTransposeA(a, bt, ct, m, k, n);
            Assert.Equal(FloatProduct((i, p) => a[p * k + i], (p, j) => bt[p * n + j], k, m, n), ct);

            var w = Floats(Reference.RandomMatrix(random, n, k));    // A·Bᵀ with A (m × k), B (n × k)
            var cb = new float[m * n];
            MatrixKernels.MultiplyTransposeB(a, w, cb, m, k, n);
            Assert.Equal(FloatProduct((i, p) => a[i * k + p], (p, j) => w[j * k + p], m, k, n), cb);
        }

        [Fact]
        public void The_pointer_kernels_refuse_arrays_smaller_than_the_shapes()
        {
            // Large enough for the vector kernels, which read through pointers after one check of the shapes.
            const int m = 16, k = 300, n = 40;
            Assert.Throws<ArgumentException>(() => MatrixKernels.Multiply(new double[m * k - 1], new double[k * n], new double[m * n], m, k, n));
            Assert.Throws<ArgumentException>(() => MatrixKernels.Multiply(new double[m * k], new double[k * n - 1], new double[m * n], m, k, n));
            Assert.Throws<ArgumentException>(() => MatrixKernels.Multiply(new float[m * k], new float[k * n], new float[m * n - 1], m, k, n));
            Assert.Throws<ArgumentException>(() => MatrixKernels.MultiplyTransposeA(new double[m * k - 1], new double[m * n], new double[k * n], m, k, n));
        }

        private static float[] Floats(double[] values) => Array.ConvertAll(values, v => (float)v);

        /// <summary>The textbook triple loop in float32: every product and sum rounded to float, p in order.</summary>
        private static float[] FloatProduct(Func<int, int, float> a, Func<int, int, float> b, int m, int k, int n)
        {
            var c = new float[m * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    float sum = 0f;
                    for (int p = 0; p < k; p++) sum += a(i, p) * b(p, j);
                    c[i * n + j] = sum;
                }
            return c;
        }

        /// <summary>A result buffer holding the last batch's values (NaN here): every kernel must overwrite, never add to, C.</summary>
        private static double[] Stale(int length)
        {
            var c = new double[length];
            for (int i = 0; i < length; i++) c[i] = double.NaN;
            return c;
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
        }
    }
}
