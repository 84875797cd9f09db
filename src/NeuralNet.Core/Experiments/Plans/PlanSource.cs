using System.Security.Cryptography;
using NeuralNet.Core.Data;
using NeuralNet.Core.Persistence;

namespace NeuralNet.Core.Experiments
{
    /// <summary>How a plan's rows are stored: CSV files given by path, rows from the pipeline kept in the plan's folder, or matrices kept there.</summary>
    public enum PlanSourceKind
    {
        Files,
        Rows,
        Matrix,
    }

    /// <summary>
    /// A plan's data: its files, each with the SHA-256 it had when the plan was written, so a task
    /// that would train on other data stops instead; and how to read them (the CSV options, the
    /// columns kept as text, the matrix widths). Reading gives the table a local run would have had.
    /// </summary>
    public sealed class PlanSource
    {
        /// <summary>The file that keeps pipeline rows, in the plan's folder.</summary>
        public const string RowsFile = "rows.csv";

        /// <summary>The file that keeps -FeatureMatrix and -TargetMatrix, in the plan's folder.</summary>
        public const string MatrixFile = "matrix.csv";

        internal PlanSource(PlanSourceKind kind, IReadOnlyList<PlanDataFile> files, IReadOnlyList<string> textColumns, int features, int targets, string content)
        {
            Kind = kind;
            Files = files;
            TextColumns = textColumns;
            Features = features;
            Targets = targets;
            Content = content;
        }

        /// <summary>CSV files that stay where they are (paths as given, resolved), each hashed now.</summary>
        public static PlanSource FromFiles(IReadOnlyList<string> paths) =>
            new PlanSource(PlanSourceKind.Files, paths.Select(p => new PlanDataFile(Path.GetFullPath(p), Sha256Of(p), new FileInfo(p).Length)).ToList(), new string[0], 0, 0, null);

        /// <summary>
        /// Pipeline rows, to be written into the plan's folder as CSV (<see cref="TableCsvWriter"/>).
        /// The columns that the data options or any configuration make categorical are read back as
        /// text, so their labels keep the spelling they had ("1.50" stays "1.50", not the number 1.5).
        /// </summary>
        public static PlanSource FromRows(RawTable table, DataOptions data, IEnumerable<Configuration> configurations)
        {
            var text = TableCsvWriter.Write(table);
            var categorical = (data.Categorical ?? new string[0]).Concat(configurations.SelectMany(c => c.Data(data).Categorical ?? new string[0]));
            var columns = categorical.Where(c => table.IndexOf(c) >= 0).Select(table.CanonicalName).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(c => c, StringComparer.Ordinal).ToList();
            return new PlanSource(PlanSourceKind.Rows, new[] { Kept(RowsFile, text) }, columns, 0, 0, text);
        }

        /// <summary>Matrices, to be written into the plan's folder as CSV of round-trip numbers.</summary>
        public static PlanSource FromMatrices(double[][] features, double[][] targets)
        {
            var text = TableCsvWriter.WriteMatrices(features, targets);
            return new PlanSource(PlanSourceKind.Matrix, new[] { Kept(MatrixFile, text) }, new string[0], features[0].Length, targets[0].Length, text);
        }

        public PlanSourceKind Kind { get; }

        public IReadOnlyList<PlanDataFile> Files { get; }

        /// <summary>Columns read as text even where they hold numbers.</summary>
        public IReadOnlyList<string> TextColumns { get; }

        /// <summary>Matrix plans: the widths of the features and targets.</summary>
        public int Features { get; }

        public int Targets { get; }

        /// <summary>The CSV text to write into the plan's folder (rows and matrices), before the plan is written; null otherwise.</summary>
        internal string Content { get; }

