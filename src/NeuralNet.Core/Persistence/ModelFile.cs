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
            // Once built, the sizes and the output activation are the layers' (the spec keeps what was asked).
            w.Property("inputSize", Int(model.Network?.InputSize ?? spec.InputSize));
            w.Property("hiddenSizes", "[" + string.Join(", ", spec.HiddenSizes.Select(h => h.ToString(CultureInfo.InvariantCulture))) + "]");
            w.Property("outputSize", Int(model.Network?.OutputSize ?? spec.OutputSize));
            w.Property("hiddenActivation", Json.Quote(spec.HiddenActivation.ToString()));
            w.Property("outputActivation", model.OutputActivation.HasValue ? Json.Quote(model.OutputActivation.Value.ToString()) : "null");
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
                var numeric = f as NumericFeature;
                var categorical = f as CategoricalFeature;
                w.Item();
                w.Open('{');
                w.Property("name", Json.Quote(f.Name));
                w.Property("kind", Json.Quote(f.Kind.ToString()));
                w.Property("categories", categorical == null ? "null" : Strings(categorical.Categories));
                w.Property("offset", Json.Number(numeric?.Offset ?? 0));
                w.Property("scale", Json.Number(numeric?.Scale ?? 1));
                w.Property("mean", Json.Number(numeric?.Mean ?? 0));
                w.Property("mostFrequent", categorical?.MostFrequent == null ? "null" : Json.Quote(categorical.MostFrequent));
                w.Close('}');
            }
            w.Close(']');
            w.Name("targets");
            w.Open('[');
            foreach (var t in schema.Targets)
            {
                var classes = t as ClassTarget;
                var value = t as ValueTarget;
                w.Item();
                w.Open('{');
                w.Property("name", Json.Quote(t.Name));
                w.Property("isClassification", t.IsClassification ? "true" : "false");
                w.Property("classes", classes == null ? "null" : Strings(classes.Classes));
                w.Property("singleOutputBinary", classes?.OneSigmoid == true ? "true" : "false");
                w.Property("offset", Json.Number(value?.Offset ?? 0));
                w.Property("scale", Json.Number(value?.Scale ?? 1));
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
            foreach (var option in OptionsFormat.Write(o)) w.Property(option.Key, option.Value);
            w.Close('}');
        }

        private static void WriteHistory(Writer w, IReadOnlyList<EpochRecord> history)
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
            // Files written before single precision existed have no "precision": they are double.
            var precision = n.OptionalField("precision");
            var spec = new NetworkSpec(
                inputSize: n.Field("inputSize").NullableInt(1, NeuralNetworkModel.MaxLayerSize),
                hiddenSizes: n.Field("hiddenSizes").Items().Select(i => i.Int(1, NeuralNetworkModel.MaxLayerSize)).ToArray(),
                outputSize: n.Field("outputSize").NullableInt(1, NeuralNetworkModel.MaxLayerSize),
                hiddenActivation: n.Field("hiddenActivation").Enum<Activation>(),
                outputActivation: n.Field("outputActivation").IsNull ? (Activation?)null : n.Field("outputActivation").Enum<Activation>(),
                hasBias: n.Field("hasBias").Bool(),
                seed: n.Field("seed").Int(int.MinValue, int.MaxValue),
                weightInit: n.Field("weightInit").Enum<WeightInit>(),
                precision: precision.IsNull ? Precision.Double : precision.Enum<Precision>());
            Network network = null;
            var layersNode = n.Field("layers");
            if (!layersNode.IsNull) network = ReadLayers(layersNode, spec, source);

            DataSchema schema = null;
            var schemaNode = root.Field("schema");
            if (!schemaNode.IsNull)
            {
                schema = ReadSchema(schemaNode, source);
                if (network == null) throw Invalid(source, "it has a data schema but no layers (at schema)");
                if (schema.InputWidth != network.InputSize || schema.OutputWidth != network.OutputSize)
                    throw Invalid(source, $"the schema encodes {schema.InputWidth} inputs and {schema.OutputWidth} outputs, but the layers take {network.InputSize} and give {network.OutputSize} (at schema)");
            }
            var optionsNode = root.Field("training");
            var options = optionsNode.IsNull ? null : ReadOptions(optionsNode, source);
            var history = root.Field("history").Items().Select(ReadRecord).ToList();
            return NeuralNetworkModel.Restore(spec, network, schema, history, options);
        }

        private static Network ReadLayers(Node node, NetworkSpec spec, string source)
        {
            var items = node.Items().ToList();
            if (items.Count != spec.HiddenSizes.Count + 1)
                throw Invalid(source, $"it declares {spec.HiddenSizes.Count} hidden layers but has {items.Count} layers of weights (at {node.Path})");
            // Sizes first, all of them, before any weight array is copied.
            var shapes = items.Select(i => (Inputs: i.Field("inputs").Int(1, NeuralNetworkModel.MaxLayerSize), Units: i.Field("units").Int(1, NeuralNetworkModel.MaxLayerSize))).ToList();
            for (int l = 0; l < shapes.Count; l++)
            {
                int expectedUnits = l < spec.HiddenSizes.Count ? spec.HiddenSizes[l] : spec.OutputSize ?? shapes[l].Units;
                if (shapes[l].Units != expectedUnits || (l > 0 && shapes[l].Inputs != shapes[l - 1].Units) || (l == 0 && spec.InputSize.HasValue && shapes[0].Inputs != spec.InputSize))
                    throw Invalid(source, $"layer {l + 1} is {shapes[l].Inputs} × {shapes[l].Units}, which does not fit the sizes around it (at {items[l].Path})");
                if ((long)shapes[l].Inputs * shapes[l].Units > int.MaxValue / 2)
                    throw Invalid(source, $"layer {l + 1} declares {(long)shapes[l].Inputs * shapes[l].Units} weights, more than a network may have (at {items[l].Path})");
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
                var biasNode = item.Field("bias");
                if (spec.HasBias) biasNode.Numbers(layer.Bias);
                else if (!biasNode.IsNull) throw Invalid(source, $"the network has no biases, but layer {l + 1} lists some (at {biasNode.Path})");
                layers.Add(layer);
            }
            if (spec.OutputActivation.HasValue && layers[layers.Count - 1].Activation != spec.OutputActivation.Value)
                throw Invalid(source, $"the output layer's activation is {layers[layers.Count - 1].Activation} but the network declares {spec.OutputActivation} (at {node.Path})");
            return new Network(layers);
        }

        private static DataSchema ReadSchema(Node node, string source)
        {
            var features = node.Field("features").Items().Select(ReadFeature).ToArray();
            var targets = node.Field("targets").Items().Select(ReadTarget).ToArray();
            if (targets.Length == 0) throw node.Field("targets").Error("at least one target");
            var problem = DataSchema.Problem(features, targets);
            if (problem != null) throw Invalid(source, problem + " (at schema)");
            return new DataSchema(features, targets, node.Field("scaling").Enum<Scaling>(), node.Field("missingValue").Enum<MissingValuePolicy>());
        }

        private static FeatureColumn ReadFeature(Node f)
        {
            var name = f.Field("name").String();
            if (f.Field("kind").Enum<ColumnKind>() == ColumnKind.Numeric)
            {
                var scale = f.Field("scale").Number();
                if (scale == 0) throw f.Field("scale").Error("a scale other than 0");
                return new NumericFeature(name, f.Field("offset").Number(), scale, f.Field("mean").Number());
            }
            var categories = f.Field("categories");
            if (categories.IsNull || !categories.Items().Any()) throw f.Error("a categorical column needs its categories");
            return new CategoricalFeature(name, categories.Items().Select(c => c.String()), f.Field("mostFrequent").IsNull ? null : f.Field("mostFrequent").String());
        }

        private static TargetColumn ReadTarget(Node t)
        {
            var name = t.Field("name").String();
            if (!t.Field("isClassification").Bool())
            {
                var scale = t.Field("scale").Number();
                if (scale == 0) throw t.Field("scale").Error("a scale other than 0");
                return new ValueTarget(name, t.Field("offset").Number(), scale);
            }
            var classes = t.Field("classes");
            if (classes.IsNull || classes.Items().Count() < 2) throw t.Error("a class target needs at least two classes");
            return new ClassTarget(name, classes.Items().Select(c => c.String()), t.Field("singleOutputBinary").Bool());
        }

        private static TrainingOptions ReadOptions(Node o, string source)
        {
            if (!(o.Value is JsonObject json)) throw o.Error("an object");
            try
            {
                return OptionsFormat.Read(json, new TrainingOptions());
            }
            catch (NeuralNetException e)
            {
                throw Invalid(source, $"{e.Message} (at {o.Path})");
            }
        }

        private static EpochRecord ReadRecord(Node r) => new EpochRecord(
            epoch: r.Field("epoch").Int(1, int.MaxValue),
            loss: r.Field("loss").IsNull ? double.NaN : r.Field("loss").Number(),
            validationLoss: r.Field("validationLoss").IsNull ? (double?)null : r.Field("validationLoss").Number(),
            metricName: r.Field("metricName").IsNull ? null : r.Field("metricName").String(),
            metric: r.Field("metric").IsNull ? (double?)null : r.Field("metric").Number(),
            validationMetric: r.Field("validationMetric").IsNull ? (double?)null : r.Field("validationMetric").Number(),
            learningRate: r.Field("learningRate").IsNull ? double.NaN : r.Field("learningRate").Number(),
            elapsed: TimeSpan.FromSeconds(r.Field("elapsedSeconds").Number()),
            interrupted: r.Field("interrupted").Bool());

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

            public object Value => _value;

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
                if (!(_value is List<object> list)) throw Error("an array of numbers");
                if (list.Count != into.Length) throw Invalid(_source, $"{list.Count} values where the shape needs {into.Length} (at {Path})");
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
