using System.Linq;
using System.Management.Automation;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Training;
using NeuralNet.PowerShell.Internal;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Predicts with a trained network, one output per input row.</para>
    /// <para type="description">For rows (pipeline objects), streams one object per row: a copy of the row's
    /// properties plus Prediction (the class label or number). For classification it adds Probability (of the
    /// predicted class) and Probability_&lt;class&gt; for each class. Rows are encoded exactly as in training
    /// (same scaling, same categories). For -FeatureMatrix, it outputs one object per row with Row (1-based)
    /// and Prediction (the raw network output).</para>
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
    /// <code>Get-NetworkPrediction -Network $tutorial -FeatureMatrix $X</code>
    /// <para>For a network trained on matrices: one object per row with Row and the raw Prediction.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "NetworkPrediction", DefaultParameterSetName = RowsSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetNetworkPredictionCommand : PSCmdlet
    {
        private const string RowsSet = "Rows";
        private const string MatrixSet = "Matrix";
        private const string PathSet = "Path";

        private int _rowNumber;
        private int[] _featureColumns;
        private double[] _inputBuffer;
        private string[] _featureNames;

        /// <summary>
        /// <para type="description">The trained network.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public NeuralNetwork Network { get; set; }

        /// <summary>
        /// <para type="description">The rows to predict; accepts pipeline input. Each needs the feature properties the network was trained with.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RowsSet)]
        [AllowNull]
        public PSObject[] InputObject { get; set; }

        /// <summary>
        /// <para type="description">CSV files of rows to predict (header row required). Relative to the current location; wildcards allowed.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>
        /// <para type="description">The CSV field delimiter for -Path. Default: comma.</para>
        /// </summary>
        [Parameter(ParameterSetName = PathSet)]
        public char Delimiter { get; set; } = ',';

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

        /// <summary>Performs execution of the command.</summary>
        protected override void BeginProcessing()
        {
            if (!Network.Model.IsBuilt)
            {
                ThrowTerminatingError(ErrorRecords.NotTrained(Network));
            }
        }

        /// <summary>Performs execution of the command.</summary>
        protected override void ProcessRecord()
        {
            try
            {
                if (ParameterSetName == MatrixSet) PredictMatrix();
                else if (ParameterSetName == PathSet) PredictFiles();
                else if (InputObject != null)
                    foreach (var row in InputObject) PredictRow(row);
            }
            catch (NeuralNetException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, ParameterSetName == MatrixSet ? (object)FeatureMatrix : ParameterSetName == PathSet ? (object)Path : InputObject));
            }
        }

        /// <summary>Each CSV row becomes an object with the file's columns as properties, then is predicted like a pipeline row.</summary>
        private void PredictFiles()
        {
            var table = CsvFiles.Read(this, Path, Delimiter, Network.Model.Schema?.CategoricalColumns, default);
            for (int r = 0; r < table.RowCount; r++)
            {
                if (Stopping) return;
                PredictRow(RowReader.ToObject(table, r));
            }
        }

        private void PredictMatrix()
        {
            var network = Network.Model.Network;
            var data = DataSet.FromMatrices(FeatureMatrix, null);
            if (data.Inputs != network.InputSize)
                throw new NeuralNetException("FeatureCountMismatch", ErrorKind.InvalidArgument,
                    $"The network takes {network.InputSize} inputs but -FeatureMatrix rows have {data.Inputs} values.");
            var outputs = Evaluator.Predict(network, data.Features, data.Rows);
            for (int r = 0; r < data.Rows; r++)
                WriteObject(PredictionWriter.ForMatrixRow(r + 1, outputs, r * network.OutputSize, network.OutputSize));
        }

        private void PredictRow(PSObject row)
        {
            if (row == null) return;
            _rowNumber++;
            var model = Network.Model;
            var network = model.Network;
            _inputBuffer = _inputBuffer ?? new double[network.InputSize];
            var schema = model.Schema;
            if (schema == null)
            {
                // trained on matrices: the row's properties, in order, are the raw inputs
                var names = RowReader.PropertyNames(row);
                var values = RowReader.Values(row, names);
                if (values.Length != network.InputSize)
                    throw new NeuralNetException("FeatureCountMismatch", ErrorKind.InvalidArgument,
                        $"Row {_rowNumber} has {values.Length} properties but the network takes {network.InputSize} inputs (it was trained on matrices, so every property is an input).", _rowNumber);
                for (int c = 0; c < values.Length; c++)
                {
                    if (!ValueParser.TryParse(values[c], out double v) || double.IsNaN(v) || double.IsInfinity(v))
                        throw new NeuralNetException("NonNumericValue", ErrorKind.InvalidData,
                            $"Row {_rowNumber}, property '{names[c]}' is {ValueParser.Describe(values[c])}, which is not a finite number.", _rowNumber, names[c]);
                    _inputBuffer[c] = v;
                }
                var raw = network.Predict(_inputBuffer, 1);
                var prediction = raw.Length == 1 ? new[] { new TargetPrediction("Prediction", raw[0]) } : null;
                WriteObject(prediction != null ? PredictionWriter.WithPredictions(row, prediction) : PredictionWriter.ForMatrixRow(_rowNumber, raw, 0, raw.Length));
                return;
            }

            if (_featureNames == null)
            {
                _featureNames = schema.Features.Select(f => f.Name).ToArray();
                _featureColumns = Enumerable.Range(0, _featureNames.Length).ToArray();
            }
            var cells = RowReader.Values(row, _featureNames);
            if (!schema.TryEncodeRow(cells, _rowNumber, _featureColumns, _inputBuffer, 0, UnknownCategory))
            {
                WriteWarning($"Row {_rowNumber} has a missing value and the network skips such rows (-MissingValue Skip); it gets no prediction.");
                return;
            }
            var output = network.Predict(_inputBuffer, 1);
            WriteObject(PredictionWriter.WithPredictions(row, schema.Decode(output, 0)));
        }
    }
}