        /// <summary>
        /// The source as a plan in <paramref name="planFolder"/> records it: a file inside the folder by
        /// its path relative to it (so the folder can move, or be mounted elsewhere, with its data), any
        /// other by its full path.
        /// </summary>
        internal PlanSource RelativeTo(string planFolder)
        {
            var root = planFolder.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
            var comparison = Environment.OSVersion.Platform == PlatformID.Win32NT ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var files = Files.Select(f => System.IO.Path.IsPathRooted(f.Path) && f.Path.StartsWith(root, comparison)
                ? new PlanDataFile(f.Path.Substring(root.Length).Replace(System.IO.Path.DirectorySeparatorChar, '/'), f.Sha256, f.Bytes) : f).ToList();
            return new PlanSource(Kind, files, TextColumns, Features, Targets, Content);
        }

        /// <summary>The same source as seen from another folder of the plan (a halving rung's): kept files by a path relative to it.</summary>
        internal PlanSource From(string planFolder, string otherFolder) =>
            new PlanSource(Kind, Files.Select(f => f.Relocated(planFolder, otherFolder)).ToList(), TextColumns, Features, Targets, null);

        /// <summary>
        /// Rows or matrices kept as CSV text that crossed to another process (a remoting session), as
        /// <see cref="FromRows"/> or <see cref="FromMatrices"/> made them there; <see cref="ReadContent"/> reads them back.
        /// </summary>
        public static PlanSource Shipped(PlanSourceKind kind, string content, IReadOnlyList<string> textColumns, int features, int targets) =>
            new PlanSource(kind, new[] { Kept(kind == PlanSourceKind.Matrix ? MatrixFile : RowsFile, content) }, textColumns ?? new string[0], features, targets, content);

        /// <summary>The SHA-256 of the kept text: what a session caches it under.</summary>
        public string ContentSha256 => Content == null ? null : Files[0].Sha256;

        /// <summary>The CSV text kept of pipeline rows or matrices; null for files.</summary>
        public string ContentText => Content;

