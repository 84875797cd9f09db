using System;
using System.IO;
using System.Text;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Writes a file whole or not at all: the text goes to a temporary file in the same folder (so the
    /// final move is a rename on the same volume), which then replaces the target. The temporary file
    /// is removed if anything fails, and the target is untouched until the rename.
    /// </summary>
    internal static class AtomicFile
    {
        public static void Write(string path, string text, bool force)
        {
            var folder = Path.GetDirectoryName(path) ?? ".";
            var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                File.WriteAllText(temporary, text, new UTF8Encoding(false));
                if (File.Exists(path))
                {
                    if (force)
                    {
                        var attributes = File.GetAttributes(path);
                        if ((attributes & FileAttributes.ReadOnly) != 0) File.SetAttributes(path, attributes & ~FileAttributes.ReadOnly);
                    }
                    else if ((File.GetAttributes(path) & FileAttributes.ReadOnly) != 0)
                    {
                        throw new UnauthorizedAccessException($"'{path}' is read-only; use -Force to replace it.");
                    }
                    File.Replace(temporary, path, null);
                }
                else
                {
                    File.Move(temporary, path);
                }
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }
    }
}
