using System;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>-TargetMatrix rows are kept as rows: batches, means and the whole array read as from a flat copy.</summary>
    public class MatrixTargetsTests
    {
        [Fact]
        public void Target_rows_read_as_the_flat_targets_would()
        {
            var random = new Random(4);
            const int rows = 37, width = 3;
            var x = Enumerable.Range(0, rows).Select(_ => new[] { random.NextDouble() }).ToArray();
            var y = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, width).Select(__ => random.NextDouble() * 10 - 5).ToArray()).ToArray();
            var flat = y.SelectMany(r => r).ToArray();
            var data = DataSet.FromMatrices(x, y);
            var reference = new DataSet(flat, flat, rows, 1, width);

            // Means in the same order of sums, to the bit.
            Assert.Equal(MetricAccumulator.ColumnMeans(flat, rows, width), data.TargetMeans());
            Assert.Equal(reference.TargetMeans(), data.TargetMeans());
            // A batch from the middle, at an offset.
            var batch = new double[2 + 5 * width];
            data.CopyTargets(11, 5, batch, 2);
            Assert.Equal(flat.Skip(11 * width).Take(5 * width), batch.Skip(2));
            // Asked for whole, the rows are laid end to end once.
            Assert.Equal(flat, data.Targets);
            Assert.Same(data.Targets, data.Targets);
            data.CopyTargets(0, rows, batch = new double[rows * width], 0);
            Assert.Equal(flat, batch);
            // Weighted copies share the rows.
            Assert.Equal(flat, DataSet.FromMatrices(x, y).WithWeights(Enumerable.Repeat(2.0, rows).ToArray()).Targets);
        }

        [Fact]
        public void Unlabelled_matrices_have_no_targets()
        {
            var data = DataSet.FromMatrices(new[] { new[] { 1.0 }, new[] { 2.0 } }, null);
            Assert.Null(data.Targets);
            Assert.Equal(new double[0], data.TargetMeans());
        }
    }
}
