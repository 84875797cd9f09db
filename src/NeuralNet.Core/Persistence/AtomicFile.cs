using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;

namespace NeuralNet.Core.Persistence
{
    /// <summary>
    /// Writes a file whole or not at all. The text goes to a new temporary file beside the target (so
    /// the final move is a rename on one volume), is flushed to disk, gets the mode and owner of the file
    /// it replaces, and is renamed over the target; then the folder is flushed too, so after a crash or
    /// power loss the target is the old file or the new one, complete. A link is followed and its target
    /// replaced (the link stays); a directory, device, FIFO or socket is refused, never replaced. Errors
    /// name the target, not the temporary file, which is removed on failure. Temporary files that a
    /// killed writer left beside the target are removed once they are old enough to be certainly dead.
    /// </summary>
    public static class AtomicFile
    {
        /// <summary>A temporary file untouched for this long belongs to no live writer (each write refreshes it).</summary>
        private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

        // Environment rather than RuntimeInformation, which .NET Framework before 4.7.1 lacks.
        private static readonly bool OnWindows = Environment.OSVersion.Platform == PlatformID.Win32NT;

        /// <summary>FileSystemInfo.ResolveLinkTarget (.NET 6 and later; absent in Windows PowerShell 5.1).</summary>
        private static readonly MethodInfo ResolveLinkTarget = typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });

        /// <summary>
        /// Checks that <paramref name="path"/> can be written, and returns the file that will be: the
        /// path itself, or the final target of a link there.
        /// </summary>
        /// <param name="path">The full path the user gave.</param>
        /// <param name="force">Replace a read-only file.</param>
        /// <param name="noClobber">Refuse to replace anything at all.</param>
        /// <exception cref="FileSaveException">The reason it cannot be written; the message names <paramref name="path"/>.</exception>
        public static SaveTarget Check(string path, bool force, bool noClobber)
        {
            var entry = Inspect(path);
            string file = path;
            var status = entry;
            if (entry.Kind == FileKind.Link)
            {
                file = FinalTarget(path);
                status = Inspect(file);
            }
            string through = file == path ? "" : $" (a link to '{file}')";
            if (status.Kind == FileKind.Directory)
                throw new FileSaveException("PathIsDirectory", ErrorKind.InvalidArgument,
                    $"'{path}'{through} is a directory. Give the path of a file inside it, for example '{Path.Combine(path, "network.json")}'.");
            if (status.Kind == FileKind.Other || status.Kind == FileKind.Link)
                throw new FileSaveException("NotARegularFile", ErrorKind.InvalidArgument,
                    $"'{path}'{through} is {status.Description ?? "not a regular file"}, which is never replaced by a file. Give the path of a regular file.");
            if (noClobber && entry.Kind != FileKind.Missing)
                throw new FileSaveException("FileExists", ErrorKind.ResourceExists,
                    $"The file '{path}'{through} already exists; -NoClobber keeps it. Choose another path or leave out -NoClobber.");
            var folder = Path.GetDirectoryName(file);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
                throw new FileSaveException("FolderNotFound", ErrorKind.ObjectNotFound,
                    $"The folder of '{path}'{through} does not exist. Create it first (New-Item -ItemType Directory).");
            bool readOnly = status.Kind == FileKind.Regular && IsReadOnly(file, status);
            if (readOnly && !force)
                throw new FileSaveException("FileReadOnly", ErrorKind.PermissionDenied,
                    $"'{path}'{through} is read-only; use -Force to replace it (it stays read-only), or make it writable first.");
            return new SaveTarget(path, file, status, readOnly);
        }

        /// <summary>Checks as <see cref="Check"/> does, then writes what <paramref name="content"/> writes to the stream it is given.</summary>
        /// <exception cref="FileSaveException">The file was not written (and what was there is unchanged).</exception>
        public static void Write(string path, Action<Stream> content, bool force)
        {
            var target = Check(path, force, noClobber: false);
            var folder = Path.GetDirectoryName(target.File);
            var name = Path.GetFileName(target.File);
            var temporary = Path.Combine(folder, TemporaryPrefix(name) + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                // CreateNew never opens what is already there (nor follows a link planted at that name).
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    if (!OnWindows && target.Exists) UnixFile.CopyMetadata(stream.SafeFileHandle.DangerousGetHandle(), target.Status);
                    content(stream);
                    stream.Flush(flushToDisk: true);
                }
                if (OnWindows) ReplaceOnWindows(temporary, target);
                else
                {
                    UnixFile.Rename(temporary, target.File);
                    UnixFile.SyncFolder(folder);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is Win32Exception)
            {
                TryDelete(temporary);
                bool denied = e is UnauthorizedAccessException || (e is Win32Exception w && (w.NativeErrorCode == 1 || w.NativeErrorCode == 13));
                throw new FileSaveException("WriteFailed", denied ? ErrorKind.PermissionDenied : ErrorKind.WriteError,
                    $"'{path}' was not written: {e.Message.Replace(temporary, target.File).TrimEnd('.')}. " +
                    (target.Exists ? "The file there is unchanged. " : "") +
                    $"Check that the folder '{folder}' is writable and has room.", e);
            }
            finally
            {
                TryDelete(temporary);
            }
            RemoveStaleTemporaries(folder, name);
        }

        /// <summary>
        /// What the file is when reading it whole would block or never end, following links: "a FIFO", "a
        /// character device" or "a socket" (on Unix), "a device" (a Windows device path); null for a regular
        /// file, and for a path whose status cannot be read (the read itself then reports why).
        /// </summary>
        public static string NotRegular(string path)
        {
            if (OnWindows) return path.StartsWith(@"\\.\", StringComparison.Ordinal) ? "a device" : null;
            try
            {
                var status = UnixFile.Status(path, followLinks: true);
                return status.Kind == FileKind.Other ? status.Description : null;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }

        /// <summary>Writes <paramref name="text"/> as UTF-8 (without a byte order mark), whole or not at all.</summary>
        /// <exception cref="FileSaveException">The file was not written (and what was there is unchanged).</exception>
        public static void WriteText(string path, string text, bool force = false) => Write(path, Utf8(text), force);

        /// <summary>What writes <paramref name="text"/> to a file's stream: UTF-8 without a byte order mark, as every text file of the module.</summary>
        public static Action<Stream> Utf8(string text) => stream =>
        {
            using (var writer = new StreamWriter(stream, Utf8Encoding, 1 << 16, leaveOpen: true)) writer.Write(text);
        };

        private static FileStatus Inspect(string path)
        {
            if (!OnWindows)
            {
                try
                {
                    return UnixFile.Status(path);
                }
                catch (Win32Exception e)
                {
                    throw new FileSaveException("WriteFailed", e.NativeErrorCode == 13 ? ErrorKind.PermissionDenied : ErrorKind.WriteError,
                        $"'{path}' cannot be written: looking at it failed ({e.Message}). Check the path and the permissions of its folders.", e);
                }
            }
            if (path.StartsWith(@"\\.\", StringComparison.Ordinal)) return FileStatus.Special("a device");
            if (Directory.Exists(path)) return new FileStatus(FileKind.Directory, 0, 0, 0);
            if (!File.Exists(path)) return new FileStatus(FileKind.Missing, 0, 0, 0);
            return new FileStatus((File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0 ? FileKind.Link : FileKind.Regular, 0, 0, 0);
        }

        /// <summary>The file a link finally points to (it may not exist yet).</summary>
        private static string FinalTarget(string link)
        {
            if (ResolveLinkTarget == null)
                throw new FileSaveException("LinkNotFollowed", ErrorKind.NotImplemented,
                    $"'{link}' is a link, and this version of PowerShell cannot follow it. Give the path of the file it points to.");
            try
            {
                var target = (FileSystemInfo)ResolveLinkTarget.Invoke(new FileInfo(link), new object[] { true });
                return target?.FullName ?? link;
            }
            catch (TargetInvocationException e) when (e.InnerException is IOException)
            {
                throw new FileSaveException("LinkNotFollowed", ErrorKind.InvalidArgument,
                    $"'{link}' is a link that cannot be followed to a file ({e.InnerException.Message}). Give the path of a file.", e.InnerException);
            }
        }

        /// <summary>Unix: no write bit for anyone (as chmod a-w or Set-ItemProperty IsReadOnly leave it; root included). Windows: the attribute.</summary>
        private static bool IsReadOnly(string file, FileStatus status) =>
            OnWindows ? (File.GetAttributes(file) & FileAttributes.ReadOnly) != 0 : (status.Mode & 0x92 /* 0o222 */) == 0;

        /// <summary>
        /// File.Replace keeps the replaced file's attributes, owner and permissions (ReplaceFile does),
        /// except that it refuses a read-only target: that is cleared for the move and set again after.
        /// </summary>
        private static void ReplaceOnWindows(string temporary, SaveTarget target)
        {
            if (!target.Exists)
            {
                File.Move(temporary, target.File);
                return;
            }
            if (target.ReadOnly) File.SetAttributes(target.File, File.GetAttributes(target.File) & ~FileAttributes.ReadOnly);
            try
            {
                File.Replace(temporary, target.File, null);
            }
            finally
            {
                if (target.ReadOnly) File.SetAttributes(target.File, File.GetAttributes(target.File) | FileAttributes.ReadOnly);
            }
        }

        /// <summary>
        /// ".name." for the temporary files of name: hidden on Unix, and sorted beside the target. A long
        /// name is shortened so that the temporary name stays within the 255 bytes file systems allow,
        /// wherever the target's own name fits.
        /// </summary>
        private static string TemporaryPrefix(string name)
        {
            const int MaxNameBytes = 255, Extra = 14; // "." + name + "." + "xxxxxxxx" + ".tmp"
            int length = name.Length;
            while (length > 1 && Utf8Encoding.GetByteCount(name.Substring(0, length)) + Extra > MaxNameBytes)
                length -= char.IsLowSurrogate(name[length - 1]) && length > 1 ? 2 : 1;
            return "." + name.Substring(0, length) + ".";
        }

        private static readonly System.Text.Encoding Utf8Encoding = new System.Text.UTF8Encoding(false);

        /// <summary>Removes ".name.xxxxxxxx.tmp" files of this writer's pattern that no live writer can still own.</summary>
        private static void RemoveStaleTemporaries(string folder, string name)
        {
            try
            {
                var prefix = TemporaryPrefix(name);
                var pattern = new Regex("^" + Regex.Escape(prefix) + "[0-9a-f]{8}\\.tmp$");
                foreach (var file in Directory.EnumerateFiles(folder, prefix + "*.tmp"))
                {
                    if (pattern.IsMatch(Path.GetFileName(file)) && DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > StaleAfter) TryDelete(file);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Tidying up is a courtesy; the write itself has succeeded.
            }
        }

        private static void TryDelete(string file)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Left for the next write's clean-up.
            }
        }
    }

    /// <summary>What <see cref="AtomicFile.Check"/> found: the file to write and what is there now.</summary>
    /// <param name="Path">The path as given.</param>
    /// <param name="File">The file written: <see cref="Path"/>, or the final target of a link there.</param>
    /// <param name="Status">What is at <see cref="File"/> now.</param>
    /// <param name="ReadOnly">Whether that file is read-only.</param>
    public sealed record SaveTarget(string Path, string File, FileStatus Status, bool ReadOnly)
    {
        public bool Exists => Status.Kind == FileKind.Regular;
    }

    /// <summary>A refused or failed write, with the error id and kind of its ErrorRecord.</summary>
    public sealed class FileSaveException : IOException
    {
        public FileSaveException(string errorId, ErrorKind kind, string message, Exception inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
        }

        public string ErrorId { get; }

        public ErrorKind Kind { get; }
    }
}
