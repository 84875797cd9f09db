using NeuralNet.Core.Data;
using NeuralNet.Core.Model;

namespace NeuralNet.Core.Training
{
    /// <summary>Per-class scores of a classification evaluation.</summary>
    /// <param name="Class">The class label.</param>
    /// <param name="Precision">Of the rows predicted as this class, the share that are.</param>
    /// <param name="Recall">Of the rows of this class, the share predicted as it.</param>
    /// <param name="F1">The harmonic mean of precision and recall.</param>
    /// <param name="Support">Rows whose true class this is.</param>
    public sealed record ClassScore(string Class, double Precision, double Recall, double F1, int Support);

    /// <summary>How well a network does on labelled data.</summary>
    public sealed class EvaluationReport
    {
        public int Rows { get; set; }
        /// <summary>The training loss function's value on this data.</summary>
        public double Loss { get; set; }
        public Loss LossFunction { get; set; }
        public bool IsClassification { get; set; }
        public string Target { get; set; }
        /// <summary>The column whose values weighted the rows' scores (-SampleWeight), or null: every row counts the same.</summary>
        public string SampleWeight { get; set; }

        // classification
        public string[] Classes { get; set; }
        public double Accuracy { get; set; }
        public double MacroF1 { get; set; }
        /// <summary>−mean log p(true class), probabilities clamped away from 0.</summary>
        public double LogLoss { get; set; }
        public ClassScore[] PerClass { get; set; }
        /// <summary>[actual][predicted] counts.</summary>
        public int[][] ConfusionMatrix { get; set; }

        // regression (in the target's own units)
        public double MeanSquaredError { get; set; }
        public double RootMeanSquaredError => Math.Sqrt(MeanSquaredError);
        public double MeanAbsoluteError { get; set; }
        public double RSquared { get; set; }
    }

    /// <summary>Scores a network on encoded, labelled data: accuracy, F1, log loss and the confusion matrix, or MSE, MAE and R².</summary>
    public static class Evaluation
    {
        private const int ChunkRows = 256;

        /// <summary>The report of the first target (all targets pooled, for regression).</summary>
        public static EvaluationReport Evaluate(NeuralNetworkModel model, DataSet data, Loss loss) => EvaluateAll(model, data, loss)[0];

        /// <summary>One report per class target (each with its own confusion matrix), or one pooled report over regression targets.</summary>
        public static IReadOnlyList<EvaluationReport> EvaluateAll(NeuralNetworkModel model, DataSet data, Loss loss)
        {
            var network = model.Network;
            int width = network.OutputSize;
            var schema = model.Schema;
            var layout = schema != null ? OutputLayout.From(schema) : OutputLayout.From(network.OutputLayer.Activation, loss, width);
            var outputs = new double[data.Rows * width];
            var workspace = new Workspace(network, Math.Max(1, Math.Min(ChunkRows, data.Rows)));
            double lossValue = Evaluator.Evaluate(network, data, loss, layout, workspace, outputs).Loss;
            Inference.Predictor.RequireFinite(network, outputs, data.Rows, data.SourceRows);
            if (layout.Groups[0].Kind == OutputKind.Value)
            {
                var pooled = new EvaluationReport { Rows = data.Rows, LossFunction = loss, Loss = lossValue, Target = schema?.Targets[0].Name };
                Regression(pooled, data, outputs, width, layout, schema);
                return new[] { pooled };
            }
            var reports = new List<EvaluationReport>();
            for (int g = 0; g < layout.Groups.Count; g++)
            {
                var report = new EvaluationReport { Rows = data.Rows, LossFunction = loss, Loss = lossValue, Target = schema?.Targets[g].Name };
                Classification(report, layout.Groups[g], (schema?.Targets[g] as ClassTarget)?.Classes.ToArray(), data, outputs, width);
                reports.Add(report);
            }
            return reports;
        }

