using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using NeuralNet.Core.Persistence;
using NeuralNet.PowerShell.Internal;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Saves a network to a JSON file: architecture, every weight at full precision, the data schema, training options and history.</para>
    /// <para type="description">Writes the versioned JSON format that Import-NeuralNetwork reads (documented in docs/model-format.md). Weights are written so they read back bit for bit,
    /// and so predictions after Import-NeuralNetwork are identical. The file is written to a temporary file beside it and then moved into place, so a crash or Ctrl+C never leaves
    /// a half-written network and an existing file is replaced whole or not at all; the file is flushed to disk before it replaces the old one. Like Export-Clixml it overwrites an existing file unless -NoClobber is given;
    /// -Force also replaces a read-only file. A replaced file keeps its permissions and owner, a link keeps pointing to the new file, and a directory or device is never replaced.
    /// Paths are relative to the current location.</para>
    /// </summary>
    /// <example>
    /// <code>$net | Export-NeuralNetwork -Path ./iris.json</code>
    /// <para>Saves the network, its data schema and history as JSON; an existing file is replaced whole.</para>
    /// </example>
    /// <example>
    /// <code>$net | Export-NeuralNetwork -Path ./iris.json -NoClobber -PassThru</code>
    /// <para>Refuses to replace an existing file and returns the written file.</para>
    /// </example>
    /// <example>
    /// <code>$net | Export-NeuralNetwork -Path ./models/iris.json -WhatIf</code>
    /// <para>Shows what would be written without writing it.</para>
    /// </example>
    [Cmdlet(VerbsData.Export, "NeuralNetwork", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportNeuralNetworkCommand : FileExportCommand
    {
        private readonly HashSet<string> _written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// <para type="description">The network to save; accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        [NeuralNetworkArgument]
        public NeuralNetwork InputObject { get; set; }

        /// <summary>Writes one network.</summary>
        protected override void ProcessRecord()
        {
            var target = TargetPath;
            if (!_written.Add(target))
            {
                ThrowTerminatingError(ErrorRecords.Create("SeveralNetworksOneFile", ErrorCategory.InvalidArgument,
                    $"Several networks were piped to '{target}', but a file holds one network. Export each to its own file (for example -Path \"net-$i.json\").", InputObject));
            }
            Save(target, InputObject, "Export neural network " + InputObject.Layers,
                () => ModelFile.Write(InputObject.Model, NeuralNetwork.ModuleVersion, DateTime.UtcNow));
        }
    }
}
