using NeuralNet.Core.Losses;

namespace NeuralNet.Core
{
    /// <summary>The loss minimised by training. y is the target, ŷ the network output, n the rows, m the outputs.</summary>
    public enum Loss
    {
        /// <summary>½·Σ(y − ŷ)² over rows and outputs, not averaged: the tutorial's loss (learning rate 1 reproduces its update).</summary>
        SumSquaredError,
        /// <summary>Σ(y − ŷ)² / (n·m).</summary>
        MeanSquaredError,
        /// <summary>−Σ y·log ŷ / n, for one-hot targets and a softmax output.</summary>
        CrossEntropy,
        /// <summary>−Σ [y·log ŷ + (1 − y)·log(1 − ŷ)] / (n·m), for 0/1 targets and a sigmoid output.</summary>
        BinaryCrossEntropy,
        /// <summary>Σ huber(ŷ − y) / (n·m) with δ = 1: squared near zero, linear beyond, robust to outliers.</summary>
        Huber,
    }

    /// <summary>
    /// Each <see cref="Loss"/>'s function (<see cref="LossFunction"/>): what training, evaluation and the
    /// resolver ask of a loss, so a new loss is an enum value, one row here and its own file.
    /// </summary>
    public static class LossTable
    {
        private static readonly LossFunction[] Functions = ChoiceTable.Of<Loss, LossFunction>("loss", row => row.Kind,
            new SumSquaredErrorLoss(), new MeanSquaredErrorLoss(), new CrossEntropyLoss(), new BinaryCrossEntropyLoss(), new HuberLoss());

        /// <summary>The function of a loss.</summary>
        /// <remarks>
        /// Inlined, so compiled as its callers are (the per-batch ones optimised at their first call): marked
        /// to be compiled optimised itself, it would not be inlined, and each lookup would cost a call.
        /// </remarks>
        [MethodImpl(Hot.Inline)]
        public static LossFunction Function(this Loss loss) =>
            (uint)loss < (uint)Functions.Length ? Functions[(int)loss] : throw new ArgumentOutOfRangeException(nameof(loss), $"{loss} is not a loss.");
    }
}
