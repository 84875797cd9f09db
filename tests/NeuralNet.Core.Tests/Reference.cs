using System;

namespace NeuralNet.Core.Tests
{
    /// <summary>Plain, obviously correct reference computations the fast code is checked against.</summary>
    internal static class Reference
    {
        public static double[] RandomMatrix(Random random, int rows, int cols)
        {
            var m = new double[rows * cols];
            for (int i = 0; i < m.Length; i++) m[i] = random.NextDouble() * 2 - 1;
            return m;
        }

        /// <summary>C = op(A)·op(B) by the textbook triple loop, with element accessors.</summary>
        public static double[] Product(Func<int, int, double> a, Func<int, int, double> b, int m, int k, int n)
        {
            var c = new double[m * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double sum = 0;
                    for (int p = 0; p < k; p++) sum += a(i, p) * b(p, j);
                    c[i * n + j] = sum;
                }
            return c;
        }

        public static void AssertClose(double[] expected, double[] actual, double tolerance)
        {
            Xunit.Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                double scale = Math.Max(1.0, Math.Abs(expected[i]));
                if (Math.Abs(expected[i] - actual[i]) > tolerance * scale)
                    throw new Xunit.Sdk.XunitException($"Element {i}: expected {expected[i]:R}, got {actual[i]:R}.");
            }
        }
    }
}
