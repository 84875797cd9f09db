using System;

namespace NeuralNet.Core
{
    /// <summary>
    /// Each activation's forward function and its derivative, side by side. Derivatives are written in
    /// terms of the layer's pre-activation z and output a = f(z), whichever is cheaper, so backprop needs
    /// to keep no more than it already has. Arrays are batch × units, row-major.
    /// </summary>
    public static class Activations
    {
        public const double LeakyReLUSlope = 0.01;
        public const double ELUAlpha = 1.0;

        /// <summary>a = f(z) for <paramref name="count"/> values; for Softmax, rows of <paramref name="units"/>.</summary>
        public static void Forward(Activation activation, double[] z, double[] a, int count, int units)
        {
            switch (activation)
            {
                case Activation.Sigmoid:
                    // σ(z) = 1 / (1 + e^-z)
                    for (int i = 0; i < count; i++) a[i] = 1.0 / (1.0 + Math.Exp(-z[i]));
                    break;
                case Activation.Tanh:
                    for (int i = 0; i < count; i++) a[i] = Math.Tanh(z[i]);
                    break;
                case Activation.ReLU:
                    for (int i = 0; i < count; i++) a[i] = z[i] > 0 ? z[i] : 0.0;
                    break;
                case Activation.LeakyReLU:
                    for (int i = 0; i < count; i++) a[i] = z[i] > 0 ? z[i] : LeakyReLUSlope * z[i];
                    break;
                case Activation.ELU:
                    for (int i = 0; i < count; i++) a[i] = z[i] > 0 ? z[i] : ELUAlpha * (Math.Exp(z[i]) - 1.0);
                    break;
                case Activation.Identity:
                    if (!ReferenceEquals(z, a)) Array.Copy(z, a, count);
                    break;
                case Activation.Softmax:
                    SoftmaxRows(z, a, count / units, units);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(activation));
            }
        }

        /// <summary>
        /// Backprop through the activation: gradZ = gradA ⊙ f'(z) (for Softmax, the Jacobian-vector
        /// product per row). <paramref name="grad"/> holds dL/da on entry and dL/dz on return.
        /// </summary>
        public static void Backward(Activation activation, double[] z, double[] a, double[] grad, int count, int units)
        {
            switch (activation)
            {
                case Activation.Sigmoid:
                    // σ'(z) = σ(z)(1 − σ(z))
                    for (int i = 0; i < count; i++) grad[i] *= a[i] * (1.0 - a[i]);
                    break;
                case Activation.Tanh:
                    // tanh'(z) = 1 − tanh²(z)
                    for (int i = 0; i < count; i++) grad[i] *= 1.0 - a[i] * a[i];
                    break;
                case Activation.ReLU:
                    for (int i = 0; i < count; i++) if (z[i] <= 0) grad[i] = 0.0;
                    break;
                case Activation.LeakyReLU:
                    for (int i = 0; i < count; i++) if (z[i] <= 0) grad[i] *= LeakyReLUSlope;
                    break;
                case Activation.ELU:
                    // ELU'(z) = α·e^z = a + α for z ≤ 0
                    for (int i = 0; i < count; i++) if (z[i] <= 0) grad[i] *= a[i] + ELUAlpha;
                    break;
                case Activation.Identity:
                    break;
                case Activation.Softmax:
                    // dL/dz_j = s_j (g_j − Σ_k g_k s_k)
                    for (int r = 0; r < count; r += units)
                    {
                        double dot = 0;
                        for (int j = 0; j < units; j++) dot += grad[r + j] * a[r + j];
                        for (int j = 0; j < units; j++) grad[r + j] = a[r + j] * (grad[r + j] - dot);
                    }
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(activation));
            }
        }

        /// <summary>Row-wise softmax with the maximum subtracted first, so large logits cannot overflow.</summary>
        private static void SoftmaxRows(double[] z, double[] a, int rows, int units)
        {
            for (int r = 0; r < rows; r++)
            {
                int o = r * units;
                double max = double.NegativeInfinity;
                for (int j = 0; j < units; j++) if (z[o + j] > max) max = z[o + j];
                double sum = 0;
                for (int j = 0; j < units; j++)
                {
                    double e = Math.Exp(z[o + j] - max);
                    a[o + j] = e;
                    sum += e;
                }
                for (int j = 0; j < units; j++) a[o + j] /= sum;
            }
        }

        /// <summary>True when the output is confined to (0, 1) or (−1, 1), so targets must not be rescaled.</summary>
        public static bool IsBounded(Activation activation) =>
            activation == Activation.Sigmoid || activation == Activation.Tanh || activation == Activation.Softmax;
    }
}
