using System;
using System.Linq;
using NeuralNet.Core.Data;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// Pipeline rows live in one array of cells per table, and a table's large arrays go back to a
    /// per-thread pool when its call is done: a later table must read only its own rows, with numbers
    /// and missing cells as a fresh array would give them.
    /// </summary>
    public class RawTableStorageTests
    {
        private static readonly string[] Columns = { "a", "b", "y" };

        private static RawTable Table(int rows, Func<int, int, object> cell)
        {
            var table = new RawTable(Columns);
            for (int r = 0; r < rows; r++) table.Add(new[] { cell(r, 0), cell(r, 1), cell(r, 2) });
            return table;
        }

        [Fact]
        public void Rows_added_one_by_one_or_reserved_and_filled_read_back_in_order()
        {
            var table = Table(100, (r, c) => (r * 3 + c).ToString());
            int start = table.AppendRows(50);
            Assert.Equal(100, start);
            for (int r = 0; r < 50; r++)
                for (int c = 0; c < 3; c++) table.Cells[(start + r) * 3 + c] = ((start + r) * 3 + c).ToString();
            Assert.Equal(150, table.RowCount);
            for (int r = 0; r < 150; r++)
                for (int c = 0; c < 3; c++) Assert.Equal((r * 3 + c).ToString(), table[r, c]);
            Assert.Equal(new object[] { "447", "448", "449" }, table.RowAt(149));
            Assert.Throws<ArgumentOutOfRangeException>(() => table[150, 0]);
            Assert.Throws<ArgumentOutOfRangeException>(() => table[0, 3]);
        }

        [Fact]
        public void A_row_array_can_be_filled_again_once_added()
        {
            var table = new RawTable(Columns);
            var row = new object[3];
            for (int r = 0; r < 10; r++)
            {
                row[0] = r; row[1] = -r; row[2] = "x";
                table.Add(row);
            }
            Assert.Equal(Enumerable.Range(0, 10).Cast<object>(), Enumerable.Range(0, 10).Select(r => table[r, 0]));
            Assert.Throws<ArgumentException>(() => table.Add(new object[2]));
        }

        [Fact]
        public void Removing_unfilled_rows_moves_the_rest_up_in_order()
        {
            var table = Table(10, (r, c) => r * 10 + c);
            table.RemoveRows(new[] { 0, 4, 5, 9 });
            Assert.Equal(6, table.RowCount);
            Assert.Equal(new object[] { 10, 20, 30, 60, 70, 80 }, Enumerable.Range(0, 6).Select(r => table[r, 0]).ToArray());
            table.RemoveRows(new int[0]);
            Assert.Equal(6, table.RowCount);
        }

        [Fact]
        public void A_subset_copies_the_rows_and_the_original_stays_as_it_was()
        {
            var table = Table(20, (r, c) => r + c * 100);
            var subset = table.Subset(new[] { 19, 0, 7 });
            Assert.Equal(3, subset.RowCount);
            Assert.Equal(new object[] { 19, 119, 219 }, subset.RowAt(0));
            Assert.Equal(new object[] { 7, 107, 207 }, subset.RowAt(2));
            table.Release();
            Assert.Equal(new object[] { 0, 100, 200 }, subset.RowAt(1));
            Assert.Equal(0, table.RowCount);
        }

        [Fact]
        public void Cleared_for_the_next_chunk_a_table_parses_the_new_rows_only()
        {
            var table = Table(3000, (r, c) => (r % 7 + c).ToString());
            Assert.Equal(6.0, table.Numeric(0)[6]);
            table.Clear();
            Assert.Equal(0, table.RowCount);
            for (int r = 0; r < 2000; r++) table.Add(new object[] { r % 2 == 0 ? "" : "2.5", "1", "0" });
            var a = table.Numeric(0);
            Assert.Equal(0.0, a[0]);                    // a missing cell reads 0, not the last chunk's 0 + 0
            Assert.Equal(CellState.Empty, a.StateAt(2));
            Assert.Equal(0.0, a[2]);                    // the last chunk had 2 there
            Assert.Equal(2.5, a[1]);
        }

        [Fact]
        public void String_cells_parse_to_numbers_missing_cells_or_a_text_column_as_other_values_do()
        {
            // Over 4,096 rows, so the rows are parsed in parts on several cores.
            // Column 0: blanks of several kinds, an absent property, DBNull, numbers as .NET values and as
            // text, including text the fast path leaves to double.TryParse (a 17-digit value, 1e23).
            var cells = new object[] { " \u00a0", "", null, RawTable.MissingProperty, DBNull.Value, 7, " 1.5e1 ", "0.30000000000000004", "1e23", " NaN " };
            var table = Table(5000, (r, c) => c switch
            {
                0 => cells[r % cells.Length] is int ? r : cells[r % cells.Length],
                1 => r == 4321 ? "n/a" : r > 4321 ? "" : (r * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => r % 2 == 0 ? (object)true : "-0",
            });
            // The same table parsed again after a table of the same size with other numbers (the pool's arrays).
            var earlier = Table(5000, (r, c) => "3");
            Assert.NotNull(earlier.Numeric(0));
            earlier.Release();
            var a = table.Numeric(0);
            for (int r = 0; r < 5000; r++)
            {
                object cell = cells[r % cells.Length];
                double expected = cell is int ? r : cell is string text && !string.IsNullOrWhiteSpace(text)
                    ? double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture) : 0.0;
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(a[r]));
                var state = r % cells.Length == 3 ? CellState.Absent : r % cells.Length <= 4 ? CellState.Empty : CellState.Present;
                Assert.Equal(state, a.StateAt(r));
            }
            Assert.Null(table.Numeric(1));           // one text cell, blanks after it, makes the column text
            Assert.Equal("n/a", table[4321, 1]);
            var c2 = table.Numeric(2);
            Assert.Equal(1.0, c2[0]);
            Assert.True(double.IsNegative(c2[1]) && c2[1] == 0);
        }

        [Fact]
        public void A_table_after_a_released_one_of_the_same_size_sees_its_own_numbers_and_missing_cells()
        {
            // Large enough for its arrays to be kept (thousands of cells), and the same size both times.
            var first = Table(4000, (r, c) => (r + c + 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (int c = 0; c < 3; c++) Assert.NotNull(first.Numeric(c));
            first.Release();
            var second = Table(4000, (r, c) => r % 3 == 0 ? null : (object)(-r));
            var b = second.Numeric(1);
            for (int r = 0; r < 4000; r++)
            {
                Assert.Equal(r % 3 == 0 ? 0.0 : -r, b[r]);
                Assert.Equal(r % 3 == 0 ? CellState.Empty : CellState.Present, b.StateAt(r));
            }
        }

        [Fact]
        public void Numbers_come_zeroed_and_cells_cleared_from_the_pool_and_an_array_given_back_twice_is_lent_once()
        {
            const int length = 20_000;
            var numbers = TableScratch.Numbers(length);
            numbers[5] = 3;
            TableScratch.Return(numbers);
            TableScratch.Return(numbers);
            var again = TableScratch.Numbers(length);
            Assert.Same(numbers, again);
            Assert.All(again, v => Assert.Equal(0.0, v));
            Assert.NotSame(again, TableScratch.Numbers(length));

            var cells = TableScratch.Cells(length);
            cells[7] = "row";
            TableScratch.Return(cells);
            var reused = TableScratch.Cells(length);
            Assert.Same(cells, reused);
            Assert.All(reused, v => Assert.Null(v));
        }

        [Fact]
        public void Releasing_a_data_set_gives_back_only_what_it_rented()
        {
            var features = new double[16_384];
            var own = new DataSet(features, null, 4096, 4, 0);
            own.Release();
            Assert.Equal(4, own.Inputs);
            // Not in the pool: a rented array of its length is a new one.
            Assert.NotSame(features, TableScratch.Numbers(features.Length));
        }
    }
}
