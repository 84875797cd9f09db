namespace NeuralNet.Core.Losses
{
    /// <summary>½·Σ(y − ŷ)², not averaged: the tutorial's loss, whose gradient at learning rate 1 is its update.</summary>
    internal sealed class SumSquaredErrorLoss : ElementwiseLoss<SumSquaredErrorLoss.Term>
    {
        public override Loss Kind => Loss.SumSquaredError;

        public override bool IsRegression => true;

        [MethodImpl(Hot.Optimize)]
        public override double Normaliser(int rows, int outputs) => 1.0;

        public struct Term : ILossTerm
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            double ILossTerm.Term(double y, double yhat)
            {
                double d = y - yhat;
                return 0.5 * d * d;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public double Derivative(double y, double yhat) => yhat - y;
        }
    }
}
