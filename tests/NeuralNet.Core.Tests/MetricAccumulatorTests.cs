using System;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>The epoch metric, added batch by batch, against the textbook formula over all rows at once.</summary>
    public class MetricAccumulatorTests
    {
        [Fact]
        public void R_squared_pools_every_output_over_every_batch()
        {
            const int rows = 7, width = 2;
            var random = new Random(5);
            var targets = Reference.RandomMatrix(random, rows, width);
            var outputs = Reference.RandomMatrix(random, rows, width);
            var mean = MetricAccumulator.ColumnMeans(targets, rows, width);
            var layout = OutputLayout.From(Activation.Identity, Loss.MeanSquaredError, width);
            var metric = new MetricAccumulator(layout, mean);

            metric.Add(Slice(outputs, 0, 4 * width), Slice(targets, 0, 4 * width), 4, width);
            metric.Add(Slice(outputs, 4 * width, 3 * width), Slice(targets, 4 * width, 3 * width), 3, width);

            double residual = 0, total = 0;
            for (int r = 0; r < rows; r++)
            {
                for (int j = 0; j < width; j++)
                {
                    double t = targets[r * width + j];
                    residual += (t - outputs[r * width + j]) * (t - outputs[r * width + j]);
                    total += (t - mean[j]) * (t - mean[j]);
                }
            }
            Assert.Equal(1.0 - residual / total, metric.Value.Value, 12);

            metric.Reset();
            Assert.Null(metric.Value);
        }

        [Fact]
        public void Accuracy_counts_the_rows_whose_class_is_predicted()
        {
            // Three classes, one-hot: rows 0 and 2 right, row 1 wrong.
            var targets = new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
            var outputs = new double[] { 0.7, 0.2, 0.1, 0.5, 0.3, 0.2, 0.1, 0.1, 0.8 };
            var metric = new MetricAccumulator(OutputLayout.From(Activation.Softmax, Loss.CrossEntropy, 3), new double[3]);
            metric.Add(outputs, targets, 3, 3);
            Assert.Equal(2.0 / 3, metric.Value.Value, 15);
        }

        private static double[] Slice(double[] values, int start, int count)
        {
            var slice = new double[count];
            Array.Copy(values, start, slice, 0, count);
            return slice;
        }
    }
}
