namespace NeuralNet.Core.Losses
{
    /// <summary>Σ(y − ŷ)² / (n·m).</summary>
    internal sealed class MeanSquaredErrorLoss : ElementwiseLoss<MeanSquaredErrorLoss.Term>
    {
        public override Loss Kind => Loss.MeanSquaredError;

        public override bool IsRegression => true;

        public struct Term : ILossTerm
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            double ILossTerm.Term(double y, double yhat)
            {
                double d = y - yhat;
                return d * d;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Derivative(double y, double yhat) => 2.0 * (yhat - y);
        }
    }
}