        /// <summary>
        /// Reads the kept text back exactly as a plan's task reads its kept file (through a temporary file
        /// and <see cref="CsvSource"/>), so a remote run sees the rows a plan would.
        /// </summary>
        public (RawTable Table, DataSet Matrices) ReadContent(CancellationToken token)
        {
            if (Content == null) throw new InvalidOperationException("Only rows or matrices kept as text can be read from memory.");
            var file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, Content, new System.Text.UTF8Encoding(false));
                return Parse(new[] { file }, new CsvOptions(), token);
            }
            finally
            {
                File.Delete(file);
            }
        }

        /// <summary>
        /// Checks every file against its hash, then reads them: a table, or for matrix plans a data set.
        /// A file that is gone or changed stops with PlanDataNotFound or PlanDataChanged before anything trains.
        /// </summary>
        internal (RawTable Table, DataSet Matrices) Read(string planFolder, CsvOptions csv, CancellationToken token)
        {
            var paths = new List<string>();
            foreach (var file in Files)
            {
                string path = file.Resolve(planFolder);
                if (!File.Exists(path))
                    throw new NeuralNetException("PlanDataNotFound", ErrorKind.ObjectNotFound,
                        $"The plan in '{planFolder}' trains on '{path}', which does not exist here. Every machine that runs tasks must see the data at the same path (a shared folder), or write the plan where they do.");
                string hash = Sha256Of(path);
                if (!string.Equals(hash, file.Sha256, StringComparison.OrdinalIgnoreCase))
                    throw new NeuralNetException("PlanDataChanged", ErrorKind.InvalidData,
                        $"The data file '{path}' has changed since the plan in '{planFolder}' was written: its SHA-256 is {hash}, the plan's is {file.Sha256}. " +
                        "Results from other data would not merge into one experiment. Restore the file, or write a new plan (in a new folder) for the new data.");
                paths.Add(path);
            }
            return Parse(paths, Kind == PlanSourceKind.Files ? csv : new CsvOptions(), token);
        }

        private (RawTable Table, DataSet Matrices) Parse(IReadOnlyList<string> paths, CsvOptions csv, CancellationToken token)
        {
            var table = CsvSource.Read(paths, csv, TextColumns, token);
            if (Kind != PlanSourceKind.Matrix) return (table, null);
            var x = new double[table.RowCount][];
            var y = new double[table.RowCount][];
            for (int r = 0; r < table.RowCount; r++)
            {
                x[r] = new double[Features];
                y[r] = new double[Targets];
                for (int j = 0; j < Features; j++) x[r][j] = table.Numeric(j)[r];
                for (int j = 0; j < Targets; j++) y[r][j] = table.Numeric(Features + j)[r];
            }
            return (null, DataSet.FromMatrices(x, y));
        }

        /// <summary>The lowercase hexadecimal SHA-256 of a file's bytes.</summary>
        public static string Sha256Of(string path)
        {
            using (var sha = SHA256.Create())
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
                return Hex(sha.ComputeHash(stream));
        }

        internal static string Sha256OfText(string text)
        {
            using (var sha = SHA256.Create()) return Hex(sha.ComputeHash(new System.Text.UTF8Encoding(false).GetBytes(text)));
        }

        private static string Hex(byte[] hash) => string.Concat(hash.Select(b => b.ToString("x2")));

        private static PlanDataFile Kept(string name, string text) => new PlanDataFile(name, Sha256OfText(text), new System.Text.UTF8Encoding(false).GetByteCount(text));

        internal string Json()
        {
            var w = new DocumentWriter();
            w.Open('{');
            w.Property("kind", Persistence.Json.Quote(Kind.ToString()));
            w.Name("files");
            w.Open('[');
            foreach (var f in Files)
            {
                w.Item();
                w.Inline("{ \"path\": " + Persistence.Json.Quote(f.Path) + ", \"sha256\": " + Persistence.Json.Quote(f.Sha256) + ", \"bytes\": " + f.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " }");
            }
            w.Close(']');
            w.Property("textColumns", DocumentWriter.Strings(TextColumns));
            w.Property("features", DocumentWriter.Int(Features));
            w.Property("targets", DocumentWriter.Int(Targets));
            w.Close('}');
            return w.ToString().TrimEnd('\n');
        }

        internal static PlanSource Read(PlanNode node)
        {
            var kind = node.Field("kind").Enum<PlanSourceKind>();
            var files = node.Field("files").Items().Select(f => new PlanDataFile(f.Field("path").String(), f.Field("sha256").String(), (long)f.Field("bytes").Number())).ToList();
            if (files.Count == 0) throw node.Field("files").Error("at least one data file");
            var text = node.Field("textColumns").Items().Select(t => t.String()).ToList();
            return new PlanSource(kind, files, text, node.Field("features").Int(0), node.Field("targets").Int(0), null);
        }
    }

    /// <summary>One data file of a plan: where it is (relative to the plan's folder when kept there), its SHA-256 and size.</summary>
    /// <param name="Path">An absolute path, or one relative to the plan's folder (with '/').</param>
    /// <param name="Sha256">The SHA-256 of its bytes, in lowercase hex.</param>
    /// <param name="Bytes">Its size.</param>
    public sealed record PlanDataFile(string Path, string Sha256, long Bytes)
    {
        /// <summary>The file's full path for a plan in <paramref name="planFolder"/>.</summary>
        public string Resolve(string planFolder) =>
            System.IO.Path.IsPathRooted(Path) ? Path : System.IO.Path.GetFullPath(System.IO.Path.Combine(planFolder, Path.Replace('/', System.IO.Path.DirectorySeparatorChar)));

        /// <summary>The same file named from <paramref name="other"/>, a subfolder of <paramref name="planFolder"/> (a rung's): "../rows.csv".</summary>
        internal PlanDataFile Relocated(string planFolder, string other)
        {
            if (System.IO.Path.IsPathRooted(Path)) return this;
            int depth = other.Substring(planFolder.Length).Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries).Length;
            return new PlanDataFile(string.Concat(Enumerable.Repeat("../", depth)) + Path, Sha256, Bytes);
        }
    }
}
