namespace NeuralNet.Core.Training
{
    /// <summary>How the trainer reports to whoever runs it (the cmdlet turns these into progress, verbose lines and warnings).</summary>
    public interface ITrainingObserver
    {
        /// <summary>Called on the training thread after every epoch.</summary>
        void EpochCompleted(EpochRecord record, int epochsPlanned);

        void Warning(string message);
    }
}
