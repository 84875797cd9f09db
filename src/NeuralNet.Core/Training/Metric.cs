namespace NeuralNet.Core.Training
{
    /// <summary>A score of a tested network, as Test-NeuralNetwork reports it: what experiments rank configurations by.</summary>
    public enum Metric
    {
        Accuracy,
        MacroF1,
        LogLoss,
        /// <summary>The training loss function's value on the test rows.</summary>
        Loss,
        MeanSquaredError,
        RootMeanSquaredError,
        MeanAbsoluteError,
        RSquared,
    }

    public static class Metrics
    {
        /// <summary>Whether a larger value is better (accuracy, F1, R²) or a smaller one (losses and errors).</summary>
        public static bool HigherIsBetter(Metric metric) =>
            metric == Metric.Accuracy || metric == Metric.MacroF1 || metric == Metric.RSquared;

        /// <summary>Whether the metric applies to classes (accuracy, F1, log loss), to numbers (errors, R²) or to both (the loss).</summary>
        public static bool AppliesTo(Metric metric, bool classification)
        {
            switch (metric)
            {
                case Metric.Loss: return true;
                case Metric.Accuracy:
                case Metric.MacroF1:
                case Metric.LogLoss: return classification;
                default: return !classification;
            }
        }

        /// <summary>The metric's value in a test report; an error saying which metrics apply when this one does not.</summary>
        public static double Of(EvaluationReport report, Metric metric)
        {
            if (!AppliesTo(metric, report.IsClassification))
                throw new NeuralNetException("MetricNotApplicable", ErrorKind.InvalidArgument,
                    $"-Metric {metric} does not apply to a {(report.IsClassification ? "classifier" : "regression")}; use one of " +
                    string.Join(", ", Array.FindAll((Metric[])Enum.GetValues(typeof(Metric)), m => AppliesTo(m, report.IsClassification))) + ".");
            switch (metric)
            {
                case Metric.Accuracy: return report.Accuracy;
                case Metric.MacroF1: return report.MacroF1;
                case Metric.LogLoss: return report.LogLoss;
                case Metric.Loss: return report.Loss;
                case Metric.MeanSquaredError: return report.MeanSquaredError;
                case Metric.RootMeanSquaredError: return report.RootMeanSquaredError;
                case Metric.MeanAbsoluteError: return report.MeanAbsoluteError;
                default: return report.RSquared;
            }
        }
    }
}
