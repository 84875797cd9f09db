namespace NeuralNet.Core.Model
{
    /// <summary>
    /// Work a training pass hands to the kernel helpers once a batch's first layer is computed, to run
    /// beside the caller's serial work on the layers above: the next batch's rows, gathered meanwhile.
    /// </summary>
    internal interface IOverlappedWork
    {
        void Start();
    }
}
