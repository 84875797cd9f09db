using NeuralNet.Core.Kernels;
using System;

/// <summary>The five products of a W3 batch (784-256-10, 128 rows), as the network makes them.</summary>
internal static class Shapes
{
    public static readonly string[] Names = { "x.W1", "xT.d1", "a1.W2", "a1T.d2", "d2.W2T" };

    public static double Flops(string shape)
    {
        var (m, k, n) = Dimensions(shape);
        return 2.0 * m * k * n;
    }

    /// <summary>m × k by k × n of each product (C is m × n).</summary>
    public static (int M, int K, int N) Dimensions(string shape)
    {
        switch (shape)
        {
            case "x.W1": return (128, 784, 256);     // forward, layer 1: X·W₁
            case "xT.d1": return (784, 128, 256);    // weight gradient, layer 1: Xᵀ·δ₁
            case "a1.W2": return (128, 256, 10);     // forward, layer 2: A₁·W₂
            case "a1T.d2": return (256, 128, 10);    // weight gradient, layer 2: A₁ᵀ·δ₂
            case "d2.W2T": return (128, 10, 256);    // error of layer 1: δ₂·W₂ᵀ
            default: throw new ArgumentException($"No shape '{shape}'.");
        }
    }

    public static Action Create(string shape, string dtype)
    {
        var (m, k, n) = Dimensions(shape);
        var random = new Random(1);
        if (dtype == "float64")
        {
            double[] Fill(int length) { var v = new double[length]; for (int i = 0; i < length; i++) v[i] = random.NextDouble() - 0.5; return v; }
            var c = new double[m * n];
            switch (shape)
            {
                case "xT.d1": case "a1T.d2": { var a = Fill(k * m); var b = Fill(k * n); return () => MatrixKernels.MultiplyTransposeA(a, b, c, k, m, n); }
                case "d2.W2T": { var a = Fill(m * k); var b = Fill(n * k); return () => MatrixKernels.MultiplyTransposeB(a, b, c, m, k, n); }
                default: { var a = Fill(m * k); var b = Fill(k * n); return () => MatrixKernels.Multiply(a, b, c, m, k, n); }
            }
        }
        float[] FillF(int length) { var v = new float[length]; for (int i = 0; i < length; i++) v[i] = (float)(random.NextDouble() - 0.5); return v; }
        var cf = new float[m * n];
        switch (shape)
        {
            case "xT.d1": case "a1T.d2": { var a = FillF(k * m); var b = FillF(k * n); return () => MatrixKernels.MultiplyTransposeA(a, b, cf, k, m, n); }
            case "d2.W2T": { var a = FillF(m * k); var b = FillF(n * k); return () => MatrixKernels.MultiplyTransposeB(a, b, cf, m, k, n); }
            default: { var a = FillF(m * k); var b = FillF(k * n); return () => MatrixKernels.Multiply(a, b, cf, m, k, n); }
        }
    }
}
