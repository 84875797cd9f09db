namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// What every Export- cmdlet shares, so they all save alike: -Path or -LiteralPath, -Force,
    /// -NoClobber, -PassThru and -WhatIf/-Confirm, checks before anything is rendered, and one atomic
    /// write (links followed, devices refused, mode and owner kept; see AtomicFile).
    /// </summary>
    public abstract class FileExportCommand : PSCmdlet
    {
        private protected const string PathSet = "Path";
        private protected const string LiteralPathSet = "LiteralPath";

        /// <summary>
        /// <para type="description">The file to write, relative to the current location. A link is followed: the file it points to is replaced and the link kept.</para>
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
        /// <para type="description">Replace the file even when it is read-only (it stays read-only, as with Export-Clixml -Force).</para>
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

        /// <summary>The full path the user gave (-Path or -LiteralPath), resolved against the current location; a path of another provider than the file system stops.</summary>
        private protected string TargetPath => FileSystemPaths.Literal(this, ParameterSetName == LiteralPathSet ? LiteralPath : Path);

        /// <summary>
        /// Saves what <paramref name="render"/> returns to <paramref name="target"/>: refusals first (a
        /// directory or device, -NoClobber, a read-only file without -Force, a missing folder), then
        /// -WhatIf/-Confirm, then the network is held (NetworkBusy while another thread trains it) only
        /// while it is rendered, then the atomic write.
        /// </summary>
        private protected void Save(string target, NeuralNetwork network, string action, Func<string> render)
        {
            if (Render(target, network, action, render, out var text)) SavedFile.Write(this, target, text, PassThru, Force);
        }

        /// <summary>As the text overload, for a binary file (ONNX): the bytes are rendered whole, then written atomically.</summary>
        private protected void Save(string target, NeuralNetwork network, string action, Func<byte[]> render)
        {
            if (Render(target, network, action, render, out var bytes)) SavedFile.Write(this, target, stream => stream.Write(bytes, 0, bytes.Length), PassThru, Force);
        }

        /// <summary>As the text overload, for content that is no network's (results already computed): nothing is held while it renders.</summary>
        private protected void Save(string target, string action, Func<string> render)
        {
            if (Render(target, null, action, render, out var text)) SavedFile.Write(this, target, text, PassThru, Force);
        }

        /// <summary>The steps before the write; false when -WhatIf or -Confirm declined it.</summary>
        private bool Render<T>(string target, NeuralNetwork network, string action, Func<T> render, out T content)
        {
            content = default;
            SavedFile.Check(this, target, Force, NoClobber);
            if (!ShouldProcess(target, action)) return false;
            if (network == null)
            {
                content = render();
                return true;
            }
            using (ErrorRecords.HoldShared(this, network, "Export it after that training, or export a copy (Copy-NeuralNetwork).")) content = render();
            return true;
        }
    }
}
