using System;
using System.Runtime.CompilerServices;

namespace NeuralNet.Core
{
    /// <summary>
    /// Loss values and their gradients. Every loss is a sum of per-element terms divided by a
    /// normaliser (<see cref="Normaliser"/>), so batch losses add up to the epoch's loss exactly and
    /// the mini-batch gradient is the gradient of the batch's mean loss. Arrays are batch × outputs.
    /// </summary>
    public static class Losses
    {
        /// <summary>Smallest probability fed to a logarithm, so log(0) never yields −∞.</summary>
        public const double ProbabilityFloor = 1e-15;

        public const double HuberDelta = 1.0;

        /// <summary>What the summed loss of <paramref name="rows"/> rows is divided by.</summary>
        [MethodImpl(Hot.Optimize)]
        public static double Normaliser(Loss loss, int rows, int outputs)
        {
            switch (loss)
            {
                case Loss.SumSquaredError: return 1.0;
                case Loss.CrossEntropy: return rows;
                default: return (double)rows * outputs;
            }
        }

        /// <summary>
        /// The un-normalised loss Σ term(y, ŷ) over <paramref name="count"/> elements. For Softmax with
        /// CrossEntropy the term is computed from the logits z by log-sum-exp, which stays finite where
        /// log(softmax) would underflow.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static double Sum(Loss loss, Activation output, double[] z, double[] yhat, double[] y, int count, int units, int[] groups = null)
        {
            double sum = 0;
            switch (loss)
            {
                case Loss.SumSquaredError:
                    for (int i = 0; i < count; i++) { double d = y[i] - yhat[i]; sum += 0.5 * d * d; }
                    break;
                case Loss.MeanSquaredError:
                    for (int i = 0; i < count; i++) { double d = y[i] - yhat[i]; sum += d * d; }
                    break;
                case Loss.CrossEntropy:
                    if (output == Activation.Softmax)
                    {
                        for (int r = 0; r < count; r += units)
                        {
                            for (int g = 0, o = r; g < (groups?.Length ?? 1); o += groups?[g] ?? units, g++)
                            {
                                int end = o + (groups?[g] ?? units);
                                double max = double.NegativeInfinity;
                                for (int j = o; j < end; j++) if (z[j] > max) max = z[j];
                                double s = 0;
                                for (int j = o; j < end; j++) s += Math.Exp(z[j] - max);
                                double logSumExp = max + Math.Log(s);
                                for (int j = o; j < end; j++) if (y[j] != 0) sum -= y[j] * (z[j] - logSumExp);
                            }
                        }
                    }
                    else
                    {
                        for (int i = 0; i < count; i++) if (y[i] != 0) sum -= y[i] * Math.Log(Math.Max(yhat[i], ProbabilityFloor));
                    }
                    break;
                case Loss.BinaryCrossEntropy:
                    for (int i = 0; i < count; i++)
                    {
                        double p = Math.Min(Math.Max(yhat[i], ProbabilityFloor), 1.0 - ProbabilityFloor);
                        sum -= y[i] * Math.Log(p) + (1.0 - y[i]) * Math.Log(1.0 - p);
                    }
                    break;
                case Loss.Huber:
                    for (int i = 0; i < count; i++)
                    {
                        double d = Math.Abs(yhat[i] - y[i]);
                        sum += d <= HuberDelta ? 0.5 * d * d : HuberDelta * (d - 0.5 * HuberDelta);
                    }
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(loss));
            }
            return sum;
        }

        /// <summary>
        /// dL/dz for the output layer, where L = Sum / <paramref name="normaliser"/>. Softmax with
        /// CrossEntropy and Sigmoid with BinaryCrossEntropy use the fused form (ŷ − y), which is both
        /// cheaper and exact where the chain rule through a saturated activation would lose precision.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static void OutputGradient(Loss loss, Activation output, double[] z, double[] yhat, double[] y,
            double[] grad, int count, int units, double normaliser, int[] groups = null)
        {
            double inv = 1.0 / normaliser;
            if ((loss == Loss.CrossEntropy && output == Activation.Softmax) ||
                (loss == Loss.BinaryCrossEntropy && output == Activation.Sigmoid))
            {
                for (int i = 0; i < count; i++) grad[i] = (yhat[i] - y[i]) * inv;
                return;
            }

            switch (loss)
            {
                case Loss.SumSquaredError:
                    for (int i = 0; i < count; i++) grad[i] = (yhat[i] - y[i]) * inv;
                    break;
                case Loss.MeanSquaredError:
                    for (int i = 0; i < count; i++) grad[i] = 2.0 * (yhat[i] - y[i]) * inv;
                    break;
                case Loss.CrossEntropy:
                    for (int i = 0; i < count; i++) grad[i] = -y[i] / Math.Max(yhat[i], ProbabilityFloor) * inv;
                    break;
                case Loss.BinaryCrossEntropy:
                    for (int i = 0; i < count; i++)
                    {
                        double p = Math.Min(Math.Max(yhat[i], ProbabilityFloor), 1.0 - ProbabilityFloor);
                        grad[i] = (p - y[i]) / (p * (1.0 - p)) * inv;
                    }
                    break;
                case Loss.Huber:
                    for (int i = 0; i < count; i++)
                    {
                        double d = yhat[i] - y[i];
                        grad[i] = Math.Max(-HuberDelta, Math.Min(HuberDelta, d)) * inv;
                    }
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(loss));
            }
            output.Function().Backward(z, yhat, grad, count, units, groups);
        }
    }
}
