using System;
using System.IO;
using System.Management.Automation;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>Writes a generated file atomically, turning failures into ErrorRecords naming the file.</summary>
    internal static class SavedFile
    {
        public static void Write(PSCmdlet cmdlet, string path, string text, bool passThru)
        {
            var folder = System.IO.Path.GetDirectoryName(path);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
                cmdlet.ThrowTerminatingError(new ErrorRecord(new DirectoryNotFoundException($"The folder of '{path}' does not exist. Create it first (New-Item -ItemType Directory)."),
                    "FolderNotFound", ErrorCategory.ObjectNotFound, path));
            try
            {
                AtomicFile.Write(path, text, force: true);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, "WriteFailed", e is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, path));
            }
            if (passThru) cmdlet.WriteObject(new FileInfo(path));
        }
    }
}
