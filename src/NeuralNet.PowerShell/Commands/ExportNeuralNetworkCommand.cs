using NeuralNet.Core.Persistence.Onnx;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Saves a network to a JSON file (architecture, every weight at full precision, the data schema, training options and history), or as an ONNX model for ONNX Runtime and other runtimes.</para>
    /// <para type="description">By default writes the versioned JSON format that Import-NeuralNetwork reads (documented in docs/model-format.md). Weights are written so they read back bit for bit,
    /// and so predictions after Import-NeuralNetwork are identical.</para>
    /// <para type="description">With -Format Onnx, or a path ending in .onnx, writes an ONNX model (opset 17) whose graph holds the whole mapping from a row to a prediction: one input per column the network was trained on,
    /// named after it; the one-hot encoding of categorical columns and the scaling of numeric ones; the layers; and per target the label and class probabilities, or the number in the target's own units.
    /// ONNX Runtime (C#, Python, Java, JavaScript) needs nothing else to use it. A network trained on matrices (-FeatureMatrix) has the layers alone, from 'input' to 'output'. The model's metadata carry the module version,
    /// the precision, the feature order and the targets. docs/onnx.md describes the graph, its precision and how to call it. Import-NeuralNetwork does not read ONNX files: keep the JSON file to train further.</para>
    /// <para type="description">The file is written to a temporary file beside it and then moved into place, so a crash or Ctrl+C never leaves
    /// a half-written network and an existing file is replaced whole or not at all; the file is flushed to disk before it replaces the old one. Like Export-Clixml it overwrites an existing file unless -NoClobber is given;
    /// -Force also replaces a read-only file. A replaced file keeps its permissions and owner, a link keeps pointing to the new file, and a directory or device is never replaced.
    /// Paths are relative to the current location.</para>
    /// </summary>
    /// <example>
    /// <code>$net | Export-NeuralNetwork -Path ./iris.json</code>
    /// <para>Saves the network, its data schema and history as JSON; an existing file is replaced whole.</para>
    /// </example>
    /// <example>
    /// <code>$net | Export-NeuralNetwork -Path ./iris.onnx</code>
    /// <para>Writes an ONNX model (the .onnx extension chooses -Format Onnx) with the inputs sepal_length, sepal_width, petal_length and petal_width, each a float64 tensor of shape [N, 1],
    /// and the outputs species (the predicted labels) and species_probabilities ([N, 3], in class order), for ONNX Runtime from C# or Python (docs/onnx.md shows both).</para>
    /// </example>
    /// <example>
    /// <code>$net | Export-NeuralNetwork -Path ./churn.model -Format Onnx -UnknownCategory Ignore -NoClobber</code>
    /// <para>Writes ONNX whatever the extension. A category that training never saw is encoded as none of the known ones, as Get-NetworkPrediction -UnknownCategory Ignore does, instead of failing the run; an existing file is kept.</para>
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
        private const string Json = "Json", Onnx = "Onnx";

        private readonly HashSet<string> _written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// <para type="description">The network to save; accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        [NeuralNetworkArgument]
        public NeuralNetwork InputObject { get; set; }

        /// <summary>
        /// <para type="description">Json (the network file Import-NeuralNetwork reads back) or Onnx (an ONNX model for ONNX Runtime and other runtimes; see docs/onnx.md).
        /// Default: Onnx when the path ends in .onnx (in any case), Json for every other path.</para>
        /// </summary>
        [Parameter]
        [ValidateSet(Json, Onnx)]
        public string Format { get; set; }

        /// <summary>
        /// <para type="description">ONNX only: what the exported graph does with a category that training never saw, as Get-NetworkPrediction -UnknownCategory does when the module predicts.
        /// Error (default): running the model fails. Ignore: the category is encoded as none of the known ones (every one-hot input 0).
        /// Recorded in the model's metadata (unknownCategory) when the network has a categorical column. A JSON file stores no policy, so giving -UnknownCategory for JSON is an error.</para>
        /// </summary>
        [Parameter]
        public UnknownCategoryPolicy UnknownCategory { get; set; } = UnknownCategoryPolicy.Error;

        /// <summary>Writes one network.</summary>
        protected override void ProcessRecord()
        {
            var target = TargetPath;
            bool onnx = Format != null
                ? string.Equals(Format, Onnx, StringComparison.OrdinalIgnoreCase)
                : target.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);
            if (!onnx && MyInvocation.BoundParameters.ContainsKey(nameof(UnknownCategory)))
            {
                ThrowTerminatingError(ErrorRecords.Create("UnknownCategoryNeedsOnnx", ErrorCategory.InvalidArgument,
                    $"-UnknownCategory applies to ONNX models only, and '{target}' would be written as JSON, which stores no policy " +
                    "(Get-NetworkPrediction -UnknownCategory chooses one when the network predicts). Give -Format Onnx, or leave out -UnknownCategory.", UnknownCategory));
            }
            if (!_written.Add(target))
            {
                ThrowTerminatingError(ErrorRecords.Create("SeveralNetworksOneFile", ErrorCategory.InvalidArgument,
                    $"Several networks were piped to '{target}', but a file holds one network. Export each to its own file (for example -Path \"net-$i{System.IO.Path.GetExtension(target)}\").", InputObject));
            }
            if (!onnx)
            {
                Save(target, InputObject, "Export neural network " + InputObject.Layers,
                    () => ModelFile.Write(InputObject.Model, NeuralNetwork.ModuleVersion, DateTime.UtcNow));
                return;
            }
            // Before -WhatIf, so that it does not promise a file that cannot be written.
            if (!InputObject.Model.IsBuilt) ThrowTerminatingError(ErrorRecords.NotTrained(InputObject));
            Save(target, InputObject, $"Export neural network {InputObject.Layers} as ONNX", () => OnnxModel(InputObject));
        }

        /// <summary>The ONNX model's bytes; a network the graph cannot express stops with the core's error id.</summary>
        private byte[] OnnxModel(NeuralNetwork network)
        {
            try
            {
                using (var bytes = new MemoryStream())
                {
                    OnnxExport.Write(network.Model, bytes, NeuralNetwork.ModuleVersion, UnknownCategory);
                    return bytes.ToArray();
                }
            }
            catch (NeuralNetException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, network));
                return null;
            }
        }
    }
}
