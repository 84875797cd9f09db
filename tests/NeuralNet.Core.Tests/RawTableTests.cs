using System;
using System.Linq;
using NeuralNet.Core.Data;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Pipeline rows read as numbers: parsed once, column by column, with the states of missing cells.</summary>
    public class RawTableTests
    {
        [Fact]
        public void Pipeline_columns_parse_to_numbers_with_missing_cells_marked()
        {
            var table = new RawTable(new[] { "a", "b", "label" });
            table.Add(new object[] { "1.5", 2, "x" });
            table.Add(new object[] { " 2e3 ", true, "y" });
            table.Add(new object[] { "", RawTable.MissingProperty, "3" });
            table.Add(new object[] { null, 4.25m, "z" });

            var a = table.Numeric(0);
            Assert.Equal(1.5, a[0]);
            Assert.Equal(2000.0, a[1]);
            Assert.Equal(new[] { CellState.Present, CellState.Present, CellState.Empty, CellState.Empty }, a.States);
            var b = table.Numeric(1);
            Assert.Equal(new[] { 2.0, 1.0, 0.0, 4.25 }, new[] { b[0], b[1], b[2], b[3] });
            Assert.Equal(CellState.Absent, b.StateAt(2));
            Assert.Null(table.Numeric(2));          // a column with labels is not numbers, even if one label is "3"
            Assert.Equal("1.5", table[0, 0]);       // the cells themselves stay as they came (for error messages)
        }

        [Fact]
        public void Adding_a_row_after_a_read_parses_again()
        {
            var table = new RawTable(new[] { "a" });
            table.Add(new object[] { "1" });
            Assert.NotNull(table.Numeric(0));
            table.Add(new object[] { "one" });
            Assert.Null(table.Numeric(0));
        }
    
        [Fact]
        public void A_large_table_parses_in_parts_to_what_one_pass_gives()
        {
            // 10,000 rows are parsed on several cores; column c1 stops being numbers in the last row,
            // missing cells fall in every part, and the values must be those of a plain loop.
            const int rows = 10000;
            var table = new RawTable(new[] { "c0", "c1", "c2" });
            var random = new System.Random(5);
            var expected = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                expected[r] = System.Math.Round((random.NextDouble() - 0.5) * 1000, 3);
                object c0 = r % 997 == 0 ? (object)"" : expected[r].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                object c1 = r == rows - 1 ? "text" : (object)r;
                object c2 = r % 1231 == 0 ? RawTable.MissingProperty : (object)(r * 0.5);
                table.Add(new[] { c0, c1, c2 });
            }
            var c0Numbers = table.Numeric(0);
            Assert.NotNull(c0Numbers);
            Assert.Null(table.Numeric(1));
            var c2Numbers = table.Numeric(2);
            for (int r = 0; r < rows; r++)
            {
                if (r % 997 == 0) Assert.Equal(CellState.Empty, c0Numbers.StateAt(r));
                else
                {
                    Assert.Equal(CellState.Present, c0Numbers.StateAt(r));
                    Assert.Equal(double.Parse(expected[r].ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture), c0Numbers[r]);
                }
                Assert.Equal(r % 1231 == 0 ? CellState.Absent : CellState.Present, c2Numbers.StateAt(r));
                if (r % 1231 != 0) Assert.Equal(r * 0.5, c2Numbers[r]);
            }
        }

        [Fact]
        public void A_cleared_table_reads_the_rows_added_after_it_and_parses_them_into_the_same_matrix()
        {
            var table = new RawTable(new[] { "x", "y" });
            table.Add(new object[] { "1.5", "2" });
            table.Add(new object[] { "3", "" });
            table.Add(new object[] { "4", "5" });
            Assert.Equal(new[] { 1.5, 3, 4 }, Enumerable.Range(0, 3).Select(r => table.Numeric(0)[r]));
            table.Clear();
            Assert.Equal(0, table.RowCount);
            table.Add(new object[] { "7", "text" });
            table.Add(new object[] { "-8.25", "9" });
            Assert.Equal(2, table.RowCount);
            Assert.Equal(new[] { 7, -8.25 }, Enumerable.Range(0, 2).Select(r => table.Numeric(0)[r]));
            Assert.Null(table.Numeric(1)); // "text" makes y a column of text now
            Assert.Equal("text", table[0, 1]);
            Assert.Throws<InvalidOperationException>(() => new RawTable(new[] { "x" }, 0, new NumericColumn[1], new string[1][]).Clear());
        }
    }
}
