using NeuralNet.Core.Data;
using NeuralNet.Core.Optimizers;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// What a training call will do, every choice made (<see cref="Resolver"/>): the loss, the optimizer,
    /// its learning rate, the seed and how outputs group into targets. Immutable.
    /// </summary>
    public sealed class TrainingPlan
    {
        internal TrainingPlan(TrainingOptions options, Loss loss, OptimizerKind optimizer, double? carriedLearningRate, int seed, OutputLayout layout,
            ClassWeights classWeight, string sampleWeight, double[] dropout)
        {
            var recorded = options.Clone();
            recorded.Loss = loss;
            recorded.Optimizer = optimizer;
            recorded.LearningRate = carriedLearningRate;
            recorded.ClassWeight = classWeight.IsNone ? null : classWeight;
            recorded.SampleWeight = sampleWeight;
            recorded.Dropout = dropout;
            Options = recorded;
            Loss = loss;
            Optimizer = optimizer;
            LearningRate = Resolver.LearningRateFor(carriedLearningRate, optimizer);
            Seed = seed;
            Layout = layout;
            ClassWeight = classWeight;
            SampleWeight = sampleWeight;
            _dropout = dropout;
        }

        private readonly double[] _dropout;

        /// <summary>Dropout rates, one per hidden layer, or null: none.</summary>
        public System.Collections.Generic.IReadOnlyList<double> Dropout => _dropout;

        /// <summary>The options as the network records them for resuming: the given ones with the loss and optimizer (and a carried-over rate) filled in.</summary>
        internal TrainingOptions Options { get; }

        public Loss Loss { get; }

        public OptimizerKind Optimizer { get; }

        public double LearningRate { get; }

        /// <summary>The L2 penalty λ on weights.</summary>
        public double L2 => Options.L2;

        /// <summary>Seeds shuffling and validation splits.</summary>
        public int Seed { get; }

        public OutputLayout Layout { get; }

        /// <summary>How much each class's rows count (<see cref="ClassWeights.None"/>: all the same).</summary>
        public ClassWeights ClassWeight { get; }

        /// <summary>The column of row weights, or null.</summary>
        public string SampleWeight { get; }

        /// <summary>Rows per step for a training set of <paramref name="rows"/> rows.</summary>
        public int BatchSize(int rows) => Resolver.BatchSizeFor(Options.BatchSize, Optimizer, rows);

        /// <summary>Returns the options a caller records; they are a copy.</summary>
        public TrainingOptions RecordedOptions() => Options.Clone();
    }

    /// <summary>Data ready to train on: the encoded training and validation sets and the plan.</summary>
    public sealed record PreparedTraining(DataSet Train, DataSet Validation, TrainingPlan Plan);
}
