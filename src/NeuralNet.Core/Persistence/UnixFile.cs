using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NeuralNet.Core.Persistence
{
    /// <summary>
    /// The few POSIX calls the atomic writer needs on Linux and macOS, where netstandard2.0 has no
    /// managed API for them: a file's type, mode and owner; setting mode and owner on an open file;
    /// renaming over a file; and flushing a folder to disk. Only called when not on Windows.
    /// </summary>
    internal static class UnixFile
    {
        private const int TypeMask = 0xF000, TypeFifo = 0x1000, TypeCharacterDevice = 0x2000, TypeDirectory = 0x4000, TypeBlockDevice = 0x6000,
            TypeRegular = 0x8000, TypeLink = 0xA000, TypeSocket = 0xC000;

        /// <summary>What is at a path, without following a link there.</summary>
        public static FileStatus Status(string path) => Status(path, followLinks: false);

        /// <summary>What is at a path; with <paramref name="followLinks"/>, what a link there finally points to.</summary>
        public static FileStatus Status(string path, bool followLinks)
        {
            // struct stat differs between platforms and architectures, so the status is read through the
            // .NET runtime's own System.Native library (which every .NET on Unix ships and uses for
            // File and Directory): its FileStatus starts, on every platform and in every version since
            // .NET Core 1.0, with int32 Flags, Mode, Uid, Gid. The buffer is larger than the whole struct.
            var buffer = new byte[256];
            if ((followLinks ? Stat(path, buffer) : LStat(path, buffer)) != 0)
            {
                int errno = Marshal.GetLastWin32Error();
                if (errno == ENOENT || errno == ENOTDIR) return new FileStatus(FileKind.Missing, 0, 0, 0);
                throw new Win32Exception(errno);
            }
            int mode = BitConverter.ToInt32(buffer, 4);
            uint uid = BitConverter.ToUInt32(buffer, 8), gid = BitConverter.ToUInt32(buffer, 12);
            int type = mode & TypeMask;
            switch (type)
            {
                case TypeRegular: return new FileStatus(FileKind.Regular, mode & 0xFFF, uid, gid);
                case TypeDirectory: return new FileStatus(FileKind.Directory, mode & 0xFFF, uid, gid);
                case TypeLink: return new FileStatus(FileKind.Link, mode & 0xFFF, uid, gid);
                case TypeCharacterDevice: return FileStatus.Special("a character device");
                case TypeBlockDevice: return FileStatus.Special("a block device");
                case TypeFifo: return FileStatus.Special("a FIFO (named pipe)");
                case TypeSocket: return FileStatus.Special("a socket");
                default: return FileStatus.Special("not a regular file");
            }
        }

        /// <summary>
        /// Gives an open file another file's mode and, where allowed, its owner. Setting the owner needs
        /// root (or, for the group alone, membership of it); when refused the writer keeps its own, as
        /// cp and editors do. The owner goes first because chown clears the set-user-ID bits.
        /// </summary>
        public static void CopyMetadata(IntPtr descriptor, FileStatus from)
        {
            int fd = descriptor.ToInt32();
            if (fchown(fd, from.Uid, from.Gid) != 0) fchown(fd, uint.MaxValue, from.Gid);
            if (fchmod(fd, (uint)from.Mode) != 0) throw new Win32Exception(Marshal.GetLastWin32Error());
        }

        /// <summary>rename(2): replaces <paramref name="to"/> in one step; readers see the old file or the new one.</summary>
        public static void Rename(string from, string to)
        {
            if (rename(from, to) != 0) throw new Win32Exception(Marshal.GetLastWin32Error());
        }

        /// <summary>
        /// Flushes a folder's entries (the rename) to disk. Best effort: some file systems refuse to
        /// sync a folder, and by then the file itself is complete on disk.
        /// </summary>
        public static void SyncFolder(string folder)
        {
            int fd = open(folder, 0 /* O_RDONLY, the same value everywhere */);
            if (fd < 0) return;
            fsync(fd);
            close(fd);
        }

        private const int ENOENT = 2, ENOTDIR = 20;

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
        private static extern int LStat(string path, [Out] byte[] status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        private static extern int Stat(string path, [Out] byte[] status);

        [DllImport("libc", SetLastError = true)]
        private static extern int fchown(int fd, uint owner, uint group);

        [DllImport("libc", SetLastError = true)]
        private static extern int fchmod(int fd, uint mode);

        [DllImport("libc", SetLastError = true)]
        private static extern int rename(string from, string to);

        [DllImport("libc", SetLastError = true)]
        private static extern int open(string path, int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern int close(int fd);
    }

    public enum FileKind
    {
        Missing,
        Regular,
        Directory,
        Link,

        /// <summary>A device node, FIFO or socket: never replaced by a regular file.</summary>
        Other,
    }

    /// <summary>A path's type, permission bits and owner (Unix; mode and owner are 0 on Windows).</summary>
    /// <param name="Kind">Regular file, directory, link, missing or other.</param>
    /// <param name="Mode">Permission bits, 0o7777 at most.</param>
    /// <param name="Uid">The owner's user id.</param>
    /// <param name="Gid">The owner's group id.</param>
    /// <param name="Description">For <see cref="FileKind.Other"/>: what it is, as "a character device".</param>
    public readonly record struct FileStatus(FileKind Kind, int Mode, uint Uid, uint Gid, string Description = null)
    {
        /// <summary>A device node, FIFO or socket, described for an error message ("a character device").</summary>
        public static FileStatus Special(string description) => new FileStatus(FileKind.Other, 0, 0, 0, description);

    }
}
