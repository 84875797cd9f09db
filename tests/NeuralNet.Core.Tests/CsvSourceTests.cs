using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using NeuralNet.Core.Data;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>The file reader against the plain reference: double.Parse, and Sylvan's full grammar.</summary>
    public class CsvSourceTests : IDisposable
    {
        private readonly TemporaryFolder _files = new TemporaryFolder("nn-csv-");

        public void Dispose() => _files.Dispose();

        private string Write(string name, string content, Encoding encoding = null) => _files.Write(name, content, encoding);

        [Fact]
        public void Fast_number_parsing_equals_double_parse_bit_for_bit()
        {
            var random = new Random(11);
            var formats = new[] { "R", "F6", "E10", "G17", "F0", "0.################" };
            var texts = Enumerable.Range(0, 20000).Select(i =>
            {
                double v = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
                return v.ToString(formats[i % formats.Length], CultureInfo.InvariantCulture);
            }).Concat(new[] { "0", "-0", "+3", ".5", "5.", "1e5", "1E-5", "  7.25 ", "123456789012345678901234", "0.1", "9007199254740993",
                "1e400", "NaN", "-Infinity", "00012.5000", "1.7976931348623157e308", "4.9e-324" }).ToArray();
            foreach (var text in texts)
            {
                var bytes = Encoding.ASCII.GetBytes(text);
                Assert.True(FastNumber.TryParse(bytes, 0, bytes.Length, out double fast), text);
                double reference = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                Assert.True(BitConverter.DoubleToInt64Bits(reference) == BitConverter.DoubleToInt64Bits(fast), $"{text}: {fast:R} vs {reference:R}");
                // The same text as a string (a pipeline row's cell).
                Assert.True(FastNumber.TryParse(text, out double fromString), text);
                Assert.True(BitConverter.DoubleToInt64Bits(reference) == BitConverter.DoubleToInt64Bits(fromString), $"{text}: {fromString:R} vs {reference:R}");
            }
            foreach (var text in new[] { "", " ", "abc", "1.2.3", "-", "1e", "e5", "1,5", "12a" })
            {
                var bytes = Encoding.ASCII.GetBytes(text);
                Assert.False(FastNumber.TryParse(bytes, 0, bytes.Length, out _), text);
                Assert.False(FastNumber.TryParse(text, out _), text);
            }
            // Whitespace beyond ASCII is trimmed as string.Trim does, by the fallback.
            Assert.True(FastNumber.TryParse("\u00a012.5\u2003", out double spaced));
            Assert.Equal(12.5, spaced);
        }

        [Fact]
        public void Reading_a_string_cell_in_one_call_agrees_with_the_missing_test_and_the_parser()
        {
            var random = new Random(5);
            var texts = Enumerable.Range(0, 5000).Select(i => ((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-20, 20))).ToString(i % 2 == 0 ? "R" : "E5", CultureInfo.InvariantCulture))
                .Concat(new[] { "", " ", "\t\r\n", "\u00a0", "\u2003 ", "\u0085", "\u200b1", "abc", "1.2.3", "-", ".", "+.5", "5.", "-0", " 3 ", "\u00a012.5\u2003",
                    "NaN", "Infinity", "-Infinity", "1e400", "1e", "1e+", "1e22", "1e-22", "1e23", "1e-23", "12345678901234567890", "9007199254740993", "12a", "007" });
            foreach (var text in texts)
            {
                var cell = FastNumber.Read(text, out double value);
                if (ValueParser.IsMissing(text))
                {
                    Assert.Equal(FastNumber.Cell.Blank, cell);
                    continue;
                }
                bool parsed = double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double reference);
                Assert.Equal(parsed ? FastNumber.Cell.Number : FastNumber.Cell.Text, cell);
                if (parsed) Assert.True(BitConverter.DoubleToInt64Bits(reference) == BitConverter.DoubleToInt64Bits(value), $"{text}: {value:R} vs {reference:R}");
            }
        }

        [Fact]
        public void Numbers_become_numeric_columns_and_text_stays_text()
        {
            var table = CsvSource.Read(new[] { Write("a.csv", "x,label,y\r\n1.5,red,2\r\n-3,blue,4e1\r\n") });
            Assert.Equal(new[] { "x", "label", "y" }, table.Columns);
            Assert.Equal(2, table.RowCount);
            Assert.NotNull(table.Numeric(0));
            Assert.Null(table.Numeric(1));
            Assert.Equal(-3.0, table[1, 0]);
            Assert.Equal("blue", table[1, 1]);
            Assert.Equal(40.0, table[1, 2]);
        }

        [Fact]
        public void A_column_that_turns_out_to_hold_text_keeps_its_original_spelling()
        {
            var table = CsvSource.Read(new[] { Write("a.csv", "x,code\n1,1.50\n2,007\n3,abc\n") });
            Assert.Null(table.Numeric(1));
            Assert.Equal(new object[] { "1.50", "007", "abc" }, Enumerable.Range(0, 3).Select(r => table[r, 1]).ToArray());
        }

        [Fact]
        public void Forced_text_columns_are_not_parsed()
        {
            var table = CsvSource.Read(new[] { Write("a.csv", "zip,y\n01234,1\n") }, textColumns: new[] { "ZIP" });
            Assert.Equal("01234", table[0, 0]);
        }

        [Fact]
        public void Empty_cells_short_lines_blank_lines_and_a_bom_read_as_pipeline_rows_would()
        {
            var table = CsvSource.Read(new[] { Write("a.csv", "a,b,c\n1,,3\n\n4,5\n", new UTF8Encoding(true)) });
            Assert.Equal("a", table.Columns[0]);
            Assert.Equal(2, table.RowCount);
            Assert.True(table.IsMissing(0, 1));
            Assert.Equal("", table[0, 1]);
            Assert.Same(RawTable.MissingProperty, table[1, 2]);
            Assert.Equal(5.0, table[1, 1]);
        }

        [Fact]
        public void Quoted_files_take_the_full_grammar_and_give_the_same_cells()
        {
            var quoted = Write("q.csv", "name,x\n\"Smith, J\",1.5\n\"multi\nline\",\"2\"\n");
            var table = CsvSource.Read(new[] { quoted });
            Assert.Equal(2, table.RowCount);
            Assert.Equal("Smith, J", table[0, 0]);
            Assert.Equal("multi\nline", table[1, 0]);
            Assert.Equal(2.0, table[1, 1]);
        }

        [Fact]
        public void Plain_and_quoted_readers_agree_on_the_same_data()
        {
            // The quoted copy is what Export-Csv writes: every field quoted, the header too. The byte scanner
            // reads it, and so does the full grammar; all three tables must agree cell for cell.
            var random = new Random(4);
            var plain = new StringBuilder("a;b;c\n");
            var quoted = new StringBuilder("\"a\";\"b\";\"c\"\n");
            for (int r = 0; r < 500; r++)
            {
                var cells = new[] { (random.NextDouble() * 100 - 50).ToString("R", CultureInfo.InvariantCulture), r % 7 == 0 ? "" : random.Next(100).ToString(CultureInfo.InvariantCulture), "k" + random.Next(3) };
                plain.AppendLine(string.Join(";", cells));
                quoted.AppendLine(string.Join(";", cells.Select(c => "\"" + c + "\"")));
            }
            var options = new CsvOptions { Delimiter = ';' };
            var a = CsvSource.Read(new[] { Write("p.csv", plain.ToString()) }, options);
            var q = Write("q.csv", quoted.ToString());
            var b = CsvSource.Read(new[] { q }, options);
            var full = CsvSource.Read(new[] { q }, options, null, default, fullGrammar: true);
            Assert.Equal(new[] { "a", "b", "c" }, b.Columns);
            Assert.Equal(a.RowCount, b.RowCount);
            Assert.Equal(a.RowCount, full.RowCount);
            for (int r = 0; r < a.RowCount; r++)
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal(a[r, c], b[r, c]);
                    Assert.Equal(full[r, c], b[r, c]);
                }
        }

        [Theory]
        [InlineData("\"n\",\"t\"\n1,\"a,b\"\n\"2\",\"\"\n,\" c \"\n", true)]       // a delimiter inside quotes, an empty quoted cell, spaces inside
        [InlineData("n,t\n1,\"say \"\"hi\"\"\"\n2,x\n", false)]                           // an escaped quote
        [InlineData("n,t\n1,\"two\nlines\"\n2,x\n", false)]                                 // a quoted line break
        [InlineData("n,t\n1,ab\"c\n2,x\n", false)]                                            // a quote inside a field
        [InlineData("n,t\n1,\"ab\" c\n2,x\n", false)]                                        // text after the closing quote
        public void Quoting_the_byte_scanner_cannot_split_goes_to_the_full_grammar_and_every_file_reads_as_it_does(string text, bool simple)
        {
            var path = Write("quoting.csv", text);
            Assert.Equal(simple, PlainCsvScanner.ScanRange(path, 0, long.MaxValue, (byte)',', (b, s, e, h) => true) != PlainCsvScanner.ScanEnd.Quote);
            var fullError = Record.Exception(() => CsvSource.Read(new[] { path }, null, null, default, fullGrammar: true));
            if (fullError != null)
            {
                // Text after a closing quote is not CSV: the error is the full grammar's, naming the row.
                Assert.Equal(fullError.Message, Assert.Throws<NeuralNetException>(() => CsvSource.Read(new[] { path })).Message);
                return;
            }
            var table = CsvSource.Read(new[] { path });
            var full = CsvSource.Read(new[] { path }, null, null, default, fullGrammar: true);
            Assert.Equal(full.Columns, table.Columns);
            Assert.Equal(full.RowCount, table.RowCount);
            for (int r = 0; r < full.RowCount; r++)
                for (int c = 0; c < full.Columns.Count; c++)
                    Assert.Equal(full[r, c], table[r, c]);
        }

        [Fact]
        public void A_large_file_parsed_by_two_threads_reads_exactly_as_the_full_grammar_reads_it()
        {
            // Over 16 MB, so the plain scanner splits it; the reference reads it through Sylvan in one pass.
            var random = new Random(9);
            var body = new StringBuilder();
            int lines = 0;
            while (body.Length < 18 << 20)
            {
                if (lines % 1000 == 500) body.Append('\n');   // blank lines are skipped
                body.Append((random.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture)).Append(',')
                    .Append(lines % 777 == 0 ? "" : random.Next(1000).ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(lines % 3).Append('\n');
                lines++;
            }
            var plain = CsvSource.Read(new[] { Write("big.csv", "x,y,z\n" + body) });
            var quoted = CsvSource.Read(new[] { Write("bigq.csv", "x,y,z\n" + body) }, null, null, default, fullGrammar: true);
            Assert.Equal(lines, plain.RowCount);
            Assert.Equal(quoted.RowCount, plain.RowCount);
            for (int r = 0; r < plain.RowCount; r++)
                for (int c = 0; c < 3; c++)
                    Assert.Equal(quoted[r, c], plain[r, c]);
        }

        [Fact]
        public void Many_rows_encode_on_several_cores_exactly_as_pipeline_rows_do()
        {
            // 120,000 rows: above the parallel encoding threshold for the file table, never for rows.
            var random = new Random(12);
            var text = new StringBuilder("a,b,t\n");
            var rows = new RawTable(new[] { "a", "b", "t" });
            for (int r = 0; r < 120_000; r++)
            {
                string a = (random.NextDouble() * 10).ToString("R", CultureInfo.InvariantCulture);
                string b = r % 1000 == 7 ? "" : random.Next(-50, 50).ToString(CultureInfo.InvariantCulture);
                string t = (r % 3).ToString(CultureInfo.InvariantCulture);
                text.Append(a).Append(',').Append(b).Append(',').Append(t).Append('\n');
                rows.Add(new object[] { a, b, t });
            }
            var file = CsvSource.Read(new[] { Write("many.csv", text.ToString()) });
            var options = new DataOptions { Target = new[] { "t" }, MissingValue = MissingValuePolicy.Mean };
            var fromFile = SchemaInference.Fit(file, options);
            var fromRows = SchemaInference.Fit(rows, options);
            fromFile = SchemaInference.WithOutputs(fromFile, file, Activation.Softmax, null);
            fromRows = SchemaInference.WithOutputs(fromRows, rows, Activation.Softmax, null);
            var encodedFile = fromFile.Encode(file, true);
            var encodedRows = fromRows.Encode(rows, true);
            Assert.Equal(encodedRows.Features, encodedFile.Features);
            Assert.Equal(encodedRows.Targets, encodedFile.Targets);
        }

        [Fact]
        public void Later_files_are_matched_by_column_name()
        {
            var first = Write("1.csv", "x,y\n1,2\n");
            var second = Write("2.csv", "Y,z,X\n20,0,10\n");
            var table = CsvSource.Read(new[] { first, second });
            Assert.Equal(2, table.RowCount);
            Assert.Equal(10.0, table[1, 0]);
            Assert.Equal(20.0, table[1, 1]);
        }

        [Fact]
        public void Statistics_of_a_file_equal_those_of_the_same_rows_from_the_pipeline()
        {
            var path = Write("s.csv", "x,y,t\n1,10,a\n2,,b\n4,30,a\n");
            var file = CsvSource.Read(new[] { path });
            var rows = new RawTable(new[] { "x", "y", "t" });
            rows.Add(new object[] { "1", "10", "a" });
            rows.Add(new object[] { "2", "", "b" });
            rows.Add(new object[] { "4", "30", "a" });
            var options = new DataOptions { Target = new[] { "t" }, MissingValue = MissingValuePolicy.Mean };
            var fromFile = SchemaInference.Fit(file, options);
            var fromRows = SchemaInference.Fit(rows, options);
            Assert.Equal(fromRows.Features.OfType<NumericFeature>().Select(f => (f.Mean, f.Offset, f.Scale)), fromFile.Features.OfType<NumericFeature>().Select(f => (f.Mean, f.Offset, f.Scale)));
            Assert.Equal(20.0, ((NumericFeature)fromFile.Features[1]).Mean);
            fromFile = SchemaInference.WithOutputs(fromFile, file, Activation.Sigmoid, null);
            fromRows = SchemaInference.WithOutputs(fromRows, rows, Activation.Sigmoid, null);
            Assert.Equal(fromRows.Encode(rows, true).Features, fromFile.Encode(file, true).Features);
        }
    }
}
