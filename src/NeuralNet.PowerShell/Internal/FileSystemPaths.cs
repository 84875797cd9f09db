using System.ComponentModel;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Turns the paths users give into files of the file system, as every cmdlet that reads or writes
    /// one needs them: relative to the current location, with or without wildcards, and never a path of
    /// another provider (Variable:, Env:, a registry key), whose provider path would otherwise name a
    /// file in the current folder. Files to be read must be regular files: a FIFO would block the read
    /// until something writes to it, and a device such as /dev/zero would never end.
    /// </summary>
    internal static class FileSystemPaths
    {
        private static readonly bool OnWindows = Environment.OSVersion.Platform == PlatformID.Win32NT;

        /// <summary>The files that -Path names (wildcards allowed), each refused unless it is a file system path that can be read.</summary>
        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string[] paths)
        {
            foreach (var path in paths)
            {
                RequireValid(cmdlet, path);
                System.Collections.ObjectModel.Collection<string> resolved;
                ProviderInfo provider;
                try
                {
                    resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
                }
                catch (ItemNotFoundException e)
                {
                    cmdlet.ThrowTerminatingError(new ErrorRecord(e, "FileNotFound", ErrorCategory.ObjectNotFound, path));
                    yield break;
                }
                RequireFileSystem(cmdlet, path, provider);
                if (resolved.Count == 0)
                    cmdlet.ThrowTerminatingError(new ErrorRecord(new ItemNotFoundException($"No file matches '{path}'."), "FileNotFound", ErrorCategory.ObjectNotFound, path));
                foreach (var file in resolved)
                {
                    RequireReadable(cmdlet, file);
                    yield return file;
                }
            }
        }

        /// <summary>The file that -LiteralPath (or an export's -Path) names, resolved against the current location but not required to exist.</summary>
        public static string Literal(PSCmdlet cmdlet, string path)
        {
            RequireValid(cmdlet, path);
            var file = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            RequireFileSystem(cmdlet, path, provider);
            return file;
        }

        /// <summary>Stops with NotARegularFile for a FIFO, a device or a socket (following links); a file, a folder or nothing at all passes, for the reader to report.</summary>
        public static void RequireReadable(PSCmdlet cmdlet, string file)
        {
            var what = NotRegular(file);
            if (what != null)
                cmdlet.ThrowTerminatingError(ErrorRecords.Create("NotARegularFile", ErrorCategory.InvalidArgument,
                    $"'{file}' is {what}, not a file that can be read whole: reading it would wait for a writer or never end. " +
                    "Give the path of a regular file (save what comes from it to one first).", file));
        }

        /// <summary>What the file is when it is a FIFO, a device or a socket (following links), else null.</summary>
        public static string NotRegular(string file) => NeuralNet.Core.Persistence.AtomicFile.NotRegular(file);

        /// <summary>A NUL (or, on Windows, another character no path may hold) would otherwise surface as .NET's ArgumentException.</summary>
        private static void RequireValid(PSCmdlet cmdlet, string path)
        {
            int bad = path.IndexOfAny(System.IO.Path.GetInvalidPathChars());
            if (bad >= 0)
                cmdlet.ThrowTerminatingError(ErrorRecords.Create("InvalidPath", ErrorCategory.InvalidArgument,
                    $"The path '{path.Replace("\0", "\\0")}' holds the character U+{(int)path[bad]:X4} at position {bad + 1}, which no file path may hold. Give the path without it.", path));
        }

        private static void RequireFileSystem(PSCmdlet cmdlet, string path, ProviderInfo provider)
        {
            if (provider != null && !string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                cmdlet.ThrowTerminatingError(ErrorRecords.Create("NotAFileSystemPath", ErrorCategory.InvalidArgument,
                    $"'{path}' is a path of the {provider.Name} provider, not of the file system; networks, CSV files, charts and diagrams are files. " +
                    "Give a file path (for example ./network.json), or read the value first and pass it on.", path));
        }
    }
}
