using System;

namespace NeuralNet.Core.Training
{
    /// <summary>One epoch of training history.</summary>
    public sealed class EpochRecord
    {
        /// <summary>1-based, continuing across calls that resume training.</summary>
        public int Epoch { get; set; }

        /// <summary>The training loss, averaged as the loss defines (SumSquaredError: summed over all rows).</summary>
        public double Loss { get; set; }

        public double? ValidationLoss { get; set; }

        /// <summary>"Accuracy" for classification, "RSquared" for regression.</summary>
        public string MetricName { get; set; }

        /// <summary>The metric on the training batches of the epoch (computed before each batch's update).</summary>
        public double? Metric { get; set; }

        public double? ValidationMetric { get; set; }

        public double LearningRate { get; set; }

        /// <summary>Time since this training call started.</summary>
        public TimeSpan Elapsed { get; set; }

        /// <summary>True for the epoch during which Ctrl+C stopped training (its loss covers the batches done).</summary>
        public bool Interrupted { get; set; }
    }
}
