namespace NeuralNet.Core.Losses
{
    /// <summary>
    /// −Σ [y·log ŷ + (1 − y)·log(1 − ŷ)] / (n·m), for 0/1 targets and sigmoid outputs; ŷ is clamped to
    /// [floor, 1 − floor] so neither logarithm is infinite.
    /// </summary>
    internal sealed class BinaryCrossEntropyLoss : ElementwiseLoss<BinaryCrossEntropyLoss.Term>
    {
        public override Loss Kind => Loss.BinaryCrossEntropy;

        public override Activation NaturalOutput => Activation.Sigmoid;

        [MethodImpl(Hot.Optimize)]
        protected override bool IsFusedWith(Activation output) => output == Activation.Sigmoid;

        public struct Term : ILossTerm
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            double ILossTerm.Term(double y, double yhat)
            {
                double p = Clamp(yhat);
                return -(y * Math.Log(p) + (1.0 - y) * Math.Log(1.0 - p));
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Derivative(double y, double yhat)
            {
                double p = Clamp(yhat);
                return (p - y) / (p * (1.0 - p));
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private static double Clamp(double p) => Math.Min(Math.Max(p, ProbabilityFloor), 1.0 - ProbabilityFloor);
        }
    }
}
