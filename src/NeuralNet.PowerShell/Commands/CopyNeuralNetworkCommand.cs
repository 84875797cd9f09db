using System.Management.Automation;
using System.Threading;
using NeuralNet.PowerShell.Internal;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Makes an independent copy of a network.</para>
    /// <para type="description">Copies the weights, data schema, history and optimizer state, so the copy can be trained (for example on another thread) without touching the original.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "NeuralNetwork")]
    [OutputType(typeof(NeuralNetwork))]
    public sealed class CopyNeuralNetworkCommand : PSCmdlet
    {
        /// <summary>
        /// <para type="description">The network to copy; accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public NeuralNetwork InputObject { get; set; }

        /// <summary>Writes the copy.</summary>
        protected override void ProcessRecord()
        {
            var model = InputObject.Model;
            if (!Monitor.TryEnter(model))
            {
                ThrowTerminatingError(ErrorRecords.Create("NetworkBusy", ErrorCategory.ResourceBusy,
                    "This network is being trained by another thread; copy it before or after that training.", InputObject));
            }
            try
            {
                WriteObject(new NeuralNetwork(model.Clone()));
            }
            finally
            {
                Monitor.Exit(model);
            }
        }
    }
}
