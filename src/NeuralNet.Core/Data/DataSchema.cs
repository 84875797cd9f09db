using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// The mapping between rows and the network, fitted once on the training rows and kept in the
    /// network so prediction applies exactly the same parsing, encoding and scaling:
    /// numeric columns are scaled, categorical columns one-hot encoded, class labels one-hot (or one
    /// sigmoid output for two classes), numeric targets optionally standardised.
    /// </summary>
    public sealed class DataSchema
    {
        /// <summary>Whole-numbered targets with at most this many distinct values are read as classes.</summary>
        public const int MaxIntegerClasses = 20;

        /// <summary>From this many rows, an all-numeric file table is encoded on several cores.</summary>
        private const int ParallelEncodeRows = 100_000;

        public FeatureColumn[] Features { get; set; }

        public TargetColumn[] Targets { get; set; }

        public Scaling Scaling { get; set; }

        public MissingValuePolicy MissingValue { get; set; }

        /// <summary>The feature columns read as categories (to be kept as text when read from files).</summary>
        public IEnumerable<string> CategoricalColumns => Features.Where(f => f.Kind == ColumnKind.Categorical).Select(f => f.Name);

        public int InputWidth => Features.Sum(f => f.Width);

        public int OutputWidth => Targets.Sum(t => t.Width);

        public bool IsClassification => Targets.Length > 0 && Targets[0].IsClassification;

        /// <summary>The network's input names after encoding, e.g. "color=red".</summary>
        public IEnumerable<string> InputNames =>
            Features.SelectMany(f => f.Kind == ColumnKind.Numeric ? new[] { f.Name } : f.Categories.Select(c => f.Name + "=" + c));

        #region Fitting

        /// <summary>Infers column kinds, categories, classes and scaling from the training rows.</summary>
        public static DataSchema Fit(RawTable table, SchemaOptions options)
        {
            if (table.RowCount == 0)
                throw new NeuralNetException("NoRows", ErrorKind.InvalidData, "No rows to train on; pipe rows in or give -InputObject, -Path or -FeatureMatrix.");
            if (options.Targets == null || options.Targets.Length == 0)
                throw new NeuralNetException("TargetRequired", ErrorKind.InvalidArgument, "Name the target property with -Target (for example -Target species).");

            var targetIndexes = options.Targets.Select(t => RequireColumn(table, t, "Target")).ToArray();
            int[] featureIndexes = options.Features != null
                ? options.Features.Select(f => RequireColumn(table, f, "Feature")).ToArray()
                : Enumerable.Range(0, table.Columns.Count).Where(c => !targetIndexes.Contains(c)).ToArray();
            foreach (var f in featureIndexes)
                if (targetIndexes.Contains(f))
                    throw new NeuralNetException("FeatureIsTarget", ErrorKind.InvalidArgument,
                        $"'{table.Columns[f]}' is both a feature and a target; leave it out of -Feature.");
            if (featureIndexes.Length == 0)
                throw new NeuralNetException("NoFeatures", ErrorKind.InvalidData,
                    $"The rows have no properties besides the target ({string.Join(", ", options.Targets)}); a network needs at least one feature.");
            var categorical = new HashSet<string>(options.Categorical ?? new string[0], StringComparer.OrdinalIgnoreCase);
            foreach (var c in categorical) RequireColumn(table, c, "Categorical");

            var used = featureIndexes.Concat(targetIndexes).ToArray();
            var keep = RowsToKeep(table, used, options.MissingValue);
            if (keep.Count == 0)
                throw new NeuralNetException("NoRows", ErrorKind.InvalidData, "Every row has a missing value, so -MissingValue Skip left no rows to train on.");

            var schema = new DataSchema { Scaling = options.Scaling, MissingValue = options.MissingValue };
            var fileStatistics = ColumnStatistics.OfNumericColumns(table, featureIndexes, keep);
            schema.Features = featureIndexes.Select((c, i) => FitFeature(table, c, keep, categorical.Contains(table.Columns[c]), options.Scaling, fileStatistics[i])).ToArray();
            schema.Targets = targetIndexes.Select(c => FitTarget(table, c, keep, categorical.Contains(table.Columns[c]), options.Task)).ToArray();

            if (schema.Targets.Select(t => t.IsClassification).Distinct().Count() > 1)
                throw new NeuralNetException("UnsupportedTargetMix", ErrorKind.InvalidArgument,
                    "The targets mix class labels and numbers; train one network per kind of target, or use -Task to read them all alike.");
            return schema;
        }

        /// <summary>
        /// Decides how classes map to outputs once the output activation is known, and standardises
        /// numeric targets when the output is unbounded (a sigmoid output needs targets left in [0, 1]).
        /// </summary>
        public void FitOutputs(RawTable table, Activation output, int? fixedOutputSize)
        {
            foreach (var target in Targets)
            {
                if (target.IsClassification)
                {
                    target.SingleOutputBinary = target.Classes.Length == 2 && output != Activation.Softmax &&
                        !(Targets.Length == 1 && fixedOutputSize == 2);
                }
                else if (!Activations.IsBounded(output))
                {
                    int c = table.IndexOf(target.Name);
                    var stats = ColumnStatistics.Of(table, c, Enumerable.Range(0, table.RowCount).ToList());
                    target.Offset = stats.Mean;
                    target.Scale = stats.StandardDeviation > 0 ? stats.StandardDeviation : 1.0;
                }
            }
        }

        private static int RequireColumn(RawTable table, string name, string parameter)
        {
            int c = table.IndexOf(name);
            if (c < 0)
                throw new NeuralNetException(parameter == "Target" ? "TargetNotFound" : "PropertyNotFound", ErrorKind.InvalidArgument,
                    $"-{parameter} names '{name}', but the rows have no such property. Their properties are: {string.Join(", ", table.Columns)}.",
                    column: name);
            return c;
        }

        private List<int> RowsToKeepFor(RawTable table, IEnumerable<int> columns) => RowsToKeep(table, columns.ToArray(), MissingValue);

        private static List<int> RowsToKeep(RawTable table, int[] columns, MissingValuePolicy policy)
        {
            var keep = new List<int>(table.RowCount);
            for (int r = 0; r < table.RowCount; r++)
            {
                if (policy == MissingValuePolicy.Skip && columns.Any(c => table.IsMissing(r, c))) continue;
                keep.Add(r);
            }
            return keep;
        }

        /// <summary>The non-missing numbers of a numeric column over the kept rows, as an array.</summary>
        private static double[] NumericArray(RawTable table, int column, List<int> rows)
        {
            var numeric = table.Numeric(column);
            if (numeric == null) return NumericValues(table, column, rows).ToArray();
            var values = new double[rows.Count];
            int n = 0;
            foreach (int r in rows)
                if (numeric.StateAt(r) == CellState.Present) values[n++] = numeric[r];
            if (n != values.Length) Array.Resize(ref values, n);
            return values;
        }

        /// <summary>Non-missing numeric values of a column over the kept rows (column already known numeric).</summary>
        private static IEnumerable<double> NumericValues(RawTable table, int column, IEnumerable<int> rows)
        {
            var numeric = table.Numeric(column);
            foreach (var r in rows)
            {
                if (numeric != null)
                {
                    if (numeric.StateAt(r) == CellState.Present) yield return numeric[r];
                    continue;
                }
                var v = table[r, column];
                if (!ValueParser.IsMissing(v) && ValueParser.TryParse(v, out double d)) yield return d;
            }
        }

        private static NeuralNetException NonFinite(RawTable table, int row, int column) =>
            new NeuralNetException("NonFiniteValue", ErrorKind.InvalidData,
                $"Row {row + 1}, property '{table.Columns[column]}' is {ValueParser.Describe(table[row, column])}; values must be finite numbers. Fix or remove the row.",
                row + 1, table.Columns[column]);

        /// <summary>
        /// A column is numeric when every present value reads as a number, categorical when none does
        /// (or when forced). A mostly numeric column with a few stray strings is a data error, not a category.
        /// </summary>
        private static bool IsNumericColumn(RawTable table, int column, List<int> rows, bool forceCategorical, string role)
        {
            if (forceCategorical) return false;
            var parsed = table.Numeric(column);
            if (parsed != null)
            {
                // Read from a file as numbers: every present cell is one; only NaN and ∞ remain to refuse.
                foreach (var r in rows)
                {
                    double d = parsed[r];
                    if ((double.IsNaN(d) || double.IsInfinity(d)) && parsed.StateAt(r) == CellState.Present) throw NonFinite(table, r, column);
                }
                return true;
            }
            int numeric = 0, text = 0, firstText = -1, firstNumber = -1;
            foreach (var r in rows)
            {
                var v = table[r, column];
                if (ValueParser.IsMissing(v)) continue;
                if (ValueParser.TryParse(v, out double d))
                {
                    if (double.IsNaN(d) || double.IsInfinity(d))
                        throw new NeuralNetException("NonFiniteValue", ErrorKind.InvalidData,
                            $"Row {r + 1}, property '{table.Columns[column]}' is {ValueParser.Describe(v)}; values must be finite numbers. Fix or remove the row.",
                            r + 1, table.Columns[column]);
                    numeric++;
                    if (firstNumber < 0) firstNumber = r;
                }
                else
                {
                    text++;
                    if (firstText < 0) firstText = r;
                }
            }
            if (text == 0) return true;
            if (numeric == 0) return false;
            if (numeric >= text)
            {
                var v = table[firstText, column];
                throw new NeuralNetException("NonNumericValue", ErrorKind.InvalidData,
                    $"Row {firstText + 1}, property '{table.Columns[column]}' is {ValueParser.Describe(v)}, which is not a number, " +
                    $"though {numeric} other values of this {role} are numbers. Correct the value (numbers use '.' as the decimal separator), " +
                    $"or use -Categorical {table.Columns[column]} to read the column as categories.",
                    firstText + 1, table.Columns[column]);
            }
            return false;
        }

        private static FeatureColumn FitFeature(RawTable table, int c, List<int> rows, bool forceCategorical, Scaling scaling, ColumnStatistics? fileStatistics)
        {
            var column = new FeatureColumn { Name = table.Columns[c] };
            if (!forceCategorical && fileStatistics?.FirstNonFiniteRow >= 0)
                throw NonFinite(table, fileStatistics.Value.FirstNonFiniteRow, c);
            if (fileStatistics.HasValue && !forceCategorical || IsNumericColumn(table, c, rows, forceCategorical, "column"))
            {
                column.Kind = ColumnKind.Numeric;
                var stats = fileStatistics ?? ColumnStatistics.Of(table, c, rows);
                if (stats.Count == 0)
                    throw new NeuralNetException("MissingValue", ErrorKind.InvalidData,
                        $"Property '{column.Name}' is empty in every row; drop it with -Feature, or fill it in.", column: column.Name);
                column.Mean = stats.Mean;
                if (scaling == Scaling.Standard)
                {
                    column.Offset = column.Mean;
                    column.Scale = stats.StandardDeviation > 0 ? stats.StandardDeviation : 1.0; // a constant column becomes 0, never NaN
                }
                else if (scaling == Scaling.MinMax)
                {
                    column.Offset = stats.Min;
                    column.Scale = stats.Max > stats.Min ? stats.Max - stats.Min : 1.0;
                }
            }
            else
            {
                column.Kind = ColumnKind.Categorical;
                var labels = Labels(table, c, rows).ToList();
                column.Categories = labels.Distinct(StringComparer.Ordinal).OrderBy(l => l, StringComparer.Ordinal).ToArray();
                column.MostFrequent = labels.GroupBy(l => l, StringComparer.Ordinal)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
            }
            return column;
        }

        private static TargetColumn FitTarget(RawTable table, int c, List<int> rows, bool forceCategorical, TaskKind task)
        {
            var target = new TargetColumn { Name = table.Columns[c] };
            foreach (var r in rows)
            {
                if (table.IsMissing(r, c))
                    throw new NeuralNetException("MissingValue", ErrorKind.InvalidData,
                        $"Row {r + 1} has no value for the target '{target.Name}'. Fill it in, or use -MissingValue Skip to leave such rows out.",
                        r + 1, target.Name);
            }
            bool numeric = task != TaskKind.Classification && IsNumericColumn(table, c, rows, forceCategorical, "target");
            if (task == TaskKind.Regression && !numeric)
            {
                IsNumericColumn(table, c, rows, false, "target"); // throws for stray strings
                throw new NeuralNetException("NonNumericTarget", ErrorKind.InvalidData,
                    $"-Task Regression needs numbers, but the target '{target.Name}' holds labels such as {ValueParser.Describe(table[rows[0], c])}.",
                    column: target.Name);
            }
            if (numeric)
            {
                var values = NumericArray(table, c, rows);
                bool classCodes = task == TaskKind.Classification ||
                    (task == TaskKind.Auto && values.All(v => v == Math.Floor(v)) && values.Distinct().Count() <= MaxIntegerClasses);
                if (!classCodes) return target;
                target.IsClassification = true;
                target.Classes = values.Distinct().OrderBy(v => v).Select(ValueParser.FormatNumber).ToArray();
            }
            else
            {
                target.IsClassification = true;
                target.Classes = Labels(table, c, rows).Distinct(StringComparer.Ordinal).OrderBy(l => l, StringComparer.Ordinal).ToArray();
            }
            if (target.Classes.Length < 2)
                throw new NeuralNetException("SingleClass", ErrorKind.InvalidData,
                    $"The target '{target.Name}' has only one class ('{target.Classes[0]}'); classification needs rows of at least two classes.",
                    column: target.Name);
            return target;
        }

        private static IEnumerable<string> Labels(RawTable table, int c, IEnumerable<int> rows)
        {
            foreach (var r in rows)
            {
                var v = table[r, c];
                if (!ValueParser.IsMissing(v)) yield return ValueParser.ToLabel(v);
            }
        }

        #endregion

        #region Encoding

        /// <summary>
        /// Encodes rows into network inputs (and, with <paramref name="withTargets"/>, targets).
        /// Errors name the 1-based row and the property; rows left out under MissingValue Skip are
        /// recorded in <see cref="DataSet.SourceRows"/>.
        /// </summary>
        public DataSet Encode(RawTable table, bool withTargets, UnknownCategoryPolicy unknown = UnknownCategoryPolicy.Error)
        {
            var featureIndexes = Features.Select(f => ColumnFor(table, f.Name, "feature")).ToArray();
            var targetIndexes = withTargets ? Targets.Select(t => ColumnFor(table, t.Name, "target")).ToArray() : new int[0];
            var keep = RowsToKeepFor(table, featureIndexes.Concat(targetIndexes));
            int inputs = InputWidth, outputs = OutputWidth;
            var x = new double[checked(keep.Count * inputs)];
            var y = withTargets ? new double[checked(keep.Count * outputs)] : null;
            if (featureIndexes.Concat(targetIndexes).Any(c => table.Numeric(c) != null))
            {
                EncodeByColumn(table, keep, featureIndexes, targetIndexes, x, y, unknown);
            }
            else
            {
                for (int k = 0; k < keep.Count; k++)
                {
                    int r = keep[k];
                    var row = table.RowAt(r);
                    EncodeFeatures(row, r + 1, featureIndexes, x, k * inputs, unknown);
                    if (withTargets) EncodeTargets(row, r + 1, targetIndexes, y, k * outputs);
                }
            }
            return new DataSet(x, y, keep.Count, inputs, withTargets ? outputs : 0) { SourceRows = keep.Select(r => r + 1).ToArray() };
        }

        /// <summary>
        /// Encodes one row's features into <paramref name="x"/> at <paramref name="offset"/>; false when the
        /// row is to be skipped. Under MissingValue Error a feature property the row lacks altogether is a
        /// FeatureNotFound error, as a column missing from a whole table is in <see cref="Encode"/>.
        /// </summary>
        public bool TryEncodeRow(object[] row, int rowNumber, int[] featureIndexes, double[] x, int offset, UnknownCategoryPolicy unknown)
        {
            if (MissingValue == MissingValuePolicy.Error)
            {
                for (int f = 0; f < Features.Length; f++)
                    if (row[featureIndexes[f]] == RawTable.MissingProperty)
                        throw new NeuralNetException("FeatureNotFound", ErrorKind.InvalidData,
                            $"Row {rowNumber} has no property '{Features[f].Name}', which the network was trained with as a feature. " +
                            "Add it, or train with -MissingValue Mean to fill in missing values.", rowNumber, Features[f].Name);
            }
            if (MissingValue == MissingValuePolicy.Skip && featureIndexes.Any(c => ValueParser.IsMissing(row[c]))) return false;
            EncodeFeatures(row, rowNumber, featureIndexes, x, offset, unknown);
            return true;
        }

        /// <summary>
        /// Encoding for tables read from files: numeric columns go straight from their parsed arrays into
        /// the input matrix, one column at a time; other columns take the per-cell path. Errors still name
        /// the row and column (the first bad cell of the first bad column).
        /// </summary>
        private void EncodeByColumn(RawTable table, List<int> keep, int[] featureIndexes, int[] targetIndexes, double[] x, double[] y, UnknownCategoryPolicy unknown)
        {
            int inputs = InputWidth, outputs = OutputWidth;
            var cell = new object[1];
            var only = new[] { 0 };
            var numericOf = new NumericColumn[Features.Length];
            var singleOf = new DataSchema[Features.Length];
            var partOf = new double[Features.Length][];
            for (int f = 0; f < Features.Length; f++)
            {
                numericOf[f] = Features[f].Kind == ColumnKind.Numeric ? table.Numeric(featureIndexes[f]) : null;
                partOf[f] = new double[Features[f].Width];
                if (numericOf[f] == null)
                    singleOf[f] = new DataSchema { Features = new[] { Features[f] }, Targets = new TargetColumn[0], Scaling = Scaling, MissingValue = MissingValue };
            }
            // Blocks of rows keep the slice of x being written in cache while each column fills it.
            // Blocks of rows keep the slice of x being written in cache while each column fills it.
            const int block = 256;
            int blocks = (keep.Count + block - 1) / block;
            void EncodeBlock(int index)
            {
                int first = index * block, last = Math.Min(keep.Count, first + block), o = 0;
                for (int f = 0; f < Features.Length; f++)
                {
                    var column = Features[f];
                    int c = featureIndexes[f];
                    var numeric = numericOf[f];
                    if (numeric != null)
                    {
                        double offset = column.Offset, scale = column.Scale;
                        for (int k = first; k < last; k++)
                        {
                            int r = keep[k];
                            double v;
                            if (numeric.StateAt(r) == CellState.Present) v = numeric[r];
                            else if (MissingValue == MissingValuePolicy.Mean) v = column.Mean;
                            else throw MissingError(r + 1, column.Name, table[r, c]);
                            if (double.IsNaN(v) || double.IsInfinity(v))
                                throw new NeuralNetException("NonFiniteValue", ErrorKind.InvalidData,
                                    $"Row {r + 1}, property '{column.Name}' is '{ValueParser.FormatNumber(v)}'; values must be finite numbers.", r + 1, column.Name);
                            x[k * inputs + o] = (v - offset) / scale;
                        }
                        o += 1;
                        continue;
                    }
                    var part = partOf[f];
                    for (int k = first; k < last; k++)
                    {
                        int r = keep[k];
                        cell[0] = table[r, c];
                        singleOf[f].EncodeFeatures(cell, r + 1, only, part, 0, unknown);
                        Array.Copy(part, 0, x, k * inputs + o, part.Length);
                    }
                    o += column.Width;
                }
            }
            // All-numeric files of many rows are encoded on both cores (first touch of a large x costs as
            // much as the arithmetic). A data error found in parallel is found again in order, so the
            // error names the same first bad row as a sequential pass would.
            bool parallel = keep.Count >= ParallelEncodeRows && numericOf.All(n => n != null);
            try
            {
                if (parallel) System.Threading.Tasks.Parallel.For(0, blocks, EncodeBlock);
                else for (int i = 0; i < blocks; i++) EncodeBlock(i);
            }
            catch (AggregateException) when (parallel)
            {
                for (int i = 0; i < blocks; i++) EncodeBlock(i);
            }
            if (y == null) return;
            int to = 0;
            for (int t = 0; t < Targets.Length; t++)
            {
                var target = Targets[t];
                int c = targetIndexes[t];
                var single = new DataSchema { Features = new FeatureColumn[0], Targets = new[] { target }, Scaling = Scaling, MissingValue = MissingValue };
                var numeric = table.Numeric(c);
                var classOf = numeric != null && target.IsClassification ? new Dictionary<double, int>() : null;
                var part = new double[target.Width];
                for (int k = 0; k < keep.Count; k++)
                {
                    int r = keep[k];
                    if (classOf != null && numeric.StateAt(r) == CellState.Present && !target.SingleOutputBinary)
                    {
                        // Numeric class codes (digits 0–9): look each distinct value up once.
                        double v = numeric[r];
                        if (!classOf.TryGetValue(v, out int index)) classOf[v] = index = ClassIndex(target, v, r + 1);
                        Array.Clear(y, k * outputs + to, target.Width);
                        y[k * outputs + to + index] = 1.0;
                        continue;
                    }
                    if (numeric != null && !target.IsClassification && numeric.StateAt(r) == CellState.Present)
                    {
                        double v = numeric[r];
                        if (double.IsNaN(v) || double.IsInfinity(v))
                            throw new NeuralNetException("NonNumericValue", ErrorKind.InvalidData,
                                $"Row {r + 1}, target '{target.Name}' is '{ValueParser.FormatNumber(v)}'; a regression target must be a finite number.", r + 1, target.Name);
                        y[k * outputs + to] = (v - target.Offset) / target.Scale;
                        continue;
                    }
                    cell[0] = table[r, c];
                    single.EncodeTargets(cell, r + 1, only, part, 0);
                    Array.Copy(part, 0, y, k * outputs + to, part.Length);
                }
                to += target.Width;
            }
        }

        private static int ColumnFor(RawTable table, string name, string role)
        {
            int c = table.IndexOf(name);
            if (c < 0)
                throw new NeuralNetException(role == "target" ? "TargetNotFound" : "FeatureNotFound", ErrorKind.InvalidData,
                    $"The rows have no property '{name}', which the network was trained with as a {role}. Their properties are: {string.Join(", ", table.Columns)}.",
                    column: name);
            return c;
        }

        private void EncodeFeatures(object[] row, int rowNumber, int[] featureIndexes, double[] x, int offset, UnknownCategoryPolicy unknown)
        {
            int o = offset;
            for (int f = 0; f < Features.Length; f++)
            {
                var column = Features[f];
                var value = row[featureIndexes[f]];
                bool missing = ValueParser.IsMissing(value);
                if (missing && MissingValue != MissingValuePolicy.Mean)
                    throw MissingError(rowNumber, column.Name, value);
                if (column.Kind == ColumnKind.Numeric)
                {
                    double v;
                    if (missing) v = column.Mean;
                    else if (!ValueParser.TryParse(value, out v))
                        throw new NeuralNetException("NonNumericValue", ErrorKind.InvalidData,
                            $"Row {rowNumber}, property '{column.Name}' is {ValueParser.Describe(value)}, which is not a number. " +
                            "Correct the value; numbers use '.' as the decimal separator.", rowNumber, column.Name);
                    if (double.IsNaN(v) || double.IsInfinity(v))
                        throw new NeuralNetException("NonFiniteValue", ErrorKind.InvalidData,
                            $"Row {rowNumber}, property '{column.Name}' is {ValueParser.Describe(value)}; values must be finite numbers.", rowNumber, column.Name);
                    x[o++] = (v - column.Offset) / column.Scale;
                }
                else
                {
                    string label = missing ? column.MostFrequent : ValueParser.ToLabel(value);
                    int index = missing ? Array.IndexOf(column.Categories, label) : IndexOfLabel(column.Categories, label, value);
                    if (index < 0 && unknown == UnknownCategoryPolicy.Error)
                        throw new NeuralNetException("UnknownCategory", ErrorKind.InvalidData,
                            $"Row {rowNumber}, property '{column.Name}' is '{label}', a category the network never saw in training " +
                            $"(it knows {string.Join(", ", column.Categories.Select(c => "'" + c + "'"))}). Use -UnknownCategory Ignore to encode it as none of them.",
                            rowNumber, column.Name);
                    for (int j = 0; j < column.Categories.Length; j++) x[o + j] = j == index ? 1.0 : 0.0;
                    o += column.Categories.Length;
                }
            }
        }

        private void EncodeTargets(object[] row, int rowNumber, int[] targetIndexes, double[] y, int offset)
        {
            int o = offset;
            for (int t = 0; t < Targets.Length; t++)
            {
                var target = Targets[t];
                var value = row[targetIndexes[t]];
                if (ValueParser.IsMissing(value))
                    throw new NeuralNetException("MissingValue", ErrorKind.InvalidData,
                        $"Row {rowNumber} has no value for the target '{target.Name}'. Fill it in, or use -MissingValue Skip to leave such rows out.",
                        rowNumber, target.Name);
                if (target.IsClassification)
                {
                    int index = ClassIndex(target, value, rowNumber);
                    if (target.SingleOutputBinary) y[o++] = index;
                    else
                    {
                        for (int j = 0; j < target.Classes.Length; j++) y[o + j] = j == index ? 1.0 : 0.0;
                        o += target.Classes.Length;
                    }
                }
                else
                {
                    if (!ValueParser.TryParse(value, out double v) || double.IsNaN(v) || double.IsInfinity(v))
                        throw new NeuralNetException("NonNumericValue", ErrorKind.InvalidData,
                            $"Row {rowNumber}, target '{target.Name}' is {ValueParser.Describe(value)}; a regression target must be a finite number.",
                            rowNumber, target.Name);
                    y[o++] = (v - target.Offset) / target.Scale;
                }
            }
        }

        /// <summary>The class index of a label, or an error naming the row when training never saw it.</summary>
        public static int ClassIndex(TargetColumn target, object value, int rowNumber)
        {
            string label = ValueParser.ToLabel(value);
            int index = IndexOfLabel(target.Classes, label, value);
            if (index < 0)
                throw new NeuralNetException("UnknownClass", ErrorKind.InvalidData,
                    $"Row {rowNumber}, target '{target.Name}' is '{label}', a class the network was not trained on " +
                    $"(it knows {string.Join(", ", target.Classes.Select(c => "'" + c + "'"))}).", rowNumber, target.Name);
            return index;
        }

        /// <summary>
        /// The label's index; a number written another way ("3.0" for class "3", or 3.0 read from a file
        /// for the text "3") is found by its shortest form, so files and Import-Csv rows agree.
        /// </summary>
        private static int IndexOfLabel(string[] labels, string label, object value)
        {
            int index = Array.IndexOf(labels, label);
            if (index < 0 && ValueParser.TryParse(value, out double d) && !double.IsNaN(d))
                index = Array.IndexOf(labels, ValueParser.FormatNumber(d));
            return index;
        }

        private static NeuralNetException MissingError(int rowNumber, string column, object value) =>
            new NeuralNetException("MissingValue", ErrorKind.InvalidData,
                value == RawTable.MissingProperty
                    ? $"Row {rowNumber} has no property '{column}'. Add it, or use -MissingValue Skip or Mean."
                    : $"Row {rowNumber}, property '{column}' is empty. Fill it in, or use -MissingValue Skip (leave the row out) or Mean (use the training mean).",
                rowNumber, column);

        #endregion

        #region Decoding

        /// <summary>
        /// Turns one row of network outputs into, per target, a label with class probabilities or a
        /// number in the target's own units.
        /// </summary>
        public TargetPrediction[] Decode(double[] outputs, int offset)
        {
            var result = new TargetPrediction[Targets.Length];
            int o = offset;
            for (int t = 0; t < Targets.Length; t++)
            {
                var target = Targets[t];
                if (!target.IsClassification)
                {
                    result[t] = new TargetPrediction(target.Name, outputs[o++] * target.Scale + target.Offset);
                    continue;
                }
                var probabilities = new double[target.Classes.Length];
                if (target.SingleOutputBinary)
                {
                    double p = outputs[o++];
                    probabilities[0] = 1.0 - p;
                    probabilities[1] = p;
                }
                else
                {
                    Array.Copy(outputs, o, probabilities, 0, probabilities.Length);
                    o += probabilities.Length;
                }
                int best = 0;
                for (int j = 1; j < probabilities.Length; j++) if (probabilities[j] > probabilities[best]) best = j;
                result[t] = new TargetPrediction(target.Name, target.Classes, best, probabilities);
            }
            return result;
        }

        #endregion

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} → {1}", string.Join(", ", Features.Select(f => f.Name)), string.Join(", ", Targets.Select(t => t.Name)));
    }
}
