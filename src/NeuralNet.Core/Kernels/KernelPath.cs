namespace NeuralNet.Core.Kernels
{
    /// <summary>Which micro-kernel the matrix products run on.</summary>
    public enum KernelPath
    {
        /// <summary>System.Numerics.Vector&lt;T&gt;, multiply then add (the netstandard2.0 build, and processors without AVX2).</summary>
        Portable,

        /// <summary>256-bit AVX2 with fused multiply-add (net8.0 build).</summary>
        Avx2,

        /// <summary>512-bit AVX-512F with fused multiply-add (net8.0 build).</summary>
        Avx512,
    }
}
