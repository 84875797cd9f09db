namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Encoded training data: features rows × inputs and <see cref="Targets"/> rows × outputs, row-major,
    /// ready for batch matrix operations. Features given as a jagged matrix (-FeatureMatrix) are kept as
    /// the caller's row arrays rather than copied, so a large input matrix is held in memory once;
    /// batches are gathered from either form with <see cref="CopyFeatures(int, int, double[], int)"/>. Rows may carry weights
    /// (<see cref="Weights"/>: class and sample weights), which every loss multiplies in.
    /// </summary>
    public sealed class DataSet
    {
        private double[] _features;
        private readonly double[][] _featureRows;

        /// <summary>Rows of features (rows × inputs) and targets (rows × outputs, or null), row-major.</summary>
        /// <param name="features">rows × inputs.</param>
        /// <param name="targets">rows × outputs, or null for unlabelled rows.</param>
        /// <param name="rows">The number of rows.</param>
        /// <param name="inputs">Values per row of features.</param>
        /// <param name="outputs">Values per row of targets.</param>
        /// <param name="weights">One weight per row (≥ 0, finite), or null for rows that all weigh the same.</param>
        public DataSet(double[] features, double[] targets, int rows, int inputs, int outputs, double[] weights = null)
        {
            _features = features;
            _targets = targets;
            Rows = rows;
            Inputs = inputs;
            Outputs = outputs;
            Weights = MeanOne(weights, rows);
        }

        private DataSet(double[][] featureRows, double[] targets, double[][] targetRows, int inputs, int outputs, double[] weights = null)
        {
            _featureRows = featureRows;
            _targets = targets;
            _targetRows = targetRows;
            Rows = featureRows.Length;
            Inputs = inputs;
            Outputs = outputs;
            Weights = MeanOne(weights, Rows);
        }

        /// <summary>
        /// Each row's weight, scaled to a mean of 1 over these rows, or null when every row weighs the same.
        /// Scaled so, a loss normalised by the row count is the weighted mean Σw·term / Σw, and uniform
        /// weights leave every number exactly as it is without weights.
        /// </summary>
        public double[] Weights { get; }

        /// <summary>The same rows with these weights (one per row; null: none), sharing features and targets.</summary>
        internal DataSet WithWeights(double[] weights)
        {
            var result = _featureRows != null
                ? new DataSet(_featureRows, _targets, _targetRows, Inputs, Outputs, weights)
                : new DataSet(_features, Targets, Rows, Inputs, Outputs, weights);
            result.SourceRows = SourceRows;
            // The rented arrays are the new data set's to give back now: two owners could give them back twice.
            result.FromScratch = FromScratch;
            FromScratch = false;
            return result;
        }

        /// <summary>Whether the features and targets were rented from <see cref="TableScratch"/> (an encoded table), so that <see cref="Release"/> gives them back.</summary>
        internal bool FromScratch { get; set; }

        /// <summary>
        /// Gives rented features and targets back for the next call on this thread, once the call that
        /// encoded them is done with every data set sharing them; the data set is unusable after. A data
        /// set made from the caller's arrays keeps them.
        /// </summary>
        public void Release()
        {
            if (!FromScratch) return;
            FromScratch = false;
            TableScratch.Return(_features);
            TableScratch.Return(_targets);
            _features = null;
            _targets = null;
        }

        /// <summary>Copies the weights of rows [<paramref name="first"/>, first + <paramref name="count"/>) into <paramref name="destination"/> (a no-op without weights).</summary>
        public void CopyWeights(int first, int count, double[] destination, int offset)
        {
            if (Weights != null) Array.Copy(Weights, first, destination, offset, count);
        }

        private static double[] MeanOne(double[] weights, int rows)
        {
            if (weights == null) return null;
            if (weights.Length != rows) throw new ArgumentException($"{weights.Length} weights for {rows} rows.", nameof(weights));
            double sum = 0;
            bool uniform = true;
            for (int r = 0; r < rows; r++)
            {
                sum += weights[r];
                uniform &= weights[r] == weights[0];
            }
            if (rows == 0 || uniform && weights[0] > 0) return null;
            if (!(sum > 0)) throw DataErrors.WeightsAllZero();
            double scale = rows / sum;
            var scaled = new double[rows];
            for (int r = 0; r < rows; r++) scaled[r] = weights[r] * scale;
            return scaled;
        }

        /// <summary>rows × inputs, row-major (made on first use when the rows were given as arrays).</summary>
        public double[] Features
        {
            get
            {
                if (_features == null)
                {
                    var flat = new double[checked(Rows * Inputs)];
                    for (int r = 0; r < Rows; r++) Array.Copy(_featureRows[r], 0, flat, r * Inputs, Inputs);
                    _features = flat;
                }
                return _features;
            }
        }

        /// <summary>Copies rows [<paramref name="first"/>, first + <paramref name="count"/>) of features into <paramref name="destination"/> at <paramref name="offset"/>.</summary>
        public void CopyFeatures(int first, int count, double[] destination, int offset)
        {
            if (_features != null)
            {
                Array.Copy(_features, first * Inputs, destination, offset, count * Inputs);
                return;
            }
            for (int r = 0; r < count; r++) Array.Copy(_featureRows[first + r], 0, destination, offset + r * Inputs, Inputs);
        }

        /// <summary>
        /// Asks the processor to start fetching row <paramref name="row"/>'s features into its caches, so
        /// that a gather copying rows in shuffled order finds the next one on its way rather than waits for
        /// memory at each row's start. Nothing where the processor has no prefetch instruction to give.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        internal unsafe void PrefetchFeatures(int row)
        {
#if NET8_0_OR_GREATER
            if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
            double[] source = _featureRows != null ? _featureRows[row] : _features;
            int offset = _featureRows != null ? 0 : row * Inputs;
            fixed (double* start = &source[offset])
            {
                // One request per 64-byte line: eight doubles.
                for (int i = 0; i < Inputs; i += 8) System.Runtime.Intrinsics.X86.Sse.Prefetch0(start + i);
            }
#endif
        }

        /// <summary>The same copy rounded to float32, for a single-precision pass: the batch is rounded as it is gathered.</summary>
        public void CopyFeatures(int first, int count, float[] destination, int offset)
        {
            if (_features != null)
            {
                Model.SingleBuffers.Narrow(_features, first * Inputs, destination, offset, count * Inputs);
                return;
            }
            for (int r = 0; r < count; r++) Model.SingleBuffers.Narrow(_featureRows[first + r], 0, destination, offset + r * Inputs, Inputs);
        }

        /// <summary>
        /// The same rows in another order: row r of the result is row <paramref name="order"/>[r] of this
        /// set. Rows given as arrays are shared, not copied; a flat set is copied once.
        /// </summary>
        internal DataSet Reordered(int[] order)
        {
            double[] targets = null;
            if (Targets != null)
            {
                targets = new double[Targets.Length];
                for (int r = 0; r < Rows; r++) Array.Copy(Targets, order[r] * Outputs, targets, r * Outputs, Outputs);
            }
            DataSet result;
            if (_featureRows != null)
            {
                var rows = new double[Rows][];
                for (int r = 0; r < Rows; r++) rows[r] = _featureRows[order[r]];
                result = new DataSet(rows, targets, null, Inputs, Outputs, Reorder(Weights, order));
            }
            else
            {
                var features = new double[_features.Length];
                for (int r = 0; r < Rows; r++) Array.Copy(_features, order[r] * Inputs, features, r * Inputs, Inputs);
                result = new DataSet(features, targets, Rows, Inputs, Outputs, Reorder(Weights, order));
            }
            if (SourceRows != null)
            {
                result.SourceRows = new int[Rows];
                for (int r = 0; r < Rows; r++) result.SourceRows[r] = SourceRows[order[r]];
            }
            return result;
        }

        private static double[] Reorder(double[] values, int[] order) => values == null ? null : Array.ConvertAll(order, r => values[r]);

        /// <summary>
        /// rows × outputs, or null for unlabelled data. Targets given as rows (-TargetMatrix) are laid end to
        /// end only when something asks for them whole: training copies them batch by batch from the rows
        /// (<see cref="CopyTargets"/>, <see cref="TargetMeans"/>), so W3's 60,000 rows are not copied into
        /// 4.8 MB of new memory (about 1,200 page faults on the CI machine) for every call.
        /// </summary>
        public double[] Targets => _targets ?? (_targetRows == null ? null : _targets = Join(_targetRows, Outputs));

        private double[] _targets;
        private readonly double[][] _targetRows;

        /// <summary>Copies the targets of rows [<paramref name="first"/>, first + <paramref name="count"/>) into <paramref name="destination"/> from <paramref name="offset"/>.</summary>
        public void CopyTargets(int first, int count, double[] destination, int offset)
        {
            if (_targets != null || _targetRows == null)
            {
                Array.Copy(Targets, first * Outputs, destination, offset, count * Outputs);
                return;
            }
            for (int r = 0; r < count; r++) Array.Copy(_targetRows[first + r], 0, destination, offset + r * Outputs, Outputs);
        }

        /// <summary>Each target column's mean over the rows (summed in row order, as <see cref="Training.MetricAccumulator.ColumnMeans"/> sums the flat targets).</summary>
        public double[] TargetMeans()
        {
            if (_targetRows == null || _targets != null) return Training.MetricAccumulator.ColumnMeans(Targets, Rows, Outputs);
            var mean = new double[Outputs];
            if (Rows == 0) return mean;
            for (int r = 0; r < Rows; r++)
            {
                var row = _targetRows[r];
                for (int j = 0; j < Outputs; j++) mean[j] += row[j];
            }
            for (int j = 0; j < Outputs; j++) mean[j] /= Rows;
            return mean;
        }

        public int Rows { get; }

        public int Inputs { get; }

        public int Outputs { get; }

        /// <summary>For each encoded row, the 1-based number of the input row it came from (rows may be skipped).</summary>
        public int[] SourceRows { get; set; }

        /// <summary>
        /// Builds a data set from jagged matrices (one array per row), checking every row's width and
        /// that every value is finite; errors name the 1-based row and column.
        /// </summary>
        public static DataSet FromMatrices(double[][] features, double[][] targets)
        {
            if (features == null || features.Length == 0)
                throw new NeuralNetException("NoRows", ErrorKind.InvalidData, "-FeatureMatrix has no rows; give at least one row of feature values.");
            int inputs = Width(features, "FeatureMatrix");
            Check(features, inputs, "FeatureMatrix");
            int outputs = 0;
            if (targets != null)
            {
                if (targets.Length != features.Length)
                    throw new NeuralNetException("RowCountMismatch", ErrorKind.InvalidArgument,
                        $"-FeatureMatrix has {features.Length} rows but -TargetMatrix has {targets.Length}; give one target row per feature row.");
                outputs = Width(targets, "TargetMatrix");
                Check(targets, outputs, "TargetMatrix");
            }
            return new DataSet(features, null, targets, inputs, outputs);
        }

        [MethodImpl(Hot.Optimize)]
        private static int Width(double[][] matrix, string name)
        {
            if (matrix[0] == null || matrix[0].Length == 0)
                throw new NeuralNetException("EmptyRow", ErrorKind.InvalidData, $"-{name} row 1 has no values.", row: 1);
            return matrix[0].Length;
        }

        /// <summary>Rows of equal width laid end to end.</summary>
        private static double[] Join(double[][] matrix, int width)
        {
            var flat = new double[checked(matrix.Length * width)];
            for (int r = 0; r < matrix.Length; r++) Array.Copy(matrix[r], 0, flat, r * width, width);
            return flat;
        }

        /// <summary>Every row has <paramref name="width"/> finite values; errors name the 1-based row and column.</summary>
        [MethodImpl(Hot.Optimize)]
        private static void Check(double[][] matrix, int width, string name)
        {
            int first = RowScan.FirstBadRow(matrix, width);
            if (first < 0) return;
            // The bad row, one value at a time, for the error that names its first bad cell.
            for (int r = first; r < matrix.Length; r++)
            {
                var row = matrix[r];
                if (row == null || row.Length != width)
                    throw new NeuralNetException("RowWidthMismatch", ErrorKind.InvalidData,
                        $"-{name} row {r + 1} has {row?.Length ?? 0} values but row 1 has {width}; every row needs the same number of values.", row: r + 1);
                for (int c = 0; c < width; c++)
                {
                    double v = row[c];
                    if (double.IsNaN(v) || double.IsInfinity(v))
                        throw new NeuralNetException("NonFiniteValue", ErrorKind.InvalidData,
                            $"-{name} row {r + 1}, column {c + 1} is {v}; every value must be a finite number.", row: r + 1, column: (c + 1).ToString());
                }
            }
        }
    }
}
