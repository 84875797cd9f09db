namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Invoke-NetworkTraining -CheckpointPath: each checkpoint the core hands over is written as a model
    /// file through <see cref="AtomicFile"/>, the module's one writer, so after a crash or a kill at any
    /// moment the file is the previous checkpoint or the new one, whole. Failures are FileSaveExceptions,
    /// which stop training (consistently) and reach the cmdlet.
    /// </summary>
    internal sealed class CheckpointFile : ICheckpointSink
    {
        private readonly string _path;

        /// <param name="path">The full path, already checked with <see cref="AtomicFile.Check"/>.</param>
        public CheckpointFile(string path) => _path = path;

        public void Save(NeuralNetworkModel checkpoint) =>
            AtomicFile.Write(_path, SavedFile.Utf8(ModelFile.Write(checkpoint, NeuralNetwork.ModuleVersion, DateTime.UtcNow)), force: false);
    }
}
