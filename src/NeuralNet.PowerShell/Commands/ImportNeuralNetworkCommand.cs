namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Loads networks saved by Export-NeuralNetwork.</para>
    /// <para type="description">Reads each file strictly: malformed JSON, a missing field, shapes that do not agree, a newer format version, non-numeric weights or absurd
    /// sizes stop with an error naming the file and what is wrong, found before any large allocation. The loaded network predicts exactly as the saved one did and can be trained
    /// further (the optimizer starts afresh). Accepts files piped from Get-ChildItem.</para>
    /// </summary>
    /// <example>
    /// <code>$net = Import-NeuralNetwork ./iris.json
    /// Import-Csv ./new.csv | Get-NetworkPrediction -Network $net</code>
    /// <para>Loads a saved network and predicts with it; predictions are identical to those of the network that was saved.</para>
    /// </example>
    /// <example>
    /// <code>Get-ChildItem ./models -Filter *.json | Import-NeuralNetwork | Sort-Object EpochsTrained</code>
    /// <para>Loads every saved network of a folder.</para>
    /// </example>
    [Cmdlet(VerbsData.Import, "NeuralNetwork", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(NeuralNetwork))]
    public sealed class ImportNeuralNetworkCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>
        /// <para type="description">The files to read; wildcards allowed, relative to the current location.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>
        /// <para type="description">The files to read, taken literally; binds the PSPath of files piped from Get-ChildItem.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; }

        /// <summary>Reads each file.</summary>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == PathSet)
            {
                foreach (var file in FileSystemPaths.Resolve(this, Path)) Load(file);
                return;
            }
            foreach (var literal in LiteralPath)
            {
                var file = FileSystemPaths.Literal(this, literal);
                FileSystemPaths.RequireReadable(this, file);
                if (!File.Exists(file) && !Directory.Exists(file))
                    ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"The file '{file}' does not exist.", file), "FileNotFound", ErrorCategory.ObjectNotFound, literal));
                Load(file);
            }
        }

        private void Load(string file)
        {
            if (Directory.Exists(file))
                ThrowTerminatingError(ErrorRecords.Create("PathIsDirectory", ErrorCategory.InvalidArgument,
                    $"'{file}' is a directory, not a network file. Give the path of a .json file, or load every network in it: Get-ChildItem '{file}' -Filter *.json | Import-NeuralNetwork.", file));
            try
            {
                var info = new FileInfo(file);
                if (info.Length > NetworkLimits.MaxFileBytes)
                    throw ModelFile.Invalid(file, $"it is {info.Length / (1 << 20)} MB, more than the {NetworkLimits.MaxFileBytes >> 20} MB of the largest network file (see docs/model-format.md)");
                var bytes = File.ReadAllBytes(file);
                try
                {
                    WriteObject(new NeuralNetwork(ModelFile.Read(bytes, file)));
                }
                catch (NeuralNetException e) when (e.ErrorId == "ModelFileInvalid" && OtherFormat(bytes) != null)
                {
                    throw new NeuralNetException(e.ErrorId, e.Kind, e.Message + " " + OtherFormat(bytes));
                }
            }
            catch (NeuralNetException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, file));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(e, "ImportFailed", e is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ReadError, file));
            }
        }

        /// <summary>What to do instead when the file is another format the module writes: CliXml (XML) or ONNX (protobuf), else null.</summary>
        private static string OtherFormat(byte[] bytes)
        {
            int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            while (start < bytes.Length && (bytes[start] == ' ' || bytes[start] == '\t' || bytes[start] == '\r' || bytes[start] == '\n')) start++;
            bool utf16 = bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == '<';
            if (utf16 || (start < bytes.Length && bytes[start] == '<'))
                return "It is XML, as Export-Clixml writes: read a network saved that way with Import-Clixml, or save it with Export-NeuralNetwork.";
            // An ONNX model is a protobuf message whose first field is ir_version (field 1, a varint: tag byte 0x08).
            if (bytes.Length > 1 && bytes[0] == 0x08 && bytes[1] < 0x80)
                return "It looks like an ONNX model, which Import-NeuralNetwork does not read: load the JSON file Export-NeuralNetwork wrote beside it.";
            return null;
        }
    }
}
