using NeuralNet.Core.Training;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Fits a <see cref="DataSchema"/> to training rows: which columns are features and targets, which
    /// features are numbers (scaled) or categories (one-hot), and whether targets are classes or numbers.
    /// How classes map to outputs and whether numeric targets are standardised waits for the output
    /// activation (<see cref="WithOutputs"/>).
    /// </summary>
    public static class SchemaInference
    {
        /// <summary>Infers column kinds, categories, classes and scaling from the training rows.</summary>
        /// <param name="table">The training rows.</param>
        /// <param name="options">Targets, features and how to read them; Scaling must be resolved.</param>
        /// <param name="sampleWeight">The column of row weights (-SampleWeight), which is not a feature; or null.</param>
        public static DataSchema Fit(RawTable table, DataOptions options, string sampleWeight = null)
        {
            if (table.RowCount == 0) throw DataErrors.NoRows("to train on; pipe rows in or give -InputObject, -Path or -FeatureMatrix");
            if (options.Target == null || options.Target.Length == 0) throw DataErrors.TargetRequired();
            var scaling = options.Scaling ?? Scaling.Standard;
            var targetIndexes = Columns(table, options.Target, "Target");
            int weightIndex = sampleWeight == null ? -1 : table.IndexOf(sampleWeight);
            if (sampleWeight != null && weightIndex < 0) throw DataErrors.SampleWeightNotFound(sampleWeight, table.Columns, carried: false);
            if (targetIndexes.Contains(weightIndex)) throw DataErrors.SampleWeightIsInput(sampleWeight, "target");
            var featureIndexes = options.Feature != null
                ? Columns(table, options.Feature, "Feature")
                : Enumerable.Range(0, table.Columns.Count).Where(c => !targetIndexes.Contains(c) && c != weightIndex).ToArray();
            foreach (var f in featureIndexes)
            {
                if (targetIndexes.Contains(f)) throw DataErrors.FeatureIsTarget(table.Columns[f]);
                if (f == weightIndex) throw DataErrors.SampleWeightIsInput(sampleWeight, "feature (in -Feature)");
            }
            if (featureIndexes.Length == 0) throw DataErrors.NoFeatures(options.Target);
            var categorical = new HashSet<string>(options.Categorical ?? new string[0], StringComparer.OrdinalIgnoreCase);
            foreach (var c in categorical)
                if (table.IndexOf(c) < 0) throw DataErrors.NoSuchColumn("Categorical", c, table.Columns);

            var keep = TableEncoder.RowsToKeep(table, featureIndexes.Concat(targetIndexes).ToArray(), options.MissingValue);
            if (keep.Count == 0) throw DataErrors.EveryRowSkipped();
            var statistics = ColumnStatistics.OfNumericColumns(table, featureIndexes, keep);
            var features = featureIndexes.Select((c, i) => Feature(table, c, keep, categorical.Contains(table.Columns[c]), scaling, statistics[i])).ToArray();
            var targets = targetIndexes.Select(c => Target(table, c, keep, categorical.Contains(table.Columns[c]), options.Task)).ToArray();
            if (targets.Select(t => t.IsClassification).Distinct().Count() > 1) throw DataErrors.TargetMix();
            return new DataSchema(features, targets, scaling, options.MissingValue);
        }

        /// <summary>
        /// The first target as fitting would read it (classes or numbers), without fitting the features:
        /// what an experiment needs to stratify its folds and to pick its metric.
        /// </summary>
        public static TargetColumn TargetOf(RawTable table, DataOptions options)
        {
            // Before the rows are filtered: no rows at all is not "every row skipped".
            if (table.RowCount == 0) throw DataErrors.NoRows("to experiment on; pipe rows in, or give -Path files with rows below their header");
            if (options.Target == null || options.Target.Length == 0) throw DataErrors.TargetRequired();
            int c = Columns(table, options.Target, "Target")[0];
            var keep = TableEncoder.RowsToKeep(table, new[] { c }, options.MissingValue);
            if (keep.Count == 0) throw DataErrors.EveryRowSkipped();
            bool forced = (options.Categorical ?? new string[0]).Contains(table.Columns[c], StringComparer.OrdinalIgnoreCase);
            return Target(table, c, keep, forced, options.Task);
        }

        /// <summary>
        /// Decides how classes map to outputs once the output activation is known (<see cref="Resolver.UsesOneSigmoid"/>),
        /// and standardises numeric targets when the output is unbounded (<see cref="Resolver.StandardisesTargets"/>).
        /// </summary>
        public static DataSchema WithOutputs(DataSchema schema, RawTable table, Activation output, int? fixedOutputSize)
        {
            var targets = schema.Targets.Select(target =>
            {
                if (target is ClassTarget classes)
                    return classes.WithOneSigmoid(output != Activation.Softmax && Resolver.UsesOneSigmoid(classes.ClassCount, schema.Targets.Count, fixedOutputSize));
                if (!Resolver.StandardisesTargets(output)) return target;
                var stats = ColumnStatistics.Of(table, table.IndexOf(target.Name), Enumerable.Range(0, table.RowCount).ToList());
                double scale = stats.StandardDeviation > 0 ? stats.StandardDeviation : 1.0;
                if (!Scalable(stats.Mean, scale)) throw DataErrors.Unscalable(target.Name, stats.Min, stats.Max);
                return new ValueTarget(target.Name, stats.Mean, scale);
            });
            return schema.WithTargets(targets);
        }

        /// <summary>Whether (x − offset) / scale can be computed for the column's values: what a valid schema requires (see DataSchema).</summary>
        private static bool Scalable(double offset, double scale) => IsFinite(offset) && IsFinite(scale) && scale != 0 && IsFinite(1.0 / scale);

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        /// <summary>The columns a parameter names, each once (names match case-insensitively, as PowerShell's do).</summary>
        private static int[] Columns(RawTable table, string[] names, string parameter)
        {
            var indexes = new int[names.Length];
            for (int i = 0; i < names.Length; i++)
            {
                indexes[i] = table.IndexOf(names[i]);
                if (indexes[i] < 0) throw DataErrors.NoSuchColumn(parameter, names[i], table.Columns);
                int earlier = Array.IndexOf(indexes, indexes[i], 0, i);
                if (earlier >= 0) throw DataErrors.DuplicateColumn(parameter, names[earlier], names[i]);
            }
            return indexes;
        }

        private static FeatureColumn Feature(RawTable table, int c, List<int> rows, bool forceCategorical, Scaling scaling, ColumnStatistics? fileStatistics)
        {
            string name = table.Columns[c];
            if (!forceCategorical && fileStatistics?.FirstNonFiniteRow >= 0)
            {
                int r = fileStatistics.Value.FirstNonFiniteRow;
                throw DataErrors.NonFinite(r + 1, name, table[r, c], table.ReadByColumns);
            }
            if (fileStatistics.HasValue && !forceCategorical || IsNumericColumn(table, c, rows, forceCategorical, "column"))
            {
                var stats = fileStatistics ?? ColumnStatistics.Of(table, c, rows);
                if (stats.Count == 0) throw DataErrors.EmptyColumn(name);
                NumericFeature feature;
                switch (scaling)
                {
                    case Scaling.Standard:
                        // a constant column becomes 0, never NaN
                        feature = new NumericFeature(name, stats.Mean, stats.StandardDeviation > 0 ? stats.StandardDeviation : 1.0, stats.Mean);
                        break;
                    case Scaling.MinMax:
                        feature = new NumericFeature(name, stats.Min, stats.Max > stats.Min ? stats.Max - stats.Min : 1.0, stats.Mean);
                        break;
                    default:
                        feature = new NumericFeature(name, 0, 1, stats.Mean);
                        break;
                }
                if (!Scalable(feature.Offset, feature.Scale) || !IsFinite(feature.Mean)) throw DataErrors.Unscalable(name, stats.Min, stats.Max);
                return feature;
            }
            var labels = LabelsOf(table, c, rows).ToList();
            var mostFrequent = labels.GroupBy(l => l, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
            return new CategoricalFeature(name, Labels.Sorted(labels), mostFrequent);
        }

        [MethodImpl(Hot.Optimize)]
        private static TargetColumn Target(RawTable table, int c, List<int> rows, bool forceCategorical, TaskKind task)
        {
            string name = table.Columns[c];
            foreach (var r in rows)
                if (table.IsMissing(r, c)) throw DataErrors.MissingTarget(r + 1, name, fitting: true);
            string role = task == TaskKind.Regression ? "regression target" : "target";
            bool numeric = task != TaskKind.Classification && IsNumericColumn(table, c, rows, forceCategorical, role);
            if (task == TaskKind.Regression && !numeric)
            {
                IsNumericColumn(table, c, rows, false, role); // throws for stray strings
                throw DataErrors.RegressionNeedsNumbers(name, table[rows[0], c]);
            }
            string[] classes;
            if (numeric)
            {
                var values = NumericArray(table, c, rows);
                bool classCodes = task == TaskKind.Classification ||
                    (task == TaskKind.Auto && values.All(v => v == Math.Floor(v)) && values.Distinct().Count() <= Resolver.MaxIntegerClasses);
                if (!classCodes) return new ValueTarget(name);
                classes = values.Distinct().OrderBy(v => v).Select(ValueParser.FormatNumber).ToArray();
            }
            else
            {
                classes = Labels.Sorted(LabelsOf(table, c, rows));
            }
            if (classes.Length < 2) throw DataErrors.SingleClass(name, classes[0]);
            return new ClassTarget(name, classes, oneSigmoid: false);
        }

        /// <summary>
        /// A column is numeric when every present value reads as a number, categorical when none does
        /// (or when forced). A mostly numeric column with a few stray strings is a data error, not a category.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private static bool IsNumericColumn(RawTable table, int column, List<int> rows, bool forceCategorical, string role)
        {
            if (forceCategorical) return false;
            string name = table.Columns[column];
            var parsed = table.Numeric(column);
            if (parsed != null)
            {
                // Every present cell is already a number; only NaN and ∞ remain to refuse.
                foreach (var r in rows)
                {
                    double d = parsed[r];
                    if ((double.IsNaN(d) || double.IsInfinity(d)) && parsed.StateAt(r) == CellState.Present) throw DataErrors.NonFinite(r + 1, name, table[r, column], table.ReadByColumns);
                }
                return true;
            }
            int numbers = 0, text = 0, firstText = -1;
            foreach (var r in rows)
            {
                var v = table[r, column];
                if (ValueParser.IsMissing(v)) continue;
                if (!ValueParser.IsScalar(v)) throw DataErrors.NotScalar(r + 1, name, v);
                if (ValueParser.TryParse(v, out double d))
                {
                    if (double.IsNaN(d) || double.IsInfinity(d)) throw DataErrors.NonFinite(r + 1, name, v);
                    numbers++;
                }
                else
                {
                    text++;
                    if (firstText < 0) firstText = r;
                }
            }
            if (text == 0) return true;
            if (numbers == 0) return false;
            if (numbers >= text) throw DataErrors.NonNumeric(firstText + 1, name, table[firstText, column], numbers, role);
            return false;
        }

        /// <summary>The non-missing numbers of a numeric column over the kept rows, as an array.</summary>
        [MethodImpl(Hot.Optimize)]
        private static double[] NumericArray(RawTable table, int column, List<int> rows)
        {
            var numeric = table.Numeric(column);
            var values = new List<double>(rows.Count);
            foreach (int r in rows)
            {
                if (numeric != null)
                {
                    if (numeric.StateAt(r) == CellState.Present) values.Add(numeric[r]);
                    continue;
                }
                var v = table[r, column];
                if (!ValueParser.IsMissing(v) && ValueParser.TryParse(v, out double d)) values.Add(d);
            }
            return values.ToArray();
        }

        private static IEnumerable<string> LabelsOf(RawTable table, int c, IEnumerable<int> rows)
        {
            string name = table.Columns[c];
            foreach (var r in rows)
            {
                var v = table[r, c];
                if (!ValueParser.IsMissing(v)) yield return ValueParser.ToLabel(v, r + 1, name);
            }
        }
    }
}
