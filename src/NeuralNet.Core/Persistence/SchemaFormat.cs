using NeuralNet.Core.Data;

namespace NeuralNet.Core.Persistence
{
    /// <summary>
    /// The "schema" object of a model file: how rows map to the network. Reading refuses what no
    /// training writes (a name used twice, repeated labels, a scale that makes predictions infinite),
    /// naming the property.
    /// </summary>
    internal static class SchemaFormat
    {
        /// <summary>
        /// A scale divides inputs and multiplies outputs, so it stays within 1e-300 to 1e300: a scale
        /// such as 1e-320 turns every prediction into infinity or NaN, and training never writes one
        /// (scales are standard deviations or ranges of data, or 1).
        /// </summary>
        public const double MinScale = 1e-300, MaxScale = 1e300;

        public static void Write(DocumentWriter w, DataSchema schema)
        {
            if (!w.OpenObject("schema", schema)) return;
            w.Property("scaling", Json.Quote(schema.Scaling.ToString()));
            w.Property("missingValue", Json.Quote(schema.MissingValue.ToString()));
            w.Objects("features", schema.Features, f =>
            {
                var numeric = f as NumericFeature;
                var categorical = f as CategoricalFeature;
                w.Property("name", Json.Quote(f.Name));
                w.Property("kind", Json.Quote(f.Kind.ToString()));
                w.Property("categories", categorical == null ? "null" : DocumentWriter.Strings(categorical.Categories));
                w.Property("offset", Json.Number(numeric?.Offset ?? 0));
                w.Property("scale", Json.Number(numeric?.Scale ?? 1));
                w.Property("mean", Json.Number(numeric?.Mean ?? 0));
                w.Property("mostFrequent", categorical?.MostFrequent == null ? "null" : Json.Quote(categorical.MostFrequent));
            });
            w.Objects("targets", schema.Targets, t =>
            {
                var classes = t as ClassTarget;
                var value = t as ValueTarget;
                w.Property("name", Json.Quote(t.Name));
                w.Property("isClassification", DocumentWriter.Bool(t.IsClassification));
                w.Property("classes", classes == null ? "null" : DocumentWriter.Strings(classes.Classes));
                w.Property("singleOutputBinary", DocumentWriter.Bool(classes?.OneSigmoid == true));
                w.Property("offset", Json.Number(value?.Offset ?? 0));
                w.Property("scale", Json.Number(value?.Scale ?? 1));
            });
            w.Close('}');
        }

        public static DataSchema Read(DocumentNode node, string source)
        {
            // Rows are matched to columns by name ignoring case, as PowerShell matches properties, so two
            // columns whose names differ only by case could never both be given.
            var names = new Dictionary<string, DocumentNode>(StringComparer.OrdinalIgnoreCase);
            void Unique(DocumentNode name)
            {
                var text = name.String();
                if (names.TryGetValue(text, out var first))
                    throw name.Error($"a name used once, but '{text}' is also the name at {first.Path}{(text == first.String() ? "" : $" ('{first.String()}'; names are matched ignoring case)")}");
                names.Add(text, name);
            }
            var features = node.Field("features").Items().Select(f =>
            {
                Unique(f.Field("name"));
                return Feature(f);
            }).ToArray();
            var targets = node.Field("targets").Items().Select(t =>
            {
                Unique(t.Field("name"));
                return Target(t);
            }).ToArray();
            if (targets.Length == 0) throw node.Field("targets").Error("at least one target");
            var problem = DataSchema.Problem(features, targets);
            if (problem != null) throw ModelFile.Invalid(source, problem + " (at schema)");
            return new DataSchema(features, targets, node.Field("scaling").Enum<Scaling>(), node.Field("missingValue").Enum<MissingValuePolicy>());
        }

        private static FeatureColumn Feature(DocumentNode f)
        {
            var name = f.Field("name").String();
            var kind = f.Field("kind").Enum<ColumnKind>();
            var scale = Scale(f.Field("scale"));
            var categoriesNode = f.Field("categories");
            var categories = categoriesNode.IsNull ? null : categoriesNode.Labels();
            var mostFrequent = f.Field("mostFrequent").IsNull ? null : f.Field("mostFrequent").String();
            if (kind == ColumnKind.Numeric) return new NumericFeature(name, f.Field("offset").Number(), scale, f.Field("mean").Number());
            if (categories == null || categories.Length == 0) throw f.Error("a categorical column needs its categories");
            if (mostFrequent != null && Array.IndexOf(categories, mostFrequent) < 0) throw f.Field("mostFrequent").Error("one of the column's categories");
            return new CategoricalFeature(name, categories, mostFrequent);
        }

        private static TargetColumn Target(DocumentNode t)
        {
            var name = t.Field("name").String();
            var scale = Scale(t.Field("scale"));
            var classesNode = t.Field("classes");
            var classes = classesNode.IsNull ? null : classesNode.Labels();
            if (!t.Field("isClassification").Bool()) return new ValueTarget(name, t.Field("offset").Number(), scale);
            if (classes == null || classes.Length < 2) throw t.Error("a class target needs at least two classes");
            return new ClassTarget(name, classes, t.Field("singleOutputBinary").Bool());
        }

        private static double Scale(DocumentNode scale)
        {
            double value = scale.Number();
            if (!(value >= MinScale && value <= MaxScale))
                throw scale.Error("a scale from 1e-300 to 1e300 (the divisor of an input or the factor of an output: a smaller or larger one makes predictions infinite or NaN)");
            return value;
        }
    }
}
