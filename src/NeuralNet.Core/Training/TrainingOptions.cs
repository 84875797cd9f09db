using NeuralNet.Core.Optimizers;

namespace NeuralNet.Core.Training
{
    /// <summary>How to train. Null means "choose for me" (from the data, the network, or the optimizer).</summary>
    public sealed class TrainingOptions
    {
        public int Epochs { get; set; } = 100;

        /// <summary>Null: the optimizer's default (Adam 0.001, gradient descent 0.01).</summary>
        public double? LearningRate { get; set; }

        /// <summary>Null: 32 rows, or every row for Rprop. A size ≥ the row count means full-batch.</summary>
        public int? BatchSize { get; set; }

        /// <summary>Null: from the output activation (softmax → CrossEntropy, sigmoid classes → BinaryCrossEntropy, else MeanSquaredError).</summary>
        public Loss? Loss { get; set; }

        /// <summary>Null: the previous training's optimizer; for a new network GradientDescent with SumSquaredError (the tutorial's pairing), else Adam.</summary>
        public OptimizerKind? Optimizer { get; set; }

        public bool Nesterov { get; set; }

        /// <summary>L2 penalty λ on weights.</summary>
        public double L2 { get; set; }

        /// <summary>Shuffle the rows before every epoch (seeded); irrelevant for full batches.</summary>
        public bool Shuffle { get; set; } = true;

        /// <summary>Seed for shuffling and validation splits; null: the network's seed.</summary>
        public int? Seed { get; set; }

        /// <summary>Stop when the monitored loss has not improved by <see cref="MinDelta"/> for this many epochs; null: never.</summary>
        public int? Patience { get; set; }

        public double MinDelta { get; set; }

        /// <summary>On a NaN or infinite loss, halve the learning rate and retry from the last good weights instead of failing.</summary>
        public bool AutoReduceLearningRate { get; set; }

        public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.Constant;

        /// <summary>Step: multiply by <see cref="ScheduleFactor"/> every <see cref="ScheduleStep"/> epochs. Plateau: after this many epochs without improvement.</summary>
        public int ScheduleStep { get; set; } = 10;

        /// <summary>The multiplier of Step, Exponential (per epoch) and Plateau schedules.</summary>
        public double ScheduleFactor { get; set; } = 0.5;

        public TrainingOptions Clone() => (TrainingOptions)MemberwiseClone();
    }

    /// <summary>How the learning rate changes over epochs.</summary>
    public enum LearningRateSchedule
    {
        Constant,
        /// <summary>η·factor^⌊epoch / step⌋.</summary>
        Step,
        /// <summary>η·factor^epoch.</summary>
        Exponential,
        /// <summary>η·factor each time the monitored loss stalls for ScheduleStep epochs.</summary>
        Plateau,
    }
}
