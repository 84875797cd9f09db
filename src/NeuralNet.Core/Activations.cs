using System;
using System.Runtime.CompilerServices;

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

        /// <summary>
        /// a = f(z) for <paramref name="count"/> values; for Softmax, rows of <paramref name="units"/>, each
        /// split into <paramref name="groups"/> of those widths (one softmax per class target), or whole.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static void Forward(Activation activation, double[] z, double[] a, int count, int units, int[] groups = null)
        {
            switch (activation)
            {
                case Activation.Sigmoid:
                    for (int i = 0; i < count; i++) a[i] = Sigmoid(z[i]);
                    break;
                case Activation.Tanh:
                    for (int i = 0; i < count; i++) a[i] = Math.Tanh(z[i]);
                    break;
                case Activation.ReLU:
                    for (int i = 0; i < count; i++) a[i] = ReLU(z[i]);
                    break;
                case Activation.LeakyReLU:
                    for (int i = 0; i < count; i++) a[i] = LeakyReLU(z[i]);
                    break;
                case Activation.ELU:
                    for (int i = 0; i < count; i++) a[i] = ELU(z[i]);
                    break;
                case Activation.Identity:
                    if (!ReferenceEquals(z, a)) Array.Copy(z, a, count);
                    break;
                case Activation.Softmax:
                    for (int r = 0; r < count; r += units)
                    {
                        for (int g = 0, o = r; g < (groups?.Length ?? 1); o += groups?[g] ?? units, g++)
                            Softmax(z, a, o, groups?[g] ?? units);
                    }
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(activation));
            }
        }

        /// <summary>
        /// Backprop through the activation: gradZ = gradA ⊙ f'(z) (for Softmax, the Jacobian-vector
        /// product per row). <paramref name="grad"/> holds dL/da on entry and dL/dz on return.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static void Backward(Activation activation, double[] z, double[] a, double[] grad, int count, int units, int[] groups = null)
        {
            switch (activation)
            {
                // Each case passes a constant, so the inlined Derivative keeps only its own line.
                case Activation.Sigmoid:
                    for (int i = 0; i < count; i++) grad[i] = Derivative(Activation.Sigmoid, z[i], a[i], grad[i]);
                    break;
                case Activation.Tanh:
                    for (int i = 0; i < count; i++) grad[i] = Derivative(Activation.Tanh, z[i], a[i], grad[i]);
                    break;
                case Activation.ReLU:
                    for (int i = 0; i < count; i++) grad[i] = Derivative(Activation.ReLU, z[i], a[i], grad[i]);
                    break;
                case Activation.LeakyReLU:
                    for (int i = 0; i < count; i++) grad[i] = Derivative(Activation.LeakyReLU, z[i], a[i], grad[i]);
                    break;
                case Activation.ELU:
                    for (int i = 0; i < count; i++) grad[i] = Derivative(Activation.ELU, z[i], a[i], grad[i]);
                    break;
                case Activation.Identity:
                    break;
                case Activation.Softmax:
                    // dL/dz_j = s_j (g_j − Σ_k g_k s_k), within each softmax group
                    for (int r = 0; r < count; r += units)
                    {
                        for (int g = 0, o = r; g < (groups?.Length ?? 1); o += groups?[g] ?? units, g++)
                        {
                            int width = groups?[g] ?? units;
                            double dot = 0;
                            for (int j = o; j < o + width; j++) dot += grad[j] * a[j];
                            for (int j = o; j < o + width; j++) grad[j] = a[j] * (grad[j] - dot);
                        }
                    }
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(activation));
            }
        }

        /// <summary>σ(z) = 1 / (1 + e^-z).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double ReLU(double z) => z > 0 ? z : 0.0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double LeakyReLU(double z) => z > 0 ? z : LeakyReLUSlope * z;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double ELU(double z) => z > 0 ? z : ELUAlpha * (Math.Exp(z) - 1.0);

        /// <summary>f(z) for one value of an elementwise activation (not Softmax): what <see cref="Forward"/> computes per element.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Apply(Activation activation, double z)
        {
            switch (activation)
            {
                case Activation.Sigmoid: return Sigmoid(z);
                case Activation.Tanh: return Math.Tanh(z);
                case Activation.ReLU: return ReLU(z);
                case Activation.LeakyReLU: return LeakyReLU(z);
                case Activation.ELU: return ELU(z);
                case Activation.Identity: return z;
                default: throw new ArgumentOutOfRangeException(nameof(activation), "Softmax is not elementwise.");
            }
        }

        /// <summary>
        /// dL/dz = dL/da · f′(z) for one value of an elementwise activation (not Softmax), from z and
        /// a = f(z): what <see cref="Backward"/> computes per element.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Derivative(Activation activation, double z, double a, double grad)
        {
            switch (activation)
            {
                // σ′(z) = σ(z)(1 − σ(z))
                case Activation.Sigmoid: return grad * (a * (1.0 - a));
                // tanh′(z) = 1 − tanh²(z)
                case Activation.Tanh: return grad * (1.0 - a * a);
                case Activation.ReLU: return z <= 0 ? 0.0 : grad;
                case Activation.LeakyReLU: return z <= 0 ? grad * LeakyReLUSlope : grad;
                // ELU′(z) = α·e^z = a + α for z ≤ 0
                case Activation.ELU: return z <= 0 ? grad * (a + ELUAlpha) : grad;
                case Activation.Identity: return grad;
                default: throw new ArgumentOutOfRangeException(nameof(activation), "Softmax is not elementwise.");
            }
        }

        /// <summary>Softmax of the <paramref name="width"/> values from <paramref name="offset"/>, the maximum subtracted first so large logits cannot overflow.</summary>
        private static void Softmax(double[] z, double[] a, int offset, int width)
        {
            double max = double.NegativeInfinity;
            for (int j = offset; j < offset + width; j++) if (z[j] > max) max = z[j];
            double sum = 0;
            for (int j = offset; j < offset + width; j++)
            {
                double e = Math.Exp(z[j] - max);
                a[j] = e;
                sum += e;
            }
            for (int j = offset; j < offset + width; j++) a[j] /= sum;
        }

        /// <summary>True when the output is confined to (0, 1) or (−1, 1), so targets must not be rescaled.</summary>
        public static bool IsBounded(Activation activation) =>
            activation == Activation.Sigmoid || activation == Activation.Tanh || activation == Activation.Softmax;
    }
}
