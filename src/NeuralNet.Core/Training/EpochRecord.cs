namespace NeuralNet.Core.Training
{
    /// <summary>One epoch of training history. Immutable: a copy of a network shares its records safely.</summary>
    public sealed class EpochRecord
    {
        public EpochRecord(int epoch, double loss, double? validationLoss, string metricName, double? metric, double? validationMetric,
            double learningRate, TimeSpan elapsed, bool interrupted)
        {
            Epoch = epoch;
            Loss = loss;
            ValidationLoss = validationLoss;
            MetricName = metricName;
            Metric = metric;
            ValidationMetric = validationMetric;
            LearningRate = learningRate;
            Elapsed = elapsed;
            Interrupted = interrupted;
        }

        /// <summary>1-based, continuing across calls that resume training.</summary>
        public int Epoch { get; }

        /// <summary>The training loss, averaged as the loss defines (SumSquaredError: summed over all rows).</summary>
        public double Loss { get; }

        public double? ValidationLoss { get; }

        /// <summary>"Accuracy" for classification, "RSquared" for regression.</summary>
        public string MetricName { get; }

        /// <summary>The metric on the training batches of the epoch (computed before each batch's update).</summary>
        public double? Metric { get; }

        public double? ValidationMetric { get; }

        /// <summary>NaN for L-BFGS, which has none.</summary>
        public double LearningRate { get; }

        /// <summary>Time since this training call started.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>True for the epoch during which Ctrl+C stopped training (its loss covers the batches done).</summary>
        public bool Interrupted { get; }

        /// <summary>This record marked as the interrupted epoch.</summary>
        public EpochRecord AsInterrupted() =>
            Interrupted ? this : new EpochRecord(Epoch, Loss, ValidationLoss, MetricName, Metric, ValidationMetric, LearningRate, Elapsed, true);
    }
}
