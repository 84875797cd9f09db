namespace NeuralNet.Core.Training
{
    /// <summary>One epoch of training history. Immutable: a copy of a network shares its records safely.</summary>
    /// <param name="Epoch">1-based, continuing across calls that resume training.</param>
    /// <param name="Loss">The training loss, averaged as the loss defines (SumSquaredError: summed over all rows).</param>
    /// <param name="ValidationLoss">The loss on the validation rows, null without them.</param>
    /// <param name="MetricName">"Accuracy" for classification, "RSquared" for regression.</param>
    /// <param name="Metric">The metric on the training batches of the epoch (computed before each batch's update).</param>
    /// <param name="ValidationMetric">The metric on the validation rows, null without them.</param>
    /// <param name="LearningRate">NaN for L-BFGS, which has none.</param>
    /// <param name="Elapsed">Time since this training call started.</param>
    /// <param name="Interrupted">True for the epoch during which Ctrl+C stopped training (its loss covers the batches done).</param>
    public sealed record EpochRecord(int Epoch, double Loss, double? ValidationLoss, string MetricName, double? Metric,
        double? ValidationMetric, double LearningRate, TimeSpan Elapsed, bool Interrupted);
}