        private static void Classification(EvaluationReport report, OutputGroup group, string[] classNames, DataSet data, double[] outputs, int width)
        {
            int classes = group.Kind == OutputKind.Binary ? 2 : group.Width;
            report.IsClassification = true;
            report.Classes = classNames ?? Enumerable.Range(0, classes).Select(c => c.ToString()).ToArray();
            var confusion = new int[classes][];
            // The scores come from the weighted counts (each row counts its weight, 1 without weights).
            var weighted = new double[classes][];
            for (int c = 0; c < classes; c++)
            {
                confusion[c] = new int[classes];
                weighted[c] = new double[classes];
            }
            double logLoss = 0, totalWeight = 0;
            for (int r = 0; r < data.Rows; r++)
            {
                double w = data.Weights?[r] ?? 1.0;
                int actual = group.PredictedClass(data.Targets, r * width);
                int predicted = group.PredictedClass(outputs, r * width);
                confusion[actual][predicted]++;
                weighted[actual][predicted] += w;
                totalWeight += w;
                double p = group.Kind == OutputKind.Binary
                    ? (actual == 1 ? outputs[r * width + group.Offset] : 1.0 - outputs[r * width + group.Offset])
                    : outputs[r * width + group.Offset + actual];
                logLoss -= w * Math.Log(Math.Min(1.0, Math.Max(p, NeuralNet.Core.Losses.LossFunction.ProbabilityFloor)));
            }
            report.ConfusionMatrix = confusion;
            report.LogLoss = logLoss / totalWeight;
            report.Accuracy = Enumerable.Range(0, classes).Sum(c => weighted[c][c]) / totalWeight;
            report.PerClass = Enumerable.Range(0, classes).Select(c =>
            {
                double truePositive = weighted[c][c];
                double predicted = Enumerable.Range(0, classes).Sum(a => weighted[a][c]);
                double actual = weighted[c].Sum();
                double precision = predicted == 0 ? 0 : truePositive / predicted;
                double recall = actual == 0 ? 0 : truePositive / actual;
                double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                return new ClassScore(report.Classes[c], precision, recall, f1, confusion[c].Sum());
            }).ToArray();
            report.MacroF1 = report.PerClass.Average(s => s.F1);
        }

        private static void Regression(EvaluationReport report, DataSet data, double[] outputs, int width, OutputLayout layout, DataSchema schema)
        {
            // pooled over regression outputs, in each target's units
            double squared = 0, absolute = 0, total = 0, count = 0;
            var means = WeightedColumnMeans(data, width);
            for (int g = 0; g < layout.Groups.Count; g++)
            {
                int j = layout.Groups[g].Offset;
                double scale = (schema?.Targets[g] as ValueTarget)?.Scale ?? 1.0;
                for (int r = 0; r < data.Rows; r++)
                {
                    double w = data.Weights?[r] ?? 1.0;
                    double d = (data.Targets[r * width + j] - outputs[r * width + j]) * scale;
                    double t = (data.Targets[r * width + j] - means[j]) * scale;
                    squared += w * (d * d);
                    absolute += w * Math.Abs(d);
                    total += w * (t * t);
                    count += w;
                }
            }
            report.MeanSquaredError = squared / count;
            report.MeanAbsoluteError = absolute / count;
            report.RSquared = total > 0 ? 1.0 - squared / total : 0.0;
        }

        /// <summary>Each output's (weighted) mean target.</summary>
        private static double[] WeightedColumnMeans(DataSet data, int width)
        {
            if (data.Weights == null) return MetricAccumulator.ColumnMeans(data.Targets, data.Rows, width);
            var mean = new double[width];
            for (int r = 0; r < data.Rows; r++)
                for (int j = 0; j < width; j++) mean[j] += data.Weights[r] * data.Targets[r * width + j];
            for (int j = 0; j < width; j++) mean[j] /= data.Rows; // the weights' mean is 1
            return mean;
        }
    }
}
