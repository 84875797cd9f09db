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
    /// a half-written network and an existing file is replaced whole or not at all. Like Export-Clixml it overwrites an existing file unless -NoClobber is given; -Force also
    /// replaces a read-only file. Paths are relative to the current location.</para>
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
    public sealed class ExportNeuralNetworkCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private readonly HashSet<string> _written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// <para type="description">The network to save; accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public NeuralNetwork InputObject { get; set; }

        /// <summary>
        /// <para type="description">The file to write, relative to the current location.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>
        /// <para type="description">The file to write, taken literally (no wildcard characters).</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; }

        /// <summary>
        /// <para type="description">Replace the file even when it is read-only.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// <para type="description">Refuse to replace an existing file.</para>
        /// </summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>
        /// <para type="description">Write the saved file (a FileInfo) to the pipeline.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Writes one network.</summary>
        protected override void ProcessRecord()
        {
            var target = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ParameterSetName == PathSet ? Path : LiteralPath);
            if (!_written.Add(target))
            {
                ThrowTerminatingError(ErrorRecords.Create("SeveralNetworksOneFile", ErrorCategory.InvalidArgument,
                    $"Several networks were piped to '{target}', but a file holds one network. Export each to its own file (for example -Path \"net-$i.json\").", InputObject));
            }
            var file = new FileInfo(target);
            if (file.Exists && NoClobber)
            {
                ThrowTerminatingError(new ErrorRecord(new IOException($"The file '{target}' already exists; -NoClobber keeps it. Choose another path or leave out -NoClobber."),
                    "FileExists", ErrorCategory.ResourceExists, target));
            }
            SavedFile.RequireFolder(this, target);
            if (!ShouldProcess(target, "Export neural network " + InputObject.Layers)) return;

            string json = ModelFile.Write(InputObject.Model, NeuralNetwork.ModuleVersion, DateTime.UtcNow);
            SavedFile.Write(this, target, json, PassThru, Force, "ExportFailed");
        }
    }
}
