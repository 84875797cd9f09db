namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Draws a network as an SVG picture: layers, units and connections weighted by magnitude.</para>
    /// <para type="description">Draws one column of units per layer and every connection, its width and opacity growing with the weight's magnitude,
    /// blue for positive and red for negative weights; inputs and outputs carry the feature and class names the network learned. Meant for small networks
    /// such as the tutorial's: layers wider than 24 units show their first and last units around an ellipsis. Writes are atomic, as Export-NeuralNetwork's are, with the same -Force, -NoClobber, -PassThru and -WhatIf.</para>
    /// </summary>
    /// <example>
    /// <code>Export-NetworkDiagram -Network $tutorial -Path ./tutorial.svg</code>
    /// <para>A picture of the tutorial's 3-4-1 network, each connection drawn by the size and sign of its weight.</para>
    /// </example>
    /// <example>
    /// <code>$net | Export-NetworkDiagram -Path ./iris.svg -Title 'Iris classifier' -PassThru</code>
    /// <para>Inputs are labelled with the feature names and outputs with the classes.</para>
    /// </example>
    [Cmdlet(VerbsData.Export, "NetworkDiagram", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportNetworkDiagramCommand : FileExportCommand
    {
        /// <summary>
        /// <para type="description">The network to draw; accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        [NeuralNetworkArgument]
        public NeuralNetwork Network { get; set; }

        /// <summary>
        /// <para type="description">The picture's title. Default: the network's layers and activations.</para>
        /// </summary>
        [Parameter]
        public string Title { get; set; }

        /// <summary>Writes the picture.</summary>
        protected override void ProcessRecord()
        {
            if (Network.Model.Network == null) ThrowTerminatingError(ErrorRecords.NotTrained(Network));
            Save(TargetPath, Network, "Export network diagram", () =>
            {
                var schema = Network.Model.Schema;
                var outputs = schema?.OutputNames.ToList();
                return NetworkDiagram.Render(Network.Model.Network, schema?.InputNames.ToList(), outputs, Title ?? $"Network {Network.Layers} ({Network.Activation}/{Network.OutputActivation})");
            });
        }
    }
}
