using NeuralNet.Core.Data;
using NeuralNet.Core.Model;

namespace NeuralNet.Core.Training
{
    /// <summary>Forward passes over a whole data set in chunks, for validation loss, metrics and predictions.</summary>
    public static class Evaluator
    {
        /// <summary>
        /// The mean loss (as the loss defines its average; weighted when the rows are) and metric of <paramref name="data"/>, using
        /// <paramref name="workspace"/> in chunks of its capacity. When <paramref name="outputs"/> is given
        /// (rows × outputs) it receives the network's outputs.
        /// </summary>
        public static (double Loss, double? Metric) Evaluate(Network network, DataSet data, Loss loss, OutputLayout layout, Workspace workspace,
            double[] outputs = null)
        {
            int width = network.OutputSize;
            var metric = new MetricAccumulator(layout, MetricAccumulator.ColumnMeans(data.Targets, data.Rows, width));
            double sum = 0;
            var weights = data.Weights != null ? new double[workspace.Capacity] : null;
            for (int start = 0; start < data.Rows; start += workspace.Capacity)
            {
                int rows = Math.Min(workspace.Capacity, data.Rows - start);
                data.CopyFeatures(start, rows, workspace.Input, 0);
                Array.Copy(data.Targets, start * width, workspace.Target, 0, rows * width);
                data.CopyWeights(start, rows, weights, 0);
                var output = network.Forward(workspace, rows);
                sum += loss.Function().Sum(network.OutputLayer.Activation, workspace.Z[workspace.Z.Length - 1], output, workspace.Target, rows * width, width, network.OutputLayer.SoftmaxGroups, weights);
                metric.Add(output, workspace.Target, rows, width);
                if (outputs != null) Array.Copy(output, 0, outputs, start * width, rows * width);
            }
            return (sum / loss.Function().Normaliser(data.Rows, width), metric.Value);
        }

        /// <summary>Network outputs for every row of <paramref name="features"/> (rows × inputs) as rows × outputs.</summary>
        public static double[] Predict(Network network, double[] features, int rows, int chunk = 256)
        {
            var workspace = new Workspace(network, Math.Max(1, Math.Min(chunk, rows)));
            var result = new double[rows * network.OutputSize];
            for (int start = 0; start < rows; start += workspace.Capacity)
            {
                int n = Math.Min(workspace.Capacity, rows - start);
                Array.Copy(features, start * network.InputSize, workspace.Input, 0, n * network.InputSize);
                var output = network.Forward(workspace, n);
                Array.Copy(output, 0, result, start * network.OutputSize, n * network.OutputSize);
            }
            return result;
        }
    }
}
