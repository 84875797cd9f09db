using System;
using System.IO;
using System.Management.Automation;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>Writes a cmdlet's file atomically, turning failures into ErrorRecords naming the file.</summary>
    internal static class SavedFile
    {
        /// <summary>Stops with FolderNotFound unless the file's folder exists.</summary>
        public static void RequireFolder(PSCmdlet cmdlet, string path)
        {
            var folder = System.IO.Path.GetDirectoryName(path);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
                cmdlet.ThrowTerminatingError(new ErrorRecord(new DirectoryNotFoundException($"The folder of '{path}' does not exist. Create it first (New-Item -ItemType Directory)."),
                    "FolderNotFound", ErrorCategory.ObjectNotFound, path));
        }

        /// <param name="cmdlet">The cmdlet writing (and reporting errors).</param>
        /// <param name="path">The file; its folder must exist (<see cref="RequireFolder"/>).</param>
        /// <param name="text">The whole content.</param>
        /// <param name="passThru">Write the file (a FileInfo) to the pipeline afterwards.</param>
        /// <param name="force">Replace a read-only file.</param>
        /// <param name="failureId">The error id of a failed write.</param>
        public static void Write(PSCmdlet cmdlet, string path, string text, bool passThru, bool force = true, string failureId = "WriteFailed")
        {
            try
            {
                AtomicFile.Write(path, text, force);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, failureId, e is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, path));
            }
            if (passThru) cmdlet.WriteObject(new FileInfo(path));
        }
    }
}
