using System;
using System.IO;
using System.Text;

namespace NeuralNet.Core.Tests
{
    /// <summary>A folder of a test class's own under the temporary path, for the files its tests write; removed when they end.</summary>
    public sealed class TemporaryFolder : IDisposable
    {
        public TemporaryFolder(string prefix)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        /// <summary>Writes a file into the folder (UTF-8 without a byte-order mark unless told) and returns its path.</summary>
        public string Write(string name, string content, Encoding encoding = null)
        {
            var path = System.IO.Path.Combine(Path, name);
            File.WriteAllText(path, content, encoding ?? new UTF8Encoding(false));
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
