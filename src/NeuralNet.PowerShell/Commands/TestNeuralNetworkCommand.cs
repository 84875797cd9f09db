using System.Linq;
using System.Management.Automation;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Training;
using NeuralNet.PowerShell.Internal;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Measures how well a trained network does on labelled rows or matrices.</para>
    /// <para type="description">Predicts every labelled row and compares with its target. Outputs one object:
    /// for classification Accuracy, MacroF1, LogLoss, per-class precision, recall and F1 (PerClass) and the
    /// ConfusionMatrix (one row per actual class, one column per predicted class); for regression
    /// MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError and RSquared, in the target's units.
    /// Both carry Rows and Loss (the training loss function on this data). A network with several class targets gives one object per target.</para>
    /// </summary>
    /// <example>
    /// <code>$test | Test-NeuralNetwork -Network $net</code>
    /// <para>Accuracy, MacroF1, LogLoss, per-class precision/recall/F1 and the confusion matrix of a classifier on held-out rows.</para>
    /// </example>
    /// <example>
    /// <code>(Test-NeuralNetwork -Network $net -Path ./test.csv).ConfusionMatrix | Format-Table</code>
    /// <para>The confusion matrix alone: one row per actual class, one column per predicted class.</para>
    /// </example>
    /// <example>
    /// <code>Test-NeuralNetwork -Network $net -Path ./test.csv -SampleWeight w | Select-Object Accuracy, MacroF1</code>
    /// <para>Scores in which each row counts by its weight in the column w.</para>
    /// </example>
    /// <example>
    /// <code>$rows | Test-NeuralNetwork -Network $regressor | Select-Object RootMeanSquaredError, RSquared</code>
    /// <para>For a numeric target: MSE, RMSE and MAE in the target's own units, and R².</para>
    /// </example>
    [BindsOptions(typeof(DataOptions))]
    [Cmdlet(VerbsDiagnostic.Test, "NeuralNetwork", DefaultParameterSetName = RowsSet)]
    [OutputType(typeof(PSObject))]
    public sealed class TestNeuralNetworkCommand : CsvCommandBase
    {
        private const string RowsSet = "Rows";
        private const string MatrixSet = "Matrix";

        private readonly RowReader _rows = new RowReader();

        /// <summary>
        /// <para type="description">The trained network. With -Path or the matrices it may come down the pipeline (for example straight from Invoke-NetworkTraining).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = RowsSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PathSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = MatrixSet)]
        [ValidateNotNull]
        [NeuralNetworkArgument]
        public NeuralNetwork Network { get; set; }

        /// <summary>
        /// <para type="description">Labelled rows (features and the target properties the network was trained on); accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RowsSet)]
        [AllowNull]
        public PSObject[] InputObject { get; set; }



        /// <summary>
        /// <para type="description">The network's raw inputs as an array of rows (double[][]).</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] FeatureMatrix { get; set; }

        /// <summary>
        /// <para type="description">The raw targets as an array of rows (double[][]), one per feature row.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] TargetMatrix { get; set; }

        /// <summary>
        /// <para type="description">What to do with a category value training never saw: Error (default) or Ignore.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = PathSet)]
        public UnknownCategoryPolicy UnknownCategory { get; set; } = UnknownCategoryPolicy.Error;

        /// <summary>
        /// <para type="description">The property holding each row's weight (a number of 0 or more): every score then counts a row by its weight (accuracy, precision, recall, F1, log loss, the loss, MSE, MAE and R²), as scikit-learn's sample_weight does. The confusion matrix and Support still count rows.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CsvColumnCompleter))]
        public string SampleWeight { get; set; }

        /// <summary>Collects rows; with -Path or matrices, tests each network that comes down the pipeline.</summary>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == RowsSet)
            {
                if (InputObject != null) _rows.AddRange(InputObject);
                return;
            }
            Test();
        }

        /// <summary>Tests the network on the collected rows.</summary>
        protected override void EndProcessing()
        {
            if (ParameterSetName == RowsSet) Test();
        }

        private void Test()
        {
            var model = Network.Model;
            if (!model.IsBuilt) ThrowTerminatingError(ErrorRecords.NotTrained(Network));
            object target = Network;
            using (ErrorRecords.HoldShared(this, Network, "Test it after that training, or test a copy (Copy-NeuralNetwork)."))
            {
                try
                {
                    DataSet data;
                    if (ParameterSetName == MatrixSet)
                    {
                        target = FeatureMatrix;
                        data = DataSet.FromMatrices(FeatureMatrix, TargetMatrix);
                        if (data.Inputs != model.Network.InputSize || data.Outputs != model.Network.OutputSize)
                            throw new NeuralNetException("FeatureCountMismatch", ErrorKind.InvalidArgument,
                                $"The network takes {model.Network.InputSize} inputs and gives {model.Network.OutputSize} outputs, but the matrices have {data.Inputs} and {data.Outputs} columns.");
                    }
                    else
                    {
                        if (model.Schema == null)
                            throw new NeuralNetException("NoSchema", ErrorKind.InvalidOperation,
                                "This network was trained on matrices, so it does not know which properties are features and targets; test it with -FeatureMatrix and -TargetMatrix.");
                        var table = ParameterSetName == PathSet ? ReadCsv(model.Schema.CategoricalColumns) : _rows.Table;
                        if (table.RowCount == 0) throw DataErrors.NoRows("to test on; pipe labelled rows in or give -Path");
                        data = model.Schema.Encode(table, withTargets: true, UnknownCategory, scoring: true, sampleWeight: SampleWeight);
                        if (data.Rows < table.RowCount)
                            WriteWarning($"{table.RowCount - data.Rows} of {table.RowCount} rows have missing values and were left out, as the network was trained with -MissingValue Skip; the scores cover the other {data.Rows}.");
                    }
                    if (data.Rows == 0) throw DataErrors.NoRows("left to test on");
                    var loss = Resolver.LossFor(null, model.LastOptions, model.Network.OutputLayer.Activation, model.Schema?.IsClassification ?? false);
                    foreach (var report in Evaluation.EvaluateAll(model, data, loss))
                    {
                        report.SampleWeight = SampleWeight;
                        WriteObject(EvaluationWriter.ToPSObject(report));
                    }
                }
                catch (NeuralNetException e)
                {
                    ThrowTerminatingError(ErrorRecords.From(e, _rows.Original(e.Row) ?? (ParameterSetName == PathSet ? Path : target)));
                }
            }
        }
    }
}
