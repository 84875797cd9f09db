using NeuralNet.Core.Model;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Persistence
{
    /// <summary>
    /// The network file: versioned JSON holding the architecture and every weight at full precision
    /// (<see cref="NetworkFormat"/>; numbers written to round-trip exactly), the data schema
    /// (<see cref="SchemaFormat"/>), the last training options (<see cref="OptionsFormat"/>) and the
    /// history. Reading is strict: any malformed or inconsistent content is an error naming what is
    /// wrong and where, found before any large allocation. The format is documented in docs/model-format.md.
    /// </summary>
    public static class ModelFile
    {
        public const string FormatName = "NeuralNet.PowerShell network";
        /// <summary>2 added the optimizer's state and the resume point of an unfinished training; version 1 files read with neither.</summary>
        public const int CurrentVersion = 2;

        /// <summary>An epoch's elapsed time, in seconds, at most (28,500 years): well inside what a TimeSpan holds.</summary>
        public const double MaxElapsedSeconds = 9e11;

        /// <summary>The document for a model. The caller holds the model (<see cref="NeuralNetworkModel.Acquire"/>).</summary>
        public static string Write(NeuralNetworkModel model, string moduleVersion, DateTime createdUtc)
        {
            var w = new DocumentWriter();
            w.Open('{');
            w.Property("format", Json.Quote(FormatName));
            w.Property("formatVersion", CurrentVersion.ToString(CultureInfo.InvariantCulture));
            w.Property("moduleVersion", Json.Quote(moduleVersion ?? ""));
            w.Property("created", Json.Quote(createdUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)));
            NetworkFormat.Write(w, model);
            SchemaFormat.Write(w, model.Schema);
            WriteOptions(w, model.LastOptions);
            OptimizerFormat.Write(w, model.Optimizer);
            ResumeFormat.Write(w, model.Resume);
            WriteHistory(w, model.History);
            w.Close('}');
            return w.ToString();
        }

        private static void WriteOptions(DocumentWriter w, TrainingOptions options)
        {
            if (!w.OpenObject("training", options)) return;
            foreach (var option in OptionsFormat.Write(options)) w.Property(option.Key, option.Value);
            w.Close('}');
        }

        private static void WriteHistory(DocumentWriter w, IReadOnlyList<EpochRecord> history)
        {
            w.Name("history");
            w.Open('[');
            foreach (var r in history)
            {
                w.Item();
                w.Inline("{\"epoch\": " + r.Epoch.ToString(CultureInfo.InvariantCulture) +
                    ", \"loss\": " + DocumentWriter.NumberOrNull(r.Loss) +
                    ", \"validationLoss\": " + (r.ValidationLoss.HasValue ? DocumentWriter.NumberOrNull(r.ValidationLoss.Value) : "null") +
                    ", \"metricName\": " + (r.MetricName == null ? "null" : Json.Quote(r.MetricName)) +
                    ", \"metric\": " + (r.Metric.HasValue ? DocumentWriter.NumberOrNull(r.Metric.Value) : "null") +
                    ", \"validationMetric\": " + (r.ValidationMetric.HasValue ? DocumentWriter.NumberOrNull(r.ValidationMetric.Value) : "null") +
                    ", \"learningRate\": " + DocumentWriter.NumberOrNull(r.LearningRate) +
                    ", \"elapsedSeconds\": " + Json.Number(r.Elapsed.TotalSeconds) +
                    ", \"interrupted\": " + DocumentWriter.Bool(r.Interrupted) + "}");
            }
            w.Close(']');
        }

        /// <summary>
        /// Reads and validates a file's bytes: UTF-8 (with or without a byte order mark), or UTF-16 with
        /// one. A byte that is not valid text is an error naming where it is, instead of a silent U+FFFD
        /// in a name; <paramref name="source"/> names the file in errors.
        /// </summary>
        public static NeuralNetworkModel Read(byte[] bytes, string source) => Read(Decode(bytes, source), source);

        private static string Decode(byte[] bytes, string source)
        {
            Encoding encoding = new UTF8Encoding(false, throwOnInvalidBytes: true);
            int start = 0;
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) start = 3;
            else if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) { encoding = new UnicodeEncoding(false, false, true); start = 2; }
            else if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) { encoding = new UnicodeEncoding(true, false, true); start = 2; }
            try
            {
                return encoding.GetString(bytes, start, bytes.Length - start);
            }
            catch (DecoderFallbackException e)
            {
                // Index is where the bad bytes start; the text before them decodes, and tells the line and the property.
                int at = Math.Max(start, Math.Min(bytes.Length - 1, start + Math.Max(0, e.Index)));
                var before = encoding.GetString(bytes, start, at - start);
                int line = 1, column = 1;
                foreach (char c in before)
                {
                    if (c == '\n') { line++; column = 1; }
                    else column++;
                }
                var path = Json.PathAtEnd(before);
                throw Invalid(source, string.Format(CultureInfo.InvariantCulture,
                    "byte {0} (0x{1:X2}, line {2}, column {3}{4}) is not valid {5} text; save the file as UTF-8",
                    at, bytes[at], line, column, path == null ? "" : ", in " + path, encoding is UTF8Encoding ? "UTF-8" : "UTF-16"));
            }
        }

        /// <summary>Reads and validates a document; <paramref name="source"/> names it in errors.</summary>
        public static NeuralNetworkModel Read(string text, string source)
        {
            object document;
            try
            {
                document = Json.Parse(text);
            }
            catch (FormatException e)
            {
                throw Invalid(source, e.Message);
            }
            var root = new DocumentNode(document, "", source);
            var format = root.Field("format").String();
            if (format != FormatName) throw Invalid(source, $"it is not a {FormatName} file (format is '{format}')");
            int version = root.Field("formatVersion").Int(1, int.MaxValue);
            if (version > CurrentVersion)
                throw new NeuralNetException("ModelFileTooNew", ErrorKind.InvalidData,
                    $"'{source}' has format version {version}, but this module reads versions up to {CurrentVersion}. Update the NeuralNet module to load it.");

            var (spec, network) = NetworkFormat.Read(root.Field("network"), source);
            Data.DataSchema schema = null;
            var schemaNode = root.Field("schema");
            if (!schemaNode.IsNull)
            {
                schema = SchemaFormat.Read(schemaNode, source);
                if (network == null) throw Invalid(source, "it has a data schema but no layers (at schema)");
                if (schema.InputWidth != network.InputSize || schema.OutputWidth != network.OutputSize)
                    throw Invalid(source, $"the schema encodes {schema.InputWidth} inputs and {schema.OutputWidth} outputs, but the layers take {network.InputSize} and give {network.OutputSize} (at schema)");
            }
            var optionsNode = root.Field("training");
            var options = optionsNode.IsNull ? null : ReadOptions(optionsNode, source);
            var history = root.Field("history").Items().Select(ReadRecord).ToList();
            // Version 1 kept neither: its networks train on with a fresh optimizer and start a new run.
            Optimizers.Optimizer optimizer = null;
            ResumePoint resume = null;
            if (version >= 2)
            {
                optimizer = OptimizerFormat.Read(root.Field("optimizer"), network, source);
                resume = ResumeFormat.Read(root.Field("resume"), history.Count == 0 ? 0 : history[history.Count - 1].Epoch, source);
            }
            return NeuralNetworkModel.Restore(spec, network, schema, history, options, optimizer, resume);
        }

        private static TrainingOptions ReadOptions(DocumentNode o, string source)
        {
            if (!(o.Value is JsonObject json)) throw o.Error("an object");
            try
            {
                return OptionsFormat.Read(json, new TrainingOptions());
            }
            catch (NeuralNetException e)
            {
                // The option's error names its parameter; the file's names its property.
                var property = e.Column != null && Options.OptionBinder.Properties(typeof(TrainingOptions)).TryGetValue(e.Column, out var p) ? "." + OptionsFormat.NameOf(p) : "";
                throw Invalid(source, $"{e.Message.TrimEnd('.')} (at {o.Path}{property})");
            }
        }

        private static EpochRecord ReadRecord(DocumentNode r) => new EpochRecord(
            Epoch: r.Field("epoch").Int(1, int.MaxValue),
            Loss: r.Field("loss").IsNull ? double.NaN : r.Field("loss").Number(),
            ValidationLoss: r.Field("validationLoss").IsNull ? (double?)null : r.Field("validationLoss").Number(),
            MetricName: r.Field("metricName").IsNull ? null : r.Field("metricName").String(),
            Metric: r.Field("metric").IsNull ? (double?)null : r.Field("metric").Number(),
            ValidationMetric: r.Field("validationMetric").IsNull ? (double?)null : r.Field("validationMetric").Number(),
            LearningRate: r.Field("learningRate").IsNull ? double.NaN : r.Field("learningRate").Number(),
            Elapsed: TimeSpan.FromSeconds(r.Field("elapsedSeconds").Number(0, MaxElapsedSeconds)),
            Interrupted: r.Field("interrupted").Bool());

        /// <summary>The error for a file that is not a valid network file.</summary>
        public static NeuralNetException Invalid(string source, string what) =>
            new NeuralNetException("ModelFileInvalid", ErrorKind.InvalidData, $"'{source}' is not a valid network file: {what}.");
    }
}
