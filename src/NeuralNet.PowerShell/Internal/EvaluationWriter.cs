namespace NeuralNet.PowerShell.Internal
{
    /// <summary>Turns an evaluation report into the object Test-NeuralNetwork writes; the confusion matrix becomes rows that print as a table.</summary>
    internal static class EvaluationWriter
    {
        public static PSObject ToPSObject(EvaluationReport report)
        {
            var result = new PSObject();
            void Add(string name, object value) => result.Properties.Add(new PSNoteProperty(name, value));
            Add("Task", report.IsClassification ? "Classification" : "Regression");
            Add("Target", report.Target);
            Add("Rows", report.Rows);
            Add("SampleWeight", report.SampleWeight);
            Add("Loss", report.Loss);
            Add("LossFunction", report.LossFunction.ToString());
            if (report.IsClassification)
            {
                Add("Accuracy", report.Accuracy);
                Add("MacroF1", report.MacroF1);
                Add("LogLoss", report.LogLoss);
                var perClass = new PSObject[report.PerClass.Length];
                for (int c = 0; c < perClass.Length; c++)
                {
                    var s = report.PerClass[c];
                    var row = new PSObject();
                    row.Properties.Add(new PSNoteProperty("Class", s.Class));
                    row.Properties.Add(new PSNoteProperty("Precision", s.Precision));
                    row.Properties.Add(new PSNoteProperty("Recall", s.Recall));
                    row.Properties.Add(new PSNoteProperty("F1", s.F1));
                    row.Properties.Add(new PSNoteProperty("Support", s.Support));
                    perClass[c] = row;
                }
                Add("PerClass", perClass);
                var matrix = new PSObject[report.Classes.Length];
                for (int a = 0; a < matrix.Length; a++)
                {
                    var row = new PSObject();
                    row.Properties.Add(new PSNoteProperty("Actual", report.Classes[a]));
                    for (int p = 0; p < report.Classes.Length; p++) row.Properties.Add(new PSNoteProperty(report.Classes[p], report.ConfusionMatrix[a][p]));
                    row.TypeNames.Insert(0, "NeuralNet.ConfusionMatrixRow");
                    matrix[a] = row;
                }
                Add("ConfusionMatrix", matrix);
                result.TypeNames.Insert(0, "NeuralNet.ClassificationEvaluation");
            }
            else
            {
                Add("MeanSquaredError", report.MeanSquaredError);
                Add("RootMeanSquaredError", report.RootMeanSquaredError);
                Add("MeanAbsoluteError", report.MeanAbsoluteError);
                Add("RSquared", report.RSquared);
                result.TypeNames.Insert(0, "NeuralNet.RegressionEvaluation");
            }
            return result;
        }
    }
}
