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
    }
}
