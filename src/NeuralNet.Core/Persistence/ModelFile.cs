using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Persistence
{
    /// <summary>
    /// The network file: versioned JSON holding the architecture, every weight at full precision
    /// (numbers written to round-trip exactly), the data schema, the last training options and the
    /// history. Reading is strict: any malformed or inconsistent content is an error naming what is
    /// wrong and where, found before any large allocation. The format is documented in docs/model-format.md.
    /// </summary>
    public static class ModelFile
    {
        public const string FormatName = "NeuralNet.PowerShell network";
        public const int CurrentVersion = 1;

        /// <summary>An epoch's elapsed time, in seconds, at most (28,500 years): well inside what a TimeSpan holds.</summary>
        public const double MaxElapsedSeconds = 9e11;

        /// <summary>
        /// A scale divides inputs and multiplies outputs, so it stays within 1e-300 to 1e300: a scale
        /// such as 1e-320 turns every prediction into infinity or NaN, and training never writes one
        /// (scales are standard deviations or ranges of data, or 1).
        /// </summary>
        public const double MinScale = 1e-300, MaxScale = 1e300;

        /// <summary>The document for a model.</summary>
        public static string Write(NeuralNetworkModel model, string moduleVersion, DateTime createdUtc)
        {
            var w = new Writer();
            w.Open('{');
            w.Property("format", Json.Quote(FormatName));
            w.Property("formatVersion", CurrentVersion.ToString(CultureInfo.InvariantCulture));
            w.Property("moduleVersion", Json.Quote(moduleVersion ?? ""));
            w.Property("created", Json.Quote(createdUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)));
            WriteNetwork(w, model);
            WriteSchema(w, model.Schema);
            WriteOptions(w, model.LastOptions);
            WriteHistory(w, model.History);
            w.Close('}');
            return w.ToString();
        }

        private static void WriteNetwork(Writer w, NeuralNetworkModel model)
        {
            var spec = model.Spec;
            w.Name("network");
            w.Open('{');
            w.Property("inputSize", Int(spec.InputSize));
            w.Property("hiddenSizes", "[" + string.Join(", ", spec.HiddenSizes.Select(h => h.ToString(CultureInfo.InvariantCulture))) + "]");
            w.Property("outputSize", Int(spec.OutputSize));
            w.Property("hiddenActivation", Json.Quote(spec.HiddenActivation.ToString()));
            w.Property("outputActivation", spec.OutputActivation.HasValue ? Json.Quote(spec.OutputActivation.Value.ToString()) : "null");
            w.Property("hasBias", spec.HasBias ? "true" : "false");
            w.Property("seed", spec.Seed.ToString(CultureInfo.InvariantCulture));
            w.Property("weightInit", Json.Quote(spec.WeightInit.ToString()));
            w.Property("precision", Json.Quote(spec.Precision.ToString()));
            if (model.Network == null) w.Property("layers", "null");
            else
            {
                w.Name("layers");
                w.Open('[');
                foreach (var layer in model.Network.Layers)
                {
                    w.Item();
                    w.Open('{');
                    w.Property("inputs", layer.Inputs.ToString(CultureInfo.InvariantCulture));
                    w.Property("units", layer.Units.ToString(CultureInfo.InvariantCulture));
                    w.Property("activation", Json.Quote(layer.Activation.ToString()));
                    w.Property("softmaxGroups", layer.SoftmaxGroups == null ? "null" : "[" + string.Join(", ", layer.SoftmaxGroups) + "]");
                    w.Property("weights", Numbers(layer.Weights));
                    w.Property("bias", layer.HasBias ? Numbers(layer.Bias) : "null");
                    w.Close('}');
                }
                w.Close(']');
            }
            w.Close('}');
        }

        private static void WriteSchema(Writer w, DataSchema schema)
        {
            if (schema == null)
            {
                w.Property("schema", "null");
                return;
            }
            w.Name("schema");
            w.Open('{');
            w.Property("scaling", Json.Quote(schema.Scaling.ToString()));
            w.Property("missingValue", Json.Quote(schema.MissingValue.ToString()));
            w.Name("features");
            w.Open('[');
            foreach (var f in schema.Features)
            {
                w.Item();
                w.Open('{');
                w.Property("name", Json.Quote(f.Name));
                w.Property("kind", Json.Quote(f.Kind.ToString()));
                w.Property("categories", f.Categories == null ? "null" : Strings(f.Categories));
                w.Property("offset", Json.Number(f.Offset));
                w.Property("scale", Json.Number(f.Scale));
                w.Property("mean", Json.Number(f.Mean));
                w.Property("mostFrequent", f.MostFrequent == null ? "null" : Json.Quote(f.MostFrequent));
                w.Close('}');
            }
            w.Close(']');
            w.Name("targets");
            w.Open('[');
            foreach (var t in schema.Targets)
            {
                w.Item();
                w.Open('{');
                w.Property("name", Json.Quote(t.Name));
                w.Property("isClassification", t.IsClassification ? "true" : "false");
                w.Property("classes", t.Classes == null ? "null" : Strings(t.Classes));
                w.Property("singleOutputBinary", t.SingleOutputBinary ? "true" : "false");
                w.Property("offset", Json.Number(t.Offset));
                w.Property("scale", Json.Number(t.Scale));
                w.Close('}');
            }
            w.Close(']');
            w.Close('}');
        }

        private static void WriteOptions(Writer w, TrainingOptions o)
        {
            if (o == null)
            {
                w.Property("training", "null");
                return;
            }
            w.Name("training");
            w.Open('{');
            w.Property("epochs", o.Epochs.ToString(CultureInfo.InvariantCulture));
            w.Property("learningRate", o.LearningRate.HasValue ? Json.Number(o.LearningRate.Value) : "null");
            w.Property("batchSize", Int(o.BatchSize));
            w.Property("loss", o.Loss.HasValue ? Json.Quote(o.Loss.Value.ToString()) : "null");
            w.Property("optimizer", o.Optimizer.HasValue ? Json.Quote(o.Optimizer.Value.ToString()) : "null");
            w.Property("nesterov", o.Nesterov ? "true" : "false");
            w.Property("l2", Json.Number(o.L2));
            w.Property("shuffle", o.Shuffle ? "true" : "false");
            w.Property("seed", Int(o.Seed));
            w.Property("patience", Int(o.Patience));
            w.Property("minDelta", Json.Number(o.MinDelta));
            w.Property("autoReduceLearningRate", o.AutoReduceLearningRate ? "true" : "false");
            w.Property("schedule", Json.Quote(o.Schedule.ToString()));
            w.Property("scheduleStep", o.ScheduleStep.ToString(CultureInfo.InvariantCulture));
            w.Property("scheduleFactor", Json.Number(o.ScheduleFactor));
            w.Close('}');
        }

        private static void WriteHistory(Writer w, List<EpochRecord> history)
        {
            w.Name("history");
            w.Open('[');
            foreach (var r in history)
            {
                w.Item();
                w.Inline("{\"epoch\": " + r.Epoch.ToString(CultureInfo.InvariantCulture) +
                    ", \"loss\": " + NumberOrNull(r.Loss) +
                    ", \"validationLoss\": " + (r.ValidationLoss.HasValue ? NumberOrNull(r.ValidationLoss.Value) : "null") +
                    ", \"metricName\": " + (r.MetricName == null ? "null" : Json.Quote(r.MetricName)) +
                    ", \"metric\": " + (r.Metric.HasValue ? NumberOrNull(r.Metric.Value) : "null") +
                    ", \"validationMetric\": " + (r.ValidationMetric.HasValue ? NumberOrNull(r.ValidationMetric.Value) : "null") +
                    ", \"learningRate\": " + NumberOrNull(r.LearningRate) +
                    ", \"elapsedSeconds\": " + Json.Number(r.Elapsed.TotalSeconds) +
                    ", \"interrupted\": " + (r.Interrupted ? "true" : "false") + "}");
            }
            w.Close(']');
        }

        private static string Int(int? value) => value.HasValue ? value.Value.ToString(CultureInfo.InvariantCulture) : "null";

        /// <summary>L-BFGS epochs have no learning rate (NaN): JSON null.</summary>
        private static string NumberOrNull(double value) => double.IsNaN(value) || double.IsInfinity(value) ? "null" : Json.Number(value);

        private static string Numbers(double[] values)
        {
            var builder = new StringBuilder(values.Length * 20).Append('[');
            for (int i = 0; i < values.Length; i++)
            {
                if (i > 0) builder.Append(", ");
                builder.Append(Json.Number(values[i]));
            }
            return builder.Append(']').ToString();
        }

        private static string Strings(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Json.Quote)) + "]";

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
            var root = new Node(document, "", source);
            var format = root.Field("format").String();
            if (format != FormatName) throw Invalid(source, $"it is not a {FormatName} file (format is '{format}')");
            int version = root.Field("formatVersion").Int(1, int.MaxValue);
            if (version > CurrentVersion)
                throw new NeuralNetException("ModelFileTooNew", ErrorKind.InvalidData,
                    $"'{source}' has format version {version}, but this module reads versions up to {CurrentVersion}. Update the NeuralNet module to load it.");

            var n = root.Field("network");
            var spec = new NetworkSpec
            {
                InputSize = n.Field("inputSize").NullableInt(1, NeuralNetworkModel.MaxLayerSize),
                HiddenSizes = n.Field("hiddenSizes").Items().Select(i => i.Int(1, NeuralNetworkModel.MaxLayerSize)).ToArray(),
                OutputSize = n.Field("outputSize").NullableInt(1, NeuralNetworkModel.MaxLayerSize),
                HiddenActivation = n.Field("hiddenActivation").Enum<Activation>(),
                OutputActivation = n.Field("outputActivation").IsNull ? (Activation?)null : n.Field("outputActivation").Enum<Activation>(),
                HasBias = n.Field("hasBias").Bool(),
                Seed = n.Field("seed").Int(int.MinValue, int.MaxValue),
                WeightInit = n.Field("weightInit").Enum<WeightInit>(),
            };
            // Files written before single precision existed have no "precision": they are double.
            var precision = n.OptionalField("precision");
            if (!precision.IsNull) spec.Precision = precision.Enum<Precision>();
            long least = NetworkLimits.ParameterCount(new[] { spec.InputSize ?? 0 }.Concat(spec.HiddenSizes).Concat(new[] { spec.OutputSize ?? 0 }).ToArray(), spec.HasBias);
            if (least > NetworkLimits.MaxParameters)
                throw Invalid(source, $"its layer sizes need {(spec.InputSize.HasValue && spec.OutputSize.HasValue ? "" : "at least ")}{NetworkLimits.Describe(least)}, " +
                    $"more than the {NetworkLimits.Describe(NetworkLimits.MaxParameters)} a network may have (at network)");
            Network network = null;
            var layersNode = n.Field("layers");
            if (!layersNode.IsNull) network = ReadLayers(layersNode, spec, source);

            DataSchema schema = null;
            var schemaNode = root.Field("schema");
            if (!schemaNode.IsNull)
            {
                schema = ReadSchema(schemaNode);
                if (network == null) throw Invalid(source, "it has a data schema but no layers (at schema)");
                if (schema.InputWidth != network.InputSize || schema.OutputWidth != network.OutputSize)
                    throw Invalid(source, $"the schema encodes {schema.InputWidth} inputs and {schema.OutputWidth} outputs, but the layers take {network.InputSize} and give {network.OutputSize} (at schema)");
            }
            var optionsNode = root.Field("training");
            var options = optionsNode.IsNull ? null : ReadOptions(optionsNode);
            var history = root.Field("history").Items().Select(ReadRecord).ToList();
            return NeuralNetworkModel.Restore(spec, network, schema, history, options);
        }

        private static Network ReadLayers(Node node, NetworkSpec spec, string source)
        {
            var items = node.Items().ToList();
            if (items.Count != spec.HiddenSizes.Length + 1)
                throw Invalid(source, $"it declares {spec.HiddenSizes.Length} hidden layers but has {items.Count} layers of weights (at {node.Path})");
            // Sizes first, all of them, before any weight array is copied.
            var shapes = items.Select(i => (Inputs: i.Field("inputs").Int(1, NeuralNetworkModel.MaxLayerSize), Units: i.Field("units").Int(1, NeuralNetworkModel.MaxLayerSize))).ToList();
            for (int l = 0; l < shapes.Count; l++)
            {
                int expectedUnits = l < spec.HiddenSizes.Length ? spec.HiddenSizes[l] : spec.OutputSize ?? shapes[l].Units;
                if (shapes[l].Units != expectedUnits || (l > 0 && shapes[l].Inputs != shapes[l - 1].Units) || (l == 0 && spec.InputSize.HasValue && shapes[0].Inputs != spec.InputSize))
                    throw Invalid(source, $"layer {l + 1} is {shapes[l].Inputs} × {shapes[l].Units}, which does not fit the sizes around it (at {items[l].Path})");
            }
            long parameters = NetworkLimits.ParameterCount(new[] { shapes[0].Inputs }.Concat(shapes.Select(s => s.Units)).ToArray(), spec.HasBias);
            if (parameters > NetworkLimits.MaxParameters)
                throw Invalid(source, $"its layers declare {NetworkLimits.Describe(parameters)}, more than the {NetworkLimits.Describe(NetworkLimits.MaxParameters)} a network may have (at {node.Path})");
            // Every array's length against its shape, before any layer is allocated.
            for (int l = 0; l < items.Count; l++)
            {
                items[l].Field("weights").RequireLength((long)shapes[l].Inputs * shapes[l].Units);
                var bias = items[l].Field("bias");
                if (spec.HasBias) bias.RequireLength(shapes[l].Units);
                else if (!bias.IsNull) throw Invalid(source, $"the network has no biases, but layer {l + 1} lists some (at {bias.Path})");
            }
            var layers = new List<DenseLayer>();
            for (int l = 0; l < items.Count; l++)
            {
                var item = items[l];
                var activation = item.Field("activation").Enum<Activation>();
                var groupsNode = item.Field("softmaxGroups");
                int[] groups = groupsNode.IsNull ? null : groupsNode.Items().Select(g => g.Int(1, NeuralNetworkModel.MaxLayerSize)).ToArray();
                if (groups != null && (activation != Activation.Softmax || groups.Sum() != shapes[l].Units))
                    throw Invalid(source, $"its softmax groups do not add up to the layer's {shapes[l].Units} units (at {groupsNode.Path})");
                var layer = new DenseLayer(shapes[l].Inputs, shapes[l].Units, activation, spec.HasBias, groups);
                item.Field("weights").Numbers(layer.Weights);
                if (spec.HasBias) item.Field("bias").Numbers(layer.Bias);
                layers.Add(layer);
            }
            if (spec.OutputActivation.HasValue && layers[layers.Count - 1].Activation != spec.OutputActivation.Value)
                throw Invalid(source, $"the output layer's activation is {layers[layers.Count - 1].Activation} but the network declares {spec.OutputActivation} (at {node.Path})");
            spec.InputSize = shapes[0].Inputs;
            spec.OutputSize = shapes[shapes.Count - 1].Units;
            spec.OutputActivation = layers[layers.Count - 1].Activation;
            return new Network(layers);
        }

        private static DataSchema ReadSchema(Node node)
        {
            var schema = new DataSchema
            {
                Scaling = node.Field("scaling").Enum<Scaling>(),
                MissingValue = node.Field("missingValue").Enum<MissingValuePolicy>(),
            };
            // Rows are matched to columns by name ignoring case, as PowerShell matches properties, so two
            // columns whose names differ only by case could never both be given.
            var names = new Dictionary<string, Node>(StringComparer.OrdinalIgnoreCase);
            void Unique(Node name)
            {
                var text = name.String();
                if (names.TryGetValue(text, out var first))
                    throw name.Error($"a name used once, but '{text}' is also the name at {first.Path}{(text == first.String() ? "" : $" ('{first.String()}'; names are matched ignoring case)")}");
                names.Add(text, name);
            }
            schema.Features = node.Field("features").Items().Select(f =>
            {
                Unique(f.Field("name"));
                var column = new FeatureColumn
                {
                    Name = f.Field("name").String(),
                    Kind = f.Field("kind").Enum<ColumnKind>(),
                    Offset = f.Field("offset").Number(),
                    Scale = Scale(f.Field("scale")),
                    Mean = f.Field("mean").Number(),
                    MostFrequent = f.Field("mostFrequent").IsNull ? null : f.Field("mostFrequent").String(),
                };
                var categories = f.Field("categories");
                column.Categories = categories.IsNull ? null : Labels(categories);
                if (column.Kind == ColumnKind.Categorical && (column.Categories == null || column.Categories.Length == 0))
                    throw f.Error("a categorical column needs its categories");
                if (column.MostFrequent != null && column.Categories != null && Array.IndexOf(column.Categories, column.MostFrequent) < 0)
                    throw f.Field("mostFrequent").Error("one of the column's categories");
                return column;
            }).ToArray();
            schema.Targets = node.Field("targets").Items().Select(t =>
            {
                Unique(t.Field("name"));
                var target = new TargetColumn
                {
                    Name = t.Field("name").String(),
                    IsClassification = t.Field("isClassification").Bool(),
                    SingleOutputBinary = t.Field("singleOutputBinary").Bool(),
                    Offset = t.Field("offset").Number(),
                    Scale = Scale(t.Field("scale")),
                };
                var classes = t.Field("classes");
                target.Classes = classes.IsNull ? null : Labels(classes);
                if (target.IsClassification && (target.Classes == null || target.Classes.Length < 2))
                    throw t.Error("a class target needs at least two classes");
                return target;
            }).ToArray();
            if (schema.Targets.Length == 0) throw node.Field("targets").Error("at least one target");
            return schema;
        }

        private static double Scale(Node scale)
        {
            double value = scale.Number();
            if (!(value >= MinScale && value <= MaxScale))
                throw scale.Error("a scale from 1e-300 to 1e300 (the divisor of an input or the factor of an output: a smaller or larger one makes predictions infinite or NaN)");
            return value;
        }

        /// <summary>Category or class labels: strings, each once (labels are told apart exactly, case included).</summary>
        private static string[] Labels(Node node)
        {
            var labels = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in node.Items())
            {
                var label = item.String();
                if (!seen.Add(label)) throw item.Error($"each label once, but '{label}' appears twice");
                labels.Add(label);
            }
            return labels.ToArray();
        }

        private static TrainingOptions ReadOptions(Node o) => new TrainingOptions
        {
            Epochs = o.Field("epochs").Int(1, int.MaxValue),
            LearningRate = o.Field("learningRate").IsNull ? (double?)null : o.Field("learningRate").Number(0, double.MaxValue),
            BatchSize = o.Field("batchSize").NullableInt(1, int.MaxValue),
            Loss = o.Field("loss").IsNull ? (Loss?)null : o.Field("loss").Enum<Loss>(),
            Optimizer = o.Field("optimizer").IsNull ? (OptimizerKind?)null : o.Field("optimizer").Enum<OptimizerKind>(),
            Nesterov = o.Field("nesterov").Bool(),
            L2 = o.Field("l2").Number(0, double.MaxValue),
            Shuffle = o.Field("shuffle").Bool(),
            Seed = o.Field("seed").NullableInt(int.MinValue, int.MaxValue),
            Patience = o.Field("patience").NullableInt(1, int.MaxValue),
            MinDelta = o.Field("minDelta").Number(0, double.MaxValue),
            AutoReduceLearningRate = o.Field("autoReduceLearningRate").Bool(),
            Schedule = o.Field("schedule").Enum<LearningRateSchedule>(),
            ScheduleStep = o.Field("scheduleStep").Int(1, int.MaxValue),
            ScheduleFactor = o.Field("scheduleFactor").Number(double.Epsilon, double.MaxValue),
        };

        private static EpochRecord ReadRecord(Node r) => new EpochRecord
        {
            Epoch = r.Field("epoch").Int(1, int.MaxValue),
            Loss = r.Field("loss").IsNull ? double.NaN : r.Field("loss").Number(),
            ValidationLoss = r.Field("validationLoss").IsNull ? (double?)null : r.Field("validationLoss").Number(),
            MetricName = r.Field("metricName").IsNull ? null : r.Field("metricName").String(),
            Metric = r.Field("metric").IsNull ? (double?)null : r.Field("metric").Number(),
            ValidationMetric = r.Field("validationMetric").IsNull ? (double?)null : r.Field("validationMetric").Number(),
            LearningRate = r.Field("learningRate").IsNull ? double.NaN : r.Field("learningRate").Number(),
            Elapsed = TimeSpan.FromSeconds(r.Field("elapsedSeconds").Number(0, MaxElapsedSeconds)),
            Interrupted = r.Field("interrupted").Bool(),
        };

        /// <summary>The error for a file that is not a valid network file.</summary>
        public static NeuralNetException Invalid(string source, string what) =>
            new NeuralNetException("ModelFileInvalid", ErrorKind.InvalidData, $"'{source}' is not a valid network file: {what}.");

        /// <summary>A value in the document with its path, for errors such as "network.layers[1].weights[7]".</summary>
        private readonly struct Node
        {
            private readonly object _value;
            private readonly string _source;

            public Node(object value, string path, string source)
            {
                _value = value;
                Path = path.Length == 0 ? "the top level" : path;
                _source = source;
            }

            public string Path { get; }

            public bool IsNull => _value == null;

            public Node Field(string name)
            {
                if (!(_value is JsonObject obj)) throw Error("an object");
                if (!obj.TryGetValue(name, out var value)) throw Invalid(_source, $"the property '{name}' is missing (at {Path})");
                return new Node(value, Path == "the top level" ? name : Path + "." + name, _source);
            }

            /// <summary>The property, or a null node when it is absent (for properties added in later releases of the same format version).</summary>
            public Node OptionalField(string name)
            {
                if (!(_value is JsonObject obj)) throw Error("an object");
                obj.TryGetValue(name, out var value);
                return new Node(value, Path == "the top level" ? name : Path + "." + name, _source);
            }

            public IEnumerable<Node> Items()
            {
                if (!(_value is List<object> list)) throw Error("an array");
                var path = Path;
                var source = _source;
                return list.Select((v, i) => new Node(v, $"{path}[{i}]", source));
            }

            public string String() => _value as string ?? throw Error("a string");

            public bool Bool() => _value is bool b ? b : throw Error("true or false");

            public double Number() => _value is double d ? d : throw Error("a number");

            /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>.</summary>
            public double Number(double min, double max)
            {
                double d = Number();
                if (d < min || d > max)
                    throw Error(max == double.MaxValue ? (min == 0 ? "a number of at least 0" : "a number greater than 0") : $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
                return d;
            }

            /// <summary>An array of exactly <paramref name="length"/> items, checked before the caller allocates that many.</summary>
            public void RequireLength(long length)
            {
                if (!(_value is List<object> list)) throw Error("an array of numbers");
                if (list.Count != length)
                    throw Invalid(_source, string.Format(CultureInfo.InvariantCulture, "{0} values where the shape needs {1} (at {2})", list.Count, length, Path));
            }

            public int Int(int min, int max)
            {
                if (!(_value is double d) || d != Math.Floor(d) || d < min || d > max)
                    throw Error(min == 1 && max == NeuralNetworkModel.MaxLayerSize ? $"a whole number from 1 to {max}" : "a whole number in range");
                return (int)d;
            }

            public int? NullableInt(int min, int max) => IsNull ? (int?)null : Int(min, max);

            public T Enum<T>() where T : struct
            {
                var text = String();
                if (!System.Enum.TryParse(text, true, out T value) || !System.Enum.IsDefined(typeof(T), value) || char.IsDigit(text[0]))
                    throw Error($"one of {string.Join(", ", System.Enum.GetNames(typeof(T)))}");
                return value;
            }

            /// <summary>Copies a numeric array of exactly <paramref name="into"/>'s length.</summary>
            public void Numbers(double[] into)
            {
                RequireLength(into.Length);
                var list = (List<object>)_value;
                for (int i = 0; i < list.Count; i++)
                {
                    if (!(list[i] is double d)) throw Invalid(_source, $"a value that is not a finite number (at {Path}[{i}])");
                    into[i] = d;
                }
            }

            public NeuralNetException Error(string expected) => Invalid(_source, $"expected {expected} (at {Path})");
        }

        /// <summary>Indented output: objects and arrays one member per line, numeric arrays on one line.</summary>
        private sealed class Writer
        {
            private readonly StringBuilder _text = new StringBuilder();
            private readonly Stack<bool> _first = new Stack<bool>();

            public void Open(char bracket)
            {
                _text.Append(bracket);
                _first.Push(true);
            }

            public void Close(char bracket)
            {
                _first.Pop();
                _text.Append('\n').Append(' ', _first.Count * 2).Append(bracket);
            }

            private void Separate()
            {
                if (!_first.Pop()) _text.Append(',');
                _first.Push(false);
                _text.Append('\n').Append(' ', _first.Count * 2);
            }

            public void Name(string name)
            {
                Separate();
                _text.Append(Json.Quote(name)).Append(": ");
            }

            public void Property(string name, string rawValue)
            {
                Name(name);
                _text.Append(rawValue);
            }

            public void Item() => Separate();

            public void Inline(string raw) => _text.Append(raw);

            public override string ToString() => _text.Append('\n').ToString();
        }
    }
}
