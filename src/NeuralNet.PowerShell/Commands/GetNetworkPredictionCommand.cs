namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Predicts with a trained network, one output per input row.</para>
    /// <para type="description">For rows (pipeline objects), streams one object per row: a copy of the row's
    /// properties plus Prediction (the class label or number). For classification it adds Probability (of the
    /// predicted class) and Probability_&lt;class&gt; for each class. Rows are encoded exactly as in training
    /// (same scaling, same categories). Each object is a NeuralNet.Prediction: under PowerShell 7, an
    /// instance of a class made for its columns, which is many times cheaper to build than a
    /// [pscustomobject]; under Windows PowerShell, a [pscustomobject]. Either way its properties can be
    /// read, changed, selected, exported and serialised as any object's. For -FeatureMatrix, it outputs
    /// one object per row with Row (1-based) and Prediction (the raw network output).</para>
    /// </summary>
    /// <example>
    /// <code>Import-Csv ./test.csv | Get-NetworkPrediction -Network $net | Select-Object species, Prediction, Probability</code>
    /// <para>Each row comes back with Prediction (the class label), Probability (of that class) and one Probability_&lt;class&gt; per class.</para>
    /// </example>
    /// <example>
    /// <code>Get-NetworkPrediction -Network $net -Path ./new.csv -UnknownCategory Ignore | Export-Csv ./scored.csv</code>
    /// <para>Scores a CSV file; categories the network never saw are encoded as none of the known ones instead of stopping.</para>
    /// </example>
    /// <example>
    /// <code>Get-NetworkPrediction -Network $net -Path ./big.csv -OutFile ./scored.csv</code>
    /// <para>Scores a file of any size straight into another CSV file: each row as it was, plus Prediction, Probability and Probability_&lt;class&gt;; no PowerShell object per row, and memory that does not grow with the file.</para>
    /// </example>
    /// <example>
    /// <code>Get-NetworkPrediction -Network $tutorial -FeatureMatrix $X</code>
    /// <para>For a network trained on matrices: one object per row with Row and the raw Prediction.</para>
    /// </example>
    [BindsOptions(typeof(DataOptions))]
    [Cmdlet(VerbsCommon.Get, "NetworkPrediction", DefaultParameterSetName = RowsSet, SupportsShouldProcess = true)]
    [OutputType(typeof(Prediction), typeof(PSObject))]
    public sealed class GetNetworkPredictionCommand : CsvCommandBase
    {
        private const string RowsSet = "Rows";
        private const string MatrixSet = "Matrix";

        private readonly List<PSObject> _pending = new List<PSObject>(Predictor.ChunkRows);
        private PredictionWriter _writer;

        /// <summary>Made at the first prediction (it registers the objects' display in this runspace).</summary>
        private PredictionWriter Writer => _writer ?? (_writer = new PredictionWriter(this, Network.Model.Schema));
        private Predictor _predictor;

        /// <summary>Reads each chunk of pipeline rows, reusing its cell arrays chunk after chunk.</summary>
        private RowReader _reader;
        private int _rowsDone;

        /// <summary>
        /// <para type="description">The trained network.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        [NeuralNetworkArgument]
        public NeuralNetwork Network { get; set; }

        /// <summary>
        /// <para type="description">The rows to predict; accepts pipeline input. Each needs the feature properties the network was trained with.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RowsSet)]
        [AllowNull]
        // object[], not PSObject[], so that an array binds as it is (see RowReader.AddRange).
        public object[] InputObject { get; set; }



        /// <summary>
        /// <para type="description">The network's raw inputs as an array of rows (double[][]).</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] FeatureMatrix { get; set; }

        /// <summary>
        /// <para type="description">What to do with a category value training never saw: Error (default) or Ignore (encode it as none of the known categories).</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = PathSet)]
        public UnknownCategoryPolicy UnknownCategory { get; set; } = UnknownCategoryPolicy.Error;

        /// <summary>
        /// <para type="description">With -Path: write the scored rows straight to this CSV file instead of the pipeline: every input row as it is, followed by Prediction (and for classes Probability and one Probability_&lt;class&gt; per class). A file scored before gets fresh prediction columns in place of its old ones, as the objects do. Rows stream through in chunks, so files of any size score in memory that does not grow with them. The file is written whole or not at all.</para>
        /// </summary>
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string OutFile { get; set; }

        /// <summary>
        /// <para type="description">With -OutFile: do not replace an existing file.</para>
        /// </summary>
        [Parameter(ParameterSetName = PathSet)]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>
        /// <para type="description">With -OutFile: replace a read-only file (it stays read-only).</para>
        /// </summary>
        [Parameter(ParameterSetName = PathSet)]
        public SwitchParameter Force { get; set; }

        /// <summary>
        /// <para type="description">With -OutFile: write the file (a FileInfo) to the pipeline.</para>
        /// </summary>
        [Parameter(ParameterSetName = PathSet)]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Performs execution of the command.</summary>
        protected override void BeginProcessing()
        {
            if (!Network.Model.IsBuilt) ThrowTerminatingError(ErrorRecords.NotTrained(Network));
            _predictor = new Predictor(Network.Model, UnknownCategory);
        }

        /// <summary>Buffers pipeline rows into chunks; predicts -Path files and matrices at once.</summary>
        [MethodImpl(PerRow.Optimized)]
        protected override void ProcessRecord()
        {
            if (ParameterSetName == RowsSet)
            {
                // Rows only queue here: the network is held, and errors turned into records, while a chunk is predicted.
                if (InputObject == null) return;
                foreach (var row in InputObject)
                {
                    if (row == null) continue;
                    _pending.Add(PSObject.AsPSObject(row));
                    if (_pending.Count == Predictor.ChunkRows) Guarded(PredictPending);
                }
                return;
            }
            Guarded(() =>
            {
                if (ParameterSetName == MatrixSet) PredictMatrix();
                else if (ParameterSetName == PathSet) PredictFiles();
            });
        }

        /// <summary>Predicts the last, partial chunk of pipeline rows.</summary>
        protected override void EndProcessing() => Guarded(PredictPending);

        /// <summary>Runs prediction while holding the network, turning the core's errors into terminating ErrorRecords.</summary>
        private void Guarded(Action predict)
        {
            using (ErrorRecords.HoldShared(this, Network, "Predict after that training, or with a copy (Copy-NeuralNetwork)."))
            {
                try
                {
                    predict();
                }
                catch (NeuralNetException e)
                {
                    object target = ParameterSetName == MatrixSet ? (object)FeatureMatrix : ParameterSetName == PathSet ? (object)Path : RowOf(e.Row) ?? (object)InputObject;
                    ThrowTerminatingError(ErrorRecords.From(e, target));
                }
            }
        }

        private object RowOf(int? rowNumber)
        {
            int index = (rowNumber ?? 0) - _rowsDone - 1;
            return index >= 0 && index < _pending.Count ? _pending[index] : null;
        }

        /// <summary>A file is parsed once and predicted from the parsed table; each output row copies the file's columns.</summary>
        private void PredictFiles()
        {
            if (OutFile != null)
            {
                ScoreToFile();
                return;
            }
            var table = ReadCsv(Network.Model.Schema?.CategoricalColumns);
            if (Network.Model.Schema == null)
                throw new NeuralNetException("NoSchema", ErrorKind.InvalidOperation,
                    "This network was trained on matrices, so it does not know which columns are features; predict with -FeatureMatrix or pipe rows whose properties are its inputs.");
            for (int start = 0; start < table.RowCount && !Stopping; start += Predictor.ChunkRows)
            {
                int count = Math.Min(Predictor.ChunkRows, table.RowCount - start);
                var predictions = _predictor.PredictRows(table, start, count);
                WarnSkipped(predictions, count, start + 1);
                for (int i = 0; i < predictions.Count && !Stopping; i++)
                {
                    int row = predictions.SourceRows[i] - 1;
                    WriteObject(Writer.For(table, row, predictions.Outputs, i * predictions.Width));
                }
            }
        }

        /// <summary>-OutFile: the files stream through the network into the output file, with no object per row.</summary>
        private void ScoreToFile()
        {
            var target = FileSystemPaths.Literal(this, OutFile);
            SavedFile.Check(this, target, Force.IsPresent, NoClobber.IsPresent);
            if (!ShouldProcess(target, "Write scored rows")) return;
            var paths = FileSystemPaths.Resolve(this, Path).ToList();
            // A record of its own for each update: a job's Progress stream keeps every record it was given.
            string activity = "Scoring " + string.Join(", ", Path), status = "Starting";
            bool shown = false;
            int tick = Environment.TickCount;
            ScoringSummary summary = null;
            SavedFile.Write(this, target, stream =>
            {
                summary = CsvScoring.Score(Network.Model, paths, BoundOptions.Bind<CsvOptions>(this), UnknownCategory, stream, _cancellation.Token, rows =>
                {
                    if (Environment.TickCount - tick < 250) return;
                    tick = Environment.TickCount;
                    status = $"{rows:N0} rows scored";
                    WriteProgress(new ProgressRecord(3, activity, status));
                    shown = true;
                });
            }, PassThru.IsPresent, Force.IsPresent);
            if (shown) WriteProgress(new ProgressRecord(3, activity, status) { RecordType = ProgressRecordType.Completed });
            if (summary?.Skipped > 0)
                WriteWarning($"{summary.Skipped} of {summary.Rows} rows have missing values and got no prediction (their prediction cells are empty), as the network was trained with -MissingValue Skip.");
        }

        /// <summary>Ctrl+C: scoring to a file stops between rows and leaves no file behind.</summary>
        protected override void StopProcessing() => _cancellation.Cancel();

        private readonly System.Threading.CancellationTokenSource _cancellation = new System.Threading.CancellationTokenSource();

        private void PredictMatrix()
        {
            var data = DataSet.FromMatrices(FeatureMatrix, null);
            if (data.Inputs != _predictor.Inputs)
                throw DataErrors.FeatureCountMismatch(_predictor.Inputs, data.Inputs, "Give -FeatureMatrix rows of the network's input width.");
            var outputs = new double[data.Rows * _predictor.Outputs];
            _predictor.Forward(data.Features, data.Rows, outputs);
            for (int r = 0; r < data.Rows; r++)
                WriteObject(PredictionWriter.ForMatrixRow(r + 1, outputs, r * _predictor.Outputs, _predictor.Outputs));
        }

        /// <summary>One chunk of pipeline rows: encoded and predicted together, written in order.</summary>
        private void PredictPending()
        {
            if (_pending.Count == 0) return;
            if (Network.Model.Schema == null) PredictRawRows();
            else
            {
                var reader = _reader ??= new RowReader(Network.Model.Schema.Features.Select(f => f.Name).ToArray());
                reader.Clear();
                reader.AddRange(_pending);
                var predictions = _predictor.PredictRows(reader.Table, 0, _pending.Count, _rowsDone + 1);
                WarnSkipped(predictions, _pending.Count, _rowsDone + 1);
                for (int i = 0; i < predictions.Count; i++)
                    WriteObject(Writer.For(_pending[predictions.SourceRows[i] - _rowsDone - 1], predictions.Outputs, i * predictions.Width));
            }
            _rowsDone += _pending.Count;
            _pending.Clear();
        }

        /// <summary>A network trained on matrices: each row's properties, in order, are its raw inputs.</summary>
        private void PredictRawRows()
        {
            int inputs = _predictor.Inputs, outputs = _predictor.Outputs;
            var x = new double[_pending.Count * inputs];
            for (int i = 0; i < _pending.Count; i++)
            {
                int rowNumber = _rowsDone + i + 1;
                // The properties' order is the inputs' order, which a hashtable does not keep.
                if (_pending[i].BaseObject is System.Collections.IDictionary && !(_pending[i].BaseObject is System.Collections.Specialized.IOrderedDictionary))
                    throw DataErrors.UnorderedRow(rowNumber);
                var names = RowReader.PropertyNames(_pending[i]);
                var values = RowReader.Values(_pending[i], names);
                if (values.Length != inputs)
                    throw new NeuralNetException("FeatureCountMismatch", ErrorKind.InvalidArgument,
                        $"Row {rowNumber} has {values.Length} properties but the network takes {inputs} inputs (it was trained on matrices, so every property is an input).", rowNumber);
                for (int c = 0; c < inputs; c++) x[i * inputs + c] = DataErrors.RawInput(rowNumber, names[c], values[c]);
            }
            var y = new double[_pending.Count * outputs];
            _predictor.Forward(x, _pending.Count, y);
            for (int i = 0; i < _pending.Count; i++)
            {
                WriteObject(outputs == 1
                    ? PredictionWriter.WithRawPrediction(_pending[i], y[i])
                    : PredictionWriter.ForMatrixRow(_rowsDone + i + 1, y, i * outputs, outputs));
            }
        }

        private void WarnSkipped(Predictions predictions, int rows, int firstRowNumber)
        {
            if (predictions.Count == rows) return;
            int next = 0;
            for (int r = 0; r < rows; r++)
            {
                int number = firstRowNumber + r;
                if (next < predictions.Count && predictions.SourceRows[next] == number) next++;
                else WriteWarning($"Row {number} has a missing value and the network skips such rows (it was trained with -MissingValue Skip); it gets no prediction.");
            }
        }
    }
}
