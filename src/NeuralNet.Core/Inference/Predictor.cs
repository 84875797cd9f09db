using NeuralNet.Core.Data;
using NeuralNet.Core.Model;

namespace NeuralNet.Core.Inference
{
    /// <summary>
    /// Predicts with a trained network in chunks of rows through one set of buffers made up front, so
    /// predicting allocates nothing per row: the inputs of a chunk are encoded together (the schema's
    /// column paths), pushed through the network as one batch, and read back row by row.
    /// </summary>
    public sealed class Predictor
    {
        /// <summary>Rows per forward pass: large enough for the matrix kernels, small enough to stay in cache.</summary>
        public const int ChunkRows = 256;

        private readonly Network _network;
        private readonly Workspace _workspace;

        public Predictor(NeuralNetworkModel model, UnknownCategoryPolicy unknown = UnknownCategoryPolicy.Error)
        {
            if (!model.IsBuilt) throw new InvalidOperationException("The network must be trained before it predicts.");
            _network = model.Network;
            Schema = model.Schema;
            Unknown = unknown;
            _workspace = new Workspace(_network, ChunkRows);
        }

        /// <summary>How rows are read (null for a network trained on matrices).</summary>
        public DataSchema Schema { get; }

        public UnknownCategoryPolicy Unknown { get; }

        public int Inputs => _network.InputSize;

        public int Outputs => _network.OutputSize;

        /// <summary>
        /// Encodes and predicts every row of <paramref name="table"/>; rows a MissingValue Skip network
        /// leaves out get no outputs. Errors and <see cref="Predictions.SourceRows"/> number the rows from
        /// <paramref name="firstRowNumber"/> (a chunk of a longer stream starts further on).
        /// </summary>
        public Predictions Predict(RawTable table, int firstRowNumber = 1)
        {
            var data = Schema.Encode(table, withTargets: false, Unknown, scoring: true, firstRowNumber: firstRowNumber);
            var outputs = new double[checked(data.Rows * Outputs)];
            Forward(data.Features, data.Rows, outputs, data.SourceRows);
            return new Predictions(Schema, data.SourceRows, outputs, Outputs, data.Rows);
        }

        /// <summary>
        /// Predicts the table's rows [<paramref name="start"/>, start + <paramref name="count"/>) into this
        /// predictor's own buffers, which grow to the largest count asked for and are then reused: a stream
        /// of chunks allocates nothing per row. The result is valid until the next call. Rows are numbered
        /// as in <see cref="Predict"/>, the table's first row being <paramref name="firstRowNumber"/>.
        /// </summary>
        public Predictions PredictRows(RawTable table, int start, int count, int firstRowNumber = 1)
        {
            var policy = new CellPolicy(Schema.MissingValue, Unknown, true, firstRowNumber);
            var columns = TableEncoder.FeatureColumns(Schema, table);
            Reserve(count);
            var keep = TableEncoder.RowsToKeep(table, columns, Schema.MissingValue, start, count, _keep);
            TableEncoder.EncodeFeatures(Schema.Features, table, columns, keep, _inputs, policy, parallel: false);
            for (int k = 0; k < keep.Count; k++) _reused.SourceRows[k] = policy.RowNumber(keep[k]);
            _reused.Count = keep.Count;
            Forward(_inputs, keep.Count, _reused.Outputs, _reused.SourceRows);
            return _reused;
        }

        /// <summary>
        /// Grows <see cref="PredictRows"/>' buffers to <paramref name="rows"/> now. A scoring thread reserves a
        /// whole chunk before it takes one, so what a scoring pass allocates does not depend on which threads
        /// happen to get work.
        /// </summary>
        internal void Reserve(int rows)
        {
            if (_reused != null && _keep.Capacity >= rows) return;
            _keep.Capacity = rows;
            _inputs = new double[checked(rows * Inputs)];
            _reused = new Predictions(Schema, new int[rows], new double[checked(rows * Outputs)], Outputs, 0);
        }

        private readonly List<int> _keep = new List<int>();
        private double[] _inputs;
        private Predictions _reused;

        /// <summary>
        /// The network's outputs (rows × outputs) for raw inputs (rows × inputs), chunk by chunk. An
        /// output that is not finite is an error naming the row (<paramref name="sourceRows"/>: each
        /// row's number; null for 1, 2, …).
        /// </summary>
        public void Forward(double[] inputs, int rows, double[] outputs, int[] sourceRows = null)
        {
            int width = Inputs, outputWidth = Outputs;
            for (int start = 0; start < rows; start += ChunkRows)
            {
                int n = Math.Min(ChunkRows, rows - start);
                Array.Copy(inputs, start * width, _workspace.Input, 0, n * width);
                var result = _network.Forward(_workspace, n);
                Array.Copy(result, 0, outputs, start * outputWidth, n * outputWidth);
            }
            RequireFinite(_network, outputs, rows, sourceRows);
        }

        /// <summary>
        /// Stops with PredictionNotFinite at the first row whose output is NaN or infinite: weights too
        /// large for the inputs (given with -InitialWeights, say) overflow, and a NaN must not pass for a prediction.
        /// </summary>
        internal static void RequireFinite(Network network, double[] outputs, int rows, int[] sourceRows)
        {
            int width = network.OutputSize;
            for (int i = 0; i < rows * width; i++)
            {
                double v = outputs[i];
                if (!double.IsNaN(v) && !double.IsInfinity(v)) continue;
                int row = sourceRows?[i / width] ?? i / width + 1;
                double largest = 0;
                foreach (var block in network.ParameterBlocks)
                    foreach (var w in block) largest = Math.Max(largest, Math.Abs(w));
                throw new NeuralNetException("PredictionNotFinite", ErrorKind.InvalidResult,
                    $"Row {row}: the network's output is {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}, not a number it can report. Its weights are too large for these inputs " +
                    $"(the largest is {largest.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}): retrain it, or create it with smaller -InitialWeights.", row);
            }
        }
    }

    /// <summary>The outputs of a batch of predicted rows, and the table rows they belong to.</summary>
    public sealed class Predictions
    {
        private readonly DataSchema _schema;

        internal Predictions(DataSchema schema, int[] sourceRows, double[] outputs, int width, int count)
        {
            _schema = schema;
            SourceRows = sourceRows;
            Outputs = outputs;
            Width = width;
            Count = count;
        }

        /// <summary>For each predicted row, the table's 1-based row number (the first <see cref="Count"/> entries).</summary>
        public int[] SourceRows { get; }

        /// <summary>Rows × <see cref="Width"/> network outputs (the first <see cref="Count"/> rows).</summary>
        public double[] Outputs { get; }

        public int Width { get; }

        /// <summary>The rows predicted.</summary>
        public int Count { get; internal set; }

        /// <summary>Per target, the label with class probabilities or the number in the target's units, of predicted row <paramref name="index"/>.</summary>
        public TargetPrediction[] Decode(int index) => _schema.Decode(Outputs, index * Width);
    }
}
