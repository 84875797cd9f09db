namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Put on a NeuralNetwork parameter: rebuilds a serialized network (from a job, a remote session or
    /// Import-Clixml, or a saved network's JSON text) before binding, and when that fails says why
    /// without quoting the value. PowerShell's own conversion error would quote it, and for a network's
    /// JSON that is the whole file.
    /// </summary>
    internal sealed class NeuralNetworkArgumentAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (!NeuralNetworkConverter.IsSerialized(inputData)) return inputData;
            try
            {
                return NeuralNetworkConverter.FromSerialized(inputData);
            }
            catch (NeuralNetException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
    }
}
