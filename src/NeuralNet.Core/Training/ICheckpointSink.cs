namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Where training sends its checkpoints. The core decides when and what (<see cref="Checkpoints"/>);
    /// whoever runs the training decides where and how: the cmdlets write each one atomically to
    /// -CheckpointPath with the module's one file writer.
    /// </summary>
    public interface ICheckpointSink
    {
        /// <summary>
        /// Saves a checkpoint: a complete network of its own (weights, optimizer state, options, history
        /// and where training stands), which training no longer touches. Called on the training thread;
        /// an exception stops training (the network stays consistent) and is rethrown to the caller.
        /// </summary>
        void Save(Model.NeuralNetworkModel checkpoint);
    }
}
