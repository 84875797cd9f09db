namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// How every cmdlet saves a file: through <see cref="AtomicFile"/>, with its refusals and failures
    /// as terminating ErrorRecords whose target is the path the user gave.
    /// </summary>
    internal static class SavedFile
    {
        /// <summary>
        /// Stops unless the path can be written (see <see cref="AtomicFile.Check"/>): before anything is
        /// rendered, and before -WhatIf reports what would be done.
        /// </summary>
        public static SaveTarget Check(PSCmdlet cmdlet, string path, bool force, bool noClobber)
        {
            try
            {
                return AtomicFile.Check(path, force, noClobber);
            }
            catch (FileSaveException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, ErrorRecords.Category(e.Kind), path));
                return null;
            }
        }

        /// <summary>Stops with FolderNotFound (or another refusal of <see cref="Check"/>) unless the file can be written.</summary>
        public static void RequireFolder(PSCmdlet cmdlet, string path) => Check(cmdlet, path, force: true, noClobber: false);

        /// <param name="cmdlet">The cmdlet writing (and reporting errors).</param>
        /// <param name="path">The file as the user gave it (a link is followed).</param>
        /// <param name="text">The whole content.</param>
        /// <param name="passThru">Write the file (a FileInfo) to the pipeline afterwards.</param>
        /// <param name="force">Replace a read-only file.</param>
        /// <param name="failureId">The error id of a failed write; WriteFailed by default.</param>
        public static void Write(PSCmdlet cmdlet, string path, string text, bool passThru, bool force = false, string failureId = null) =>
            Run(cmdlet, path, () => AtomicFile.WriteText(path, text, force), passThru, failureId);

        /// <summary>What writes <paramref name="text"/> to a file's stream: UTF-8 without a byte order mark, as every text file of the module.</summary>
        public static Action<Stream> Utf8(string text) => AtomicFile.Utf8(text);

        /// <summary>As the text overload, for content written straight to the file's stream (binary formats).</summary>
        public static void Write(PSCmdlet cmdlet, string path, Action<Stream> content, bool passThru, bool force = false, string failureId = null) =>
            Run(cmdlet, path, () => AtomicFile.Write(path, content, force), passThru, failureId);

        private static void Run(PSCmdlet cmdlet, string path, Action write, bool passThru, string failureId)
        {
            try
            {
                write();
            }
            catch (FileSaveException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, e.ErrorId == "WriteFailed" && failureId != null ? failureId : e.ErrorId, ErrorRecords.Category(e.Kind), path));
            }
            if (passThru) cmdlet.WriteObject(new FileInfo(path));
        }
    }
}
