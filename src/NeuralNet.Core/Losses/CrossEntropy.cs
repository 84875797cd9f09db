namespace NeuralNet.Core.Losses
{
    /// <summary>
    /// −Σ y·log ŷ / n, for one-hot targets and a softmax output. Through softmax the term is computed
    /// from the logits z by log-sum-exp, which stays finite where log(softmax) would underflow.
    /// </summary>
    public sealed class CrossEntropyLoss : ElementwiseLoss<CrossEntropyLoss.Term>
    {
        public override Loss Kind => Loss.CrossEntropy;

        public override Activation NaturalOutput => Activation.Softmax;

        [MethodImpl(Hot.Optimize)]
        public override double Normaliser(int rows, int outputs) => rows;

        [MethodImpl(Hot.Optimize)]
        protected override bool IsFusedWith(Activation output) => output == Activation.Softmax;

        public struct Term : ILossTerm
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            double ILossTerm.Term(double y, double yhat) => y != 0 ? -(y * Math.Log(Math.Max(yhat, ProbabilityFloor))) : 0.0;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Derivative(double y, double yhat) => -y / Math.Max(yhat, ProbabilityFloor);
        }

        [MethodImpl(Hot.Optimize)]
        public override double Sum(Activation output, double[] z, double[] yhat, double[] y, int count, int units, int[] groups = null, double[] weights = null)
        {
            if (output != Activation.Softmax) return base.Sum(output, z, yhat, y, count, units, groups, weights);
            double sum = 0;
            for (int r = 0, start = 0; start < count; r++, start += units)
            {
                double w = weights == null ? 1.0 : weights[r];
                for (int g = 0, o = start; g < (groups?.Length ?? 1); o += groups?[g] ?? units, g++)
                {
                    int end = o + (groups?[g] ?? units);
                    double max = double.NegativeInfinity;
                    for (int j = o; j < end; j++) if (z[j] > max) max = z[j];
                    double s = 0;
                    for (int j = o; j < end; j++) s += Math.Exp(z[j] - max);
                    double logSumExp = max + Math.Log(s);
                    // w·x is x itself for w = 1, so unweighted sums are what they always were.
                    for (int j = o; j < end; j++) if (y[j] != 0) sum -= w * (y[j] * (z[j] - logSumExp));
                }
            }
            return sum;
        }
    }
}
