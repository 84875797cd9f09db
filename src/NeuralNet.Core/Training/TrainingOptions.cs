using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Options;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// How to train: the one source of every training option. Each property is named as its
    /// Invoke-NetworkTraining parameter, so bound parameters, grid keys and plan files map onto it by
    /// name (<see cref="OptionBinder"/>); its initial value is the default (null: the
    /// <see cref="Resolver"/> decides from the data, the network or the optimizer); its
    /// <see cref="OptionRangeAttribute"/> is checked by <see cref="Validate"/>; and
    /// <see cref="Persistence.OptionsFormat"/> saves and reads it with the network. A new option is
    /// one property here plus its cmdlet parameter.
    /// </summary>
    public sealed class TrainingOptions
    {
        /// <summary>Passes over the data.</summary>
        [OptionRange(1, int.MaxValue)]
        public int Epochs { get; set; } = 100;

        /// <summary>Null: the previous training's rate with the same optimizer, else the optimizer's default (<see cref="Resolver"/>).</summary>
        [OptionRange(0, double.MaxValue)]
        public double? LearningRate { get; set; }

        /// <summary>Null: <see cref="Resolver.DefaultBatchSize"/> rows, or every row for Rprop. A size ≥ the row count means full-batch.</summary>
        [OptionRange(1, int.MaxValue)]
        public int? BatchSize { get; set; }

        /// <summary>Null: the previous training's, else from the output activation (<see cref="Resolver"/>).</summary>
        public Loss? Loss { get; set; }

        /// <summary>Null: the previous training's, else GradientDescent with SumSquaredError (the tutorial's pairing) and Adam otherwise.</summary>
        public OptimizerKind? Optimizer { get; set; }

        /// <summary>Nesterov momentum with the Momentum optimizer.</summary>
        public bool Nesterov { get; set; }

        /// <summary>L2 penalty λ on weights (not biases).</summary>
        [OptionRange(0, double.MaxValue)]
        public double L2 { get; set; }

        /// <summary>Shuffle the rows before every epoch (seeded); irrelevant for full batches.</summary>
        public bool Shuffle { get; set; } = true;

        /// <summary>Seed for shuffling and validation splits; null: the network's seed.</summary>
        public int? Seed { get; set; }

        /// <summary>Share of rows held out to measure the validation loss each epoch (stratified by class); 0: none.</summary>
        [OptionRange(0, 1, MaxExclusive = true)]
        public double ValidationSplit { get; set; }

        /// <summary>Stop when the monitored loss has not improved by <see cref="MinDelta"/> for this many epochs; null: never.</summary>
        [OptionRange(1, int.MaxValue)]
        public int? Patience { get; set; }

        /// <summary>The smallest decrease of the monitored loss that counts as an improvement.</summary>
        [OptionRange(0, double.MaxValue)]
        public double MinDelta { get; set; }

        /// <summary>On a NaN or infinite loss, halve the learning rate and retry from the weights the call began with instead of failing.</summary>
        public bool AutoReduceLearningRate { get; set; }

        /// <summary>How the learning rate changes over epochs.</summary>
        [PersistedAs("schedule")]
        public LearningRateSchedule LearningRateSchedule { get; set; } = LearningRateSchedule.Constant;

        /// <summary>Step: multiply by <see cref="ScheduleFactor"/> every this many epochs. Plateau: after this many epochs without improvement.</summary>
        [OptionRange(1, int.MaxValue)]
        public int ScheduleStep { get; set; } = 10;

        /// <summary>The multiplier of the Step, Exponential (per epoch) and Plateau schedules.</summary>
        [OptionRange(0, 1, MinExclusive = true)]
        public double ScheduleFactor { get; set; } = 0.5;

        /// <summary>Balanced, None, or a weight per class label; null: the previous training's, else none (<see cref="Resolver"/>).</summary>
        public ClassWeights ClassWeight { get; set; }

        /// <summary>The column holding each row's weight (≥ 0), which is then not a feature; null: the previous training's, else none; empty: none.</summary>
        public string SampleWeight { get; set; }

        /// <summary>
        /// Inverted dropout while training: one rate for every hidden layer, or one per hidden layer; null:
        /// the previous training's, else none; 0: none.
        /// </summary>
        [OptionRange(0, 1, MaxExclusive = true)]
        public double[] Dropout { get; set; }

        /// <summary>Throws InvalidOptionValue, naming the parameter, for any value outside its range.</summary>
        public void Validate() => OptionBinder.Validate(this);

        public TrainingOptions Clone()
        {
            var copy = (TrainingOptions)MemberwiseClone();
            copy.Dropout = (double[])Dropout?.Clone();
            return copy;
        }
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
