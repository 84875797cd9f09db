namespace NeuralNet.Core.Training
{
    /// <summary>
    /// A training's checkpoints: the sink they go to and their cadence. What a checkpoint holds is the
    /// network as it would stand if training stopped there: the best epoch's weights when there is
    /// validation data, else the latest, with the optimizer state, the options and the resume point.
    /// </summary>
    public sealed class Checkpoints
    {
        public Checkpoints(ICheckpointSink sink, CheckpointOptions options)
        {
            Sink = sink ?? throw new ArgumentNullException(nameof(sink));
            options.Validate();
            Every = options.CheckpointEvery;
        }

        public ICheckpointSink Sink { get; }

        /// <summary>Epochs between checkpoints: one after each epoch whose number is a multiple of this, so a resumed run keeps the cadence.</summary>
        public int Every { get; }

        /// <summary>Whether the epoch numbered <paramref name="epoch"/> (1-based, across calls) ends with a checkpoint.</summary>
        public bool Due(int epoch) => epoch % Every == 0;
    }
}
