namespace NeuralNet.Core.Training
{
    /// <summary>How a training call ended.</summary>
    public sealed class TrainingResult
    {
        public int EpochsRun { get; set; }

        /// <summary>Stopped by cancellation (Ctrl+C) after a completed batch.</summary>
        public bool Interrupted { get; set; }

        /// <summary>Stopped by early stopping (-Patience).</summary>
        public bool StoppedEarly { get; set; }

        /// <summary>The epoch whose weights the network holds at the end (the best one when they were restored).</summary>
        public int BestEpoch { get; set; }

        public double FinalLoss { get; set; }
    }
}
