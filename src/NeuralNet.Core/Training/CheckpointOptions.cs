using NeuralNet.Core.Options;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Where and how often Invoke-NetworkTraining saves checkpoints. Not training options: they change
    /// nothing about the run (so a model file does not record them and an experiment cannot vary them).
    /// The cmdlet turns the path into an <see cref="ICheckpointSink"/>; the core reads only the cadence.
    /// </summary>
    public sealed class CheckpointOptions
    {
        /// <summary>The file each checkpoint replaces; null: no checkpoints.</summary>
        public string CheckpointPath { get; set; }

        /// <summary>A checkpoint after every epoch whose number is a multiple of this (and always when training ends or is stopped).</summary>
        [OptionRange(1, int.MaxValue)]
        public int CheckpointEvery { get; set; } = 1;

        public void Validate() => OptionBinder.Validate(this);
    }
}
