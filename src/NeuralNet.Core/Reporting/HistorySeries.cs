using NeuralNet.Core.Training;

namespace NeuralNet.Core.Reporting
{
    /// <summary>The curves of a training history: epochs, training loss and (where measured) validation loss.</summary>
    public sealed class HistorySeries
    {
        public HistorySeries(IReadOnlyList<EpochRecord> history)
        {
            Epochs = history.Select(r => (double)r.Epoch).ToArray();
            Loss = history.Select(r => r.Loss).ToArray();
            ValidationLoss = history.Select(r => r.ValidationLoss ?? double.NaN).ToArray();
            HasValidation = history.Any(r => r.ValidationLoss.HasValue);
        }

        public double[] Epochs { get; }

        public double[] Loss { get; }

        /// <summary>NaN for epochs without validation.</summary>
        public double[] ValidationLoss { get; }

        public bool HasValidation { get; }

        public IEnumerable<double> AllValues => HasValidation ? Loss.Concat(ValidationLoss) : Loss;
    }
}
