namespace NeuralNet.Core.Training
{
    /// <summary>How the trainer reports to whoever runs it (the cmdlet turns these into progress, verbose lines and warnings).</summary>
    public interface ITrainingObserver
    {
        /// <summary>
        /// Called on the training thread after every epoch: whether <see cref="EpochCompleted"/> should follow
        /// with the epoch's record. An observer that shows progress a few times a second answers no for the
        /// epochs between, and the trainer then makes no record object for them (making one took longer than a
        /// whole epoch of a tutorial-sized network). <paramref name="epochsPlanned"/> is the call's -Epochs.
        /// </summary>
        bool WantsEpoch(int epochsPlanned);

        /// <summary>Called on the training thread after an epoch for which <see cref="WantsEpoch"/> answered yes.</summary>
        void EpochCompleted(EpochRecord record, int epochsPlanned);

        void Warning(string message);
    }
}
