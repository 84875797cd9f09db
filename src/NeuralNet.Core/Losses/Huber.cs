namespace NeuralNet.Core.Losses
{
    /// <summary>Σ huber(ŷ − y) / (n·m): ½d² for |d| ≤ δ, δ(|d| − ½δ) beyond, so outliers pull linearly, not quadratically.</summary>
    internal sealed class HuberLoss : ElementwiseLoss<HuberLoss.Term>
    {
        /// <summary>δ, in the units of the (standardised) targets.</summary>
        public const double Delta = 1.0;

        public override Loss Kind => Loss.Huber;

        public override bool IsRegression => true;

        public struct Term : ILossTerm
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            double ILossTerm.Term(double y, double yhat)
            {
                double d = Math.Abs(yhat - y);
                return d <= Delta ? 0.5 * d * d : Delta * (d - 0.5 * Delta);
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Derivative(double y, double yhat) => Math.Max(-Delta, Math.Min(Delta, yhat - y));
        }
    }
}
