namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// The matrix products backprop needs, on contiguous row-major arrays. A later pass replaces the
    /// bodies with vectorised, blocked kernels; the signatures are the contract.
    /// All results are overwritten, not accumulated.
    /// </summary>
    public static class MatrixKernels
    {
        /// <summary>C (m × n) = A (m × k) · B (k × n).</summary>
        public static void Multiply(double[] a, double[] b, double[] c, int m, int k, int n)
        {
            for (int i = 0; i < m; i++)
            {
                int ci = i * n;
                for (int j = 0; j < n; j++) c[ci + j] = 0.0;
                int ai = i * k;
                for (int p = 0; p < k; p++)
                {
                    double aip = a[ai + p];
                    int bp = p * n;
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
                }
            }
        }

        /// <summary>C (k × n) = Aᵀ · B, with A (m × k) and B (m × n): the weight gradient Xᵀ·δ.</summary>
        public static void MultiplyTransposeA(double[] a, double[] b, double[] c, int m, int k, int n)
        {
            for (int i = 0; i < k * n; i++) c[i] = 0.0;
            for (int r = 0; r < m; r++)
            {
                int ar = r * k, br = r * n;
                for (int p = 0; p < k; p++)
                {
                    double arp = a[ar + p];
                    int cp = p * n;
                    for (int j = 0; j < n; j++) c[cp + j] += arp * b[br + j];
                }
            }
        }

        /// <summary>C (m × k) = A · Bᵀ, with A (m × n) and B (k × n): the back-propagated error δ·Wᵀ.</summary>
        public static void MultiplyTransposeB(double[] a, double[] b, double[] c, int m, int n, int k)
        {
            for (int i = 0; i < m; i++)
            {
                int ai = i * n, ci = i * k;
                for (int p = 0; p < k; p++)
                {
                    int bp = p * n;
                    double sum = 0;
                    for (int j = 0; j < n; j++) sum += a[ai + j] * b[bp + j];
                    c[ci + p] = sum;
                }
            }
        }

        /// <summary>Adds the bias row vector (length n) to every row of C (m × n).</summary>
        public static void AddRowVector(double[] c, double[] bias, int m, int n)
        {
            for (int i = 0; i < m; i++)
            {
                int ci = i * n;
                for (int j = 0; j < n; j++) c[ci + j] += bias[j];
            }
        }

        /// <summary>sums[j] = Σ_i A[i, j] for A (m × n): the bias gradient.</summary>
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
