using System;
using System.IO;
using System.Text;
using NeuralNet.Core.Data;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Files the readers cannot read as asked end in the module's errors, naming the file, the row or the column, and the fix.</summary>
    public class CsvErrorTests : IDisposable
    {
        private readonly TemporaryFolder _files = new TemporaryFolder("nn-csverr-");

        public void Dispose() => _files.Dispose();

        private string Write(string name, string content) => _files.Write(name, content);

        private static NeuralNetException Fails(string path, CsvOptions options = null) =>
            Assert.Throws<NeuralNetException>(() => CsvSource.Read(new[] { path }, options));

        [Theory]
        [InlineData("x1,x1,y\n1,2,3\n", "x1", "x1")]
        [InlineData("x,X,y\n1,2,3\n", "x", "X")]
        [InlineData("\"x\",\"X\",y\n1,2,3\n", "x", "X")]
        public void A_header_that_names_a_column_twice_is_refused_by_both_readers(string content, string first, string second)
        {
            var e = Fails(Write("dup.csv", content));
            Assert.Equal("CsvDuplicateHeader", e.ErrorId);
            Assert.Contains($"'{first}' (column 1) and '{second}' (column 2)", e.Message);
            Assert.Contains("dup.csv", e.Message);
        }

        [Fact]
        public void A_later_file_that_repeats_a_column_is_refused_too()
        {
            var first = Write("a.csv", "x,y\n1,2\n");
            var second = Write("b.csv", "x,Y,y\n1,2,3\n");
            var e = Assert.Throws<NeuralNetException>(() => CsvSource.Read(new[] { first, second }));
            Assert.Equal("CsvDuplicateHeader", e.ErrorId);
            Assert.Contains("b.csv", e.Message);
        }

        [Fact]
        public void An_unbalanced_quote_names_the_file_and_the_row()
        {
            var e = Fails(Write("bad.csv", "x,y\n1,2\n3,\"4\n5,6\n7,8\n"));
            Assert.True(e.ErrorId == "CsvMalformed" || e.ErrorId == "CsvRecordTooLarge", e.ErrorId);
            Assert.Contains("bad.csv", e.Message);
            Assert.DoesNotContain("Sylvan", e.Message);
        }

        [Fact]
        public void Text_after_a_closing_quote_names_the_row()
        {
            var e = Fails(Write("bad.csv", "x,y\n1,2\n3,\"4\"z\n"));
            Assert.Equal("CsvMalformed", e.ErrorId);
            Assert.Equal(2, e.Row);
            Assert.Contains("data row 2", e.Message);
        }

        [Fact]
        public void A_ten_megabyte_quoted_field_is_read_whole()
        {
            var big = new string('a', 10 << 20);
            var table = CsvSource.Read(new[] { Write("big.csv", "x,t\n1,\"" + big + "\"\n2,b\n") });
            Assert.Equal(2, table.RowCount);
            Assert.Equal(big, table[0, 1]);
        }

        [Fact]
        public void A_directory_is_named_as_one()
        {
            var e = Assert.Throws<NeuralNetException>(() => CsvSource.Read(new[] { _files.Path }));
            Assert.Equal("CsvPathIsDirectory", e.ErrorId);
            Assert.Contains("*.csv", e.Message);
        }

        [Fact]
        public void An_empty_file_has_no_header()
        {
            Assert.Equal("CsvNoHeader", Fails(Write("empty.csv", "")).ErrorId);
            Assert.Equal("CsvNoHeader", Fails(Write("blank.csv", "\n")).ErrorId);
        }

        [Fact]
        public void A_reserved_delimiter_is_refused_before_any_file_is_read()
        {
            var e = Fails(Write("a.csv", "x,y\n1,2\n"), new CsvOptions { Delimiter = '"' });
            Assert.Equal("InvalidDelimiter", e.ErrorId);
        }

        [Fact]
        public void Lines_that_start_with_a_hash_are_data_for_both_readers_as_for_Import_Csv()
        {
            var plain = CsvSource.Read(new[] { Write("p.csv", "tag,y\n#a,1\nb,2\n") });
            var quoted = CsvSource.Read(new[] { Write("q.csv", "tag,y\n#a,1\n\"b\",2\n") });
            Assert.Equal(2, plain.RowCount);
            Assert.Equal(2, quoted.RowCount);
            Assert.Equal("#a", plain[0, 0]);
            Assert.Equal("#a", quoted[0, 0]);
        }
    }
}
