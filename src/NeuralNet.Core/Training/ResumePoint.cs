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
    /// <param name="ShuffleSeedEpoch">The epochs trained when the call began: its shuffles are seeded by seed·31 + this.</param>
    /// <param name="Shuffles">Row shuffles drawn from that generator so far: one per epoch recorded since <see cref="ShuffleSeedEpoch"/> when rows are shuffled, else 0.</param>
    /// <param name="ScheduleEpoch">Epochs into the learning-rate schedule (Step and Exponential count from the call's start).</param>
    /// <param name="BaseLearningRate">The rate the schedule scales (the plan's, halved by -AutoReduceLearningRate as often as it was).</param>
    /// <param name="LearningRate">The rate of the last epoch (what Plateau lowers from).</param>
    /// <param name="Stalled">Epochs without improvement that Plateau has counted since it last lowered the rate.</param>
    /// <param name="Halvings">How often -AutoReduceLearningRate has halved the rate in this call.</param>
    /// <param name="BestLoss">The lowest monitored loss so far (validation loss, else training loss); null before any.</param>
    /// <param name="BestEpoch">The epoch that reached <see cref="BestLoss"/> (the epoch count before the call when none did).</param>
    /// <param name="EpochsWithoutImprovement">What -Patience has counted.</param>
    public sealed record ResumePoint(int ShuffleSeedEpoch, long Shuffles, int ScheduleEpoch, double BaseLearningRate,
        double LearningRate, int Stalled, int Halvings, double? BestLoss, int BestEpoch, int EpochsWithoutImprovement)
    {
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
