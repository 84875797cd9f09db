namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Encoded training data in contiguous arrays: <see cref="Features"/> is rows × inputs and
    /// <see cref="Targets"/> rows × outputs, both row-major, ready for batch matrix operations.
    /// </summary>
    public sealed class DataSet
    {
        public DataSet(double[] features, double[] targets, int rows, int inputs, int outputs)
        {
            Features = features;
            Targets = targets;
            Rows = rows;
            Inputs = inputs;
            Outputs = outputs;
        }

        public double[] Features { get; }

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
            var x = Flatten(features, inputs, "FeatureMatrix");
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
            return new DataSet(x, y, features.Length, inputs, outputs);
        }

        private static int Width(double[][] matrix, string name)
        {
            if (matrix[0] == null || matrix[0].Length == 0)
                throw new NeuralNetException("EmptyRow", ErrorKind.InvalidData, $"-{name} row 1 has no values.", row: 1);
            return matrix[0].Length;
        }

        private static double[] Flatten(double[][] matrix, int width, string name)
        {
            var flat = new double[checked(matrix.Length * width)];
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
                    flat[r * width + c] = v;
                }
            }
            return flat;
        }
    }
}
