namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Makes an independent copy of a network.</para>
    /// <para type="description">Copies the weights, data schema, history and optimizer state, so the copy can be trained (for example on another thread) without touching the original.</para>
    /// </summary>
    /// <example>
    /// <code>$copy = $net | Copy-NeuralNetwork
    /// $rows | Invoke-NetworkTraining -Network $copy -Target species -Epochs 100 | Out-Null</code>
    /// <para>Trains a copy further while the original stays as it was.</para>
    /// </example>
    /// <example>
    /// <code>1..4 | ForEach-Object -Parallel { $n = $using:net | Copy-NeuralNetwork; $using:rows | Invoke-NetworkTraining -Network $n -Target species -Epochs 50 -Seed $_ }</code>
    /// <para>Each thread trains its own copy; training one network from two threads at once is refused.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Copy, "NeuralNetwork")]
    [OutputType(typeof(NeuralNetwork))]
    public sealed class CopyNeuralNetworkCommand : PSCmdlet
    {
        /// <summary>
        /// <para type="description">The network to copy; accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        [NeuralNetworkArgument]
        public NeuralNetwork InputObject { get; set; }

        /// <summary>Writes the copy.</summary>
        protected override void ProcessRecord()
        {
            using (ErrorRecords.HoldShared(this, InputObject, "Copy it before or after that training."))
                WriteObject(new NeuralNetwork(InputObject.Model.Copy()));
        }
    }
}
