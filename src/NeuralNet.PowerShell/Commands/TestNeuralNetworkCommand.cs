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
    [Cmdlet(VerbsDiagnostic.Test, "NeuralNetwork", DefaultParameterSetName = "Rows")]
    [OutputType(typeof(PSObject))]
    public sealed class TestNeuralNetworkCommand : LabelledDataCommandBase
    {
        /// <summary>
        /// <para type="description">The property holding each row's weight (a number of 0 or more): every score then counts a row by its weight (accuracy, precision, recall, F1, log loss, the loss, MSE, MAE and R²), as scikit-learn's sample_weight does. The confusion matrix and Support still count rows.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CsvColumnCompleter))]
        public string SampleWeight { get; set; }

        private protected override string Verb => "test";

        private protected override string Results => "scores";

        private protected override bool SharesNetwork => true;

        private protected override string WeightColumn => SampleWeight;

        /// <summary>Scores the network on the rows: one report per class target, or one for a regression.</summary>
        private protected override void Run(DataSet data)
        {
            var model = Network.Model;
            var loss = Resolver.LossFor(null, model.LastOptions, model.Network.OutputLayer.Activation, model.Schema?.IsClassification ?? false);
            foreach (var report in Evaluation.EvaluateAll(model, data, loss))
            {
                report.SampleWeight = SampleWeight;
                WriteObject(EvaluationWriter.ToPSObject(report));
            }
        }
    }
}
