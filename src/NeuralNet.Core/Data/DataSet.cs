using System;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Encoded training data: features rows × inputs and <see cref="Targets"/> rows × outputs, row-major,
    /// ready for batch matrix operations. Features given as a jagged matrix (-FeatureMatrix) are kept as
    /// the caller's row arrays rather than copied, so a large input matrix is held in memory once;
    /// batches are gathered from either form with <see cref="CopyFeatures"/>.
    /// </summary>
    public sealed class DataSet
    {
        private double[] _features;
        private readonly double[][] _featureRows;

        public DataSet(double[] features, double[] targets, int rows, int inputs, int outputs)
        {
            _features = features;
            Targets = targets;
            Rows = rows;
            Inputs = inputs;
            Outputs = outputs;
        }

        private DataSet(double[][] featureRows, double[] targets, int inputs, int outputs)
        {
            _featureRows = featureRows;
            Targets = targets;
            Rows = featureRows.Length;
            Inputs = inputs;
            Outputs = outputs;
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
                result = new DataSet(rows, targets, Inputs, Outputs);
            }
            else
            {
                var features = new double[_features.Length];
                for (int r = 0; r < Rows; r++) Array.Copy(_features, order[r] * Inputs, features, r * Inputs, Inputs);
                result = new DataSet(features, targets, Rows, Inputs, Outputs);
            }
            if (SourceRows != null)
            {
                result.SourceRows = new int[Rows];
                for (int r = 0; r < Rows; r++) result.SourceRows[r] = SourceRows[order[r]];
            }
            return result;
        }

        /// <summary>rows × outputs, or null for unlabelled data.</summary>
        public double[] Targets { get; }

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
            double[] y = null;
            int outputs = 0;
            if (targets != null)
            {
                if (targets.Length != features.Length)
                    throw new NeuralNetException("RowCountMismatch", ErrorKind.InvalidArgument,
                        $"-FeatureMatrix has {features.Length} rows but -TargetMatrix has {targets.Length}; give one target row per feature row.");
                outputs = Width(targets, "TargetMatrix");
                y = Flatten(targets, outputs, "TargetMatrix");
            }
            return new DataSet(features, y, inputs, outputs);
        }

        private static int Width(double[][] matrix, string name)
        {
            if (matrix[0] == null || matrix[0].Length == 0)
                throw new NeuralNetException("EmptyRow", ErrorKind.InvalidData, $"-{name} row 1 has no values.", row: 1);
            return matrix[0].Length;
        }

        private static double[] Flatten(double[][] matrix, int width, string name)
        {
            Check(matrix, width, name);
            var flat = new double[checked(matrix.Length * width)];
            for (int r = 0; r < matrix.Length; r++) Array.Copy(matrix[r], 0, flat, r * width, width);
            return flat;
        }

        /// <summary>Every row has <paramref name="width"/> finite values; errors name the 1-based row and column.</summary>
        private static void Check(double[][] matrix, int width, string name)
        {
            for (int r = 0; r < matrix.Length; r++)
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
