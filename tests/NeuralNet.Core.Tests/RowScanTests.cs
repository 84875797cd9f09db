using System;
using NeuralNet.Core.Data;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>-FeatureMatrix's check: the vector scan finds the row a value-by-value loop finds, and the error names its first bad cell.</summary>
    public class RowScanTests
    {
        private static double[][] Matrix(int rows, int width)
        {
            var random = new Random(rows + width);
            var matrix = new double[rows][];
            for (int r = 0; r < rows; r++)
            {
                matrix[r] = new double[width];
                for (int c = 0; c < width; c++) matrix[r][c] = random.NextDouble() * 2e300 - 1e300;
            }
            return matrix;
        }

        [Theory]
        [InlineData(5, 3)]        // narrower than a vector: the scalar tail alone
        [InlineData(40, 17)]      // vectors and a tail
        [InlineData(400, 784)]    // two threads share the scan
        public void Sound_rows_pass(int rows, int width) => Assert.Equal(-1, RowScan.FirstBadRow(Matrix(rows, width), width));

        [Theory]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(double.NegativeInfinity)]
        public void Every_non_finite_value_is_found_in_every_column(double bad)
        {
            foreach (int width in new[] { 3, 17, 784 })
            {
                var matrix = Matrix(400, width);
                foreach (int column in new[] { 0, width / 2, width - 1 })
                {
                    double kept = matrix[333][column];
                    matrix[333][column] = bad;
                    Assert.Equal(333, RowScan.FirstBadRow(matrix, width));
                    matrix[333][column] = kept;
                }
            }
        }

        [Fact]
        public void The_first_bad_row_wins_when_both_threads_find_one()
        {
            var matrix = Matrix(400, 784);
            matrix[390][5] = double.NaN;
            matrix[150][783] = double.PositiveInfinity;
            Assert.Equal(150, RowScan.FirstBadRow(matrix, 784));
        }

        [Fact]
        public void Missing_rows_and_other_widths_are_bad_rows()
        {
            var matrix = Matrix(400, 784);
            matrix[250] = new double[783];
            Assert.Equal(250, RowScan.FirstBadRow(matrix, 784));
            matrix[10] = null;
            Assert.Equal(10, RowScan.FirstBadRow(matrix, 784));
        }

        [Fact]
        public void The_error_names_the_first_bad_cell()
        {
            var features = Matrix(400, 784);
            features[300][700] = double.NegativeInfinity;
            features[300][701] = double.NaN;
            var error = Assert.Throws<NeuralNetException>(() => DataSet.FromMatrices(features, null));
            Assert.Equal("NonFiniteValue", error.ErrorId);
            Assert.Equal(301, error.Row);
            Assert.Equal("701", error.Column);
            Assert.Contains("-FeatureMatrix row 301, column 701 is -∞", error.Message.Replace("-Infinity", "-∞"));
            features[300] = new double[2];
            error = Assert.Throws<NeuralNetException>(() => DataSet.FromMatrices(features, null));
            Assert.Equal("RowWidthMismatch", error.ErrorId);
            Assert.Equal(301, error.Row);
        }
    }
}
