using NeuralNet.Core.Persistence;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Where a training call stood when it did not finish: written into every checkpoint and left on a
    /// network that Ctrl+C stopped. The next call with the same options (the epoch count aside) takes
    /// it up, so the run goes on as if it had never stopped: the same row shuffles (the generator is
    /// seeded from <see cref="ShuffleSeedEpoch"/> and has drawn <see cref="Shuffles"/> epochs' worth),
    /// the same point of the learning-rate schedule, the same early-stopping count. The optimizer's
    /// moments travel with the network itself. Immutable.
    /// </summary>
    public sealed class ResumePoint
    {
        public ResumePoint(int shuffleSeedEpoch, long shuffles, int scheduleEpoch, double baseLearningRate, double learningRate, int stalled,
            int halvings, double? bestLoss, int bestEpoch, int epochsWithoutImprovement)
        {
            ShuffleSeedEpoch = shuffleSeedEpoch;
            Shuffles = shuffles;
            ScheduleEpoch = scheduleEpoch;
            BaseLearningRate = baseLearningRate;
            LearningRate = learningRate;
            Stalled = stalled;
            Halvings = halvings;
            BestLoss = bestLoss;
            BestEpoch = bestEpoch;
            EpochsWithoutImprovement = epochsWithoutImprovement;
        }

        /// <summary>The epochs trained when the call began: its shuffles are seeded by seed·31 + this.</summary>
        public int ShuffleSeedEpoch { get; }

        /// <summary>Row shuffles drawn from that generator so far: one per epoch recorded since <see cref="ShuffleSeedEpoch"/> when rows are shuffled, else 0.</summary>
        public long Shuffles { get; }

        /// <summary>Epochs into the learning-rate schedule (Step and Exponential count from the call's start).</summary>
        public int ScheduleEpoch { get; }

        /// <summary>The rate the schedule scales (the plan's, halved by -AutoReduceLearningRate as often as it was).</summary>
        public double BaseLearningRate { get; }

        /// <summary>The rate of the last epoch (what Plateau lowers from).</summary>
        public double LearningRate { get; }

        /// <summary>Epochs without improvement that Plateau has counted since it last lowered the rate.</summary>
        public int Stalled { get; }

        /// <summary>How often -AutoReduceLearningRate has halved the rate in this call.</summary>
        public int Halvings { get; }

        /// <summary>The lowest monitored loss so far (validation loss, else training loss); null before any.</summary>
        public double? BestLoss { get; }

        /// <summary>The epoch that reached <see cref="BestLoss"/> (the epoch count before the call when none did).</summary>
        public int BestEpoch { get; }

        /// <summary>What -Patience has counted.</summary>
        public int EpochsWithoutImprovement { get; }

        /// <summary>
        /// Whether a call with <paramref name="options"/> continues the run that <paramref name="interrupted"/>
        /// (its recorded options) began: every option but the epoch count is the same. Any other change
        /// starts a new run from the network's weights, as a call after a finished one does.
        /// </summary>
        public static bool Continues(TrainingOptions options, TrainingOptions interrupted)
        {
            if (interrupted == null) return false;
            var epochs = OptionsFormat.NameOf(typeof(TrainingOptions).GetProperty(nameof(TrainingOptions.Epochs)));
            return OptionsFormat.Write(options).Where(p => p.Key != epochs)
                .SequenceEqual(OptionsFormat.Write(interrupted).Where(p => p.Key != epochs));
        }
    }
}
