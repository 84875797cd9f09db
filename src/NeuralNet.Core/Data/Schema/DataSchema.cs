namespace NeuralNet.Core.Data
{
    /// <summary>
    /// The mapping between rows and the network, fitted once on the training rows
    /// (<see cref="SchemaInference"/>) and kept in the network, so prediction applies exactly the same
    /// parsing, encoding and scaling. Immutable: fitting the outputs gives a new schema.
    /// </summary>
    public sealed class DataSchema
    {
        private readonly FeatureColumn[] _features;
        private readonly TargetColumn[] _targets;

        public DataSchema(IEnumerable<FeatureColumn> features, IEnumerable<TargetColumn> targets, Scaling scaling, MissingValuePolicy missingValue)
        {
            _features = features.ToArray();
            _targets = targets.ToArray();
            var problem = Problem(_features, _targets);
            if (problem != null) throw new ArgumentException("Not a valid schema: " + problem);
            Scaling = scaling;
            MissingValue = missingValue;
        }

        public IReadOnlyList<FeatureColumn> Features => _features;

        public IReadOnlyList<TargetColumn> Targets => _targets;

        public Scaling Scaling { get; }

        public MissingValuePolicy MissingValue { get; }

        /// <summary>The feature columns read as categories (to be kept as text when read from files).</summary>
        public IEnumerable<string> CategoricalColumns => _features.Where(f => f.Kind == ColumnKind.Categorical).Select(f => f.Name);

        public int InputWidth => _features.Sum(f => f.Width);

        public int OutputWidth => _targets.Sum(t => t.Width);

        public bool IsClassification => _targets[0].IsClassification;

        /// <summary>The network's input names after encoding, e.g. "color=red".</summary>
        public IEnumerable<string> InputNames => _features.SelectMany(f => f.InputNames);

        /// <summary>The network's output names, e.g. "species=setosa".</summary>
        public IEnumerable<string> OutputNames => _targets.SelectMany(t => t.OutputNames);

        /// <summary>What makes these columns no schema (null when they are one): a reader of model files names it.</summary>
        public static string Problem(IReadOnlyList<FeatureColumn> features, IReadOnlyList<TargetColumn> targets)
        {
            if (features.Count == 0) return "it has no features";
            if (targets.Count == 0) return "it has no targets";
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in features.Select(f => f.Name).Concat(targets.Select(t => t.Name)))
                if (name == null || !names.Add(name)) return $"the column name '{name}' appears twice";
            foreach (var f in features.OfType<CategoricalFeature>())
                if (f.Categories.Count == 0 || f.Categories.Distinct(StringComparer.Ordinal).Count() != f.Categories.Count) return $"the categories of '{f.Name}' are empty or repeat";
            foreach (var f in features.OfType<NumericFeature>())
                if (!IsUsableScale(f.Scale) || !IsFinite(f.Offset) || !IsFinite(f.Mean)) return $"the scaling of '{f.Name}' is not finite and non-zero";
            foreach (var t in targets.OfType<ClassTarget>())
                if (t.Classes.Count < 2 || t.Classes.Distinct(StringComparer.Ordinal).Count() != t.Classes.Count) return $"the classes of '{t.Name}' are fewer than two or repeat";
            foreach (var t in targets.OfType<ValueTarget>())
                if (!IsUsableScale(t.Scale) || !IsFinite(t.Offset)) return $"the scaling of '{t.Name}' is not finite and non-zero";
            if (targets.Select(t => t.IsClassification).Distinct().Count() > 1) return "it mixes class and numeric targets";
            return null;
        }

        /// <summary>A scale whose reciprocal is finite too (a subnormal scale would turn every input into ∞).</summary>
        private static bool IsUsableScale(double scale) => IsFinite(scale) && scale != 0 && IsFinite(1.0 / scale);

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        /// <summary>This schema with its targets fitted to the output activation (see <see cref="SchemaInference.WithOutputs"/>).</summary>
        public DataSchema WithTargets(IEnumerable<TargetColumn> targets) => new DataSchema(_features, targets, Scaling, MissingValue);

        /// <summary>
        /// Encodes rows into network inputs (and, with <paramref name="withTargets"/>, targets). Errors name
        /// the 1-based row and the property; rows left out under MissingValue Skip are absent from
        /// <see cref="DataSet.SourceRows"/>.
        /// </summary>
        /// <param name="table">The rows.</param>
        /// <param name="withTargets">Whether to encode the targets too (labelled rows).</param>
        /// <param name="unknown">What to do with a category training never saw.</param>
        /// <param name="scoring">True when a fitted network reads new rows (errors then advise retraining).</param>
        /// <param name="firstRowNumber">The row number of the table's first row in errors and source rows (a chunk of a stream starts later).</param>
        /// <param name="sampleWeight">The column holding each row's weight (-SampleWeight), or null.</param>
        public DataSet Encode(RawTable table, bool withTargets, UnknownCategoryPolicy unknown = UnknownCategoryPolicy.Error, bool scoring = false, int firstRowNumber = 1,
            string sampleWeight = null) =>
            TableEncoder.Encode(this, table, withTargets, new CellPolicy(MissingValue, unknown, scoring, firstRowNumber), sampleWeight);

        /// <summary>Per target, the label with class probabilities or the number in the target's units, of one output row.</summary>
        public TargetPrediction[] Decode(double[] outputs, int offset)
        {
            var result = new TargetPrediction[_targets.Length];
            for (int t = 0; t < _targets.Length; t++)
            {
                result[t] = _targets[t].Decode(outputs, offset);
                offset += _targets[t].Width;
            }
            return result;
        }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} → {1}", string.Join(", ", _features.Select(f => f.Name)), string.Join(", ", _targets.Select(t => t.Name)));
    }
}
