namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// Scalar arithmetic for the kernels that serve both precisions. netstandard2.0 has no generic
    /// math, so each operation tests the type: the JIT compiles one body per value type, keeps only
    /// the matching branch and removes the box/unbox pairs, leaving the plain <c>s + a * b</c>.
    /// </summary>
    internal static class Scalar
    {
        /// <summary>sum + a·b, rounded after the product and after the sum (never fused), as the plain loop does.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T MultiplyAdd<T>(T sum, T a, T b) where T : struct
        {
            if (typeof(T) == typeof(double)) return (T)(object)((double)(object)sum + (double)(object)a * (double)(object)b);
            if (typeof(T) == typeof(float)) return (T)(object)((float)(object)sum + (float)(object)a * (float)(object)b);
            throw new NotSupportedException($"Matrix kernels support double and float, not {typeof(T).Name}.");
        }
    }
}
