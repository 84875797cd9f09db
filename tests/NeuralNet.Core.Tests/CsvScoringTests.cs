using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using NeuralNet.Core.Data;
using NeuralNet.Core.Inference;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Streaming scores against the plain reference: the whole file read as a table and predicted at once.</summary>
    public class CsvScoringTests : IDisposable
    {
        private readonly TemporaryFolder _files = new TemporaryFolder("nn-score-");

        public void Dispose() => _files.Dispose();

        private string Write(string name, string content) => _files.Write(name, content);

        internal static string Rows(int count, int seed, bool reordered = false)
        {
            var random = new Random(seed);
            var text = new StringBuilder(reordered ? "colour,y,b,a\n" : "a,b,colour,y\n");
            for (int r = 0; r < count; r++)
            {
                string a = (random.NextDouble() * 4).ToString("R", CultureInfo.InvariantCulture), b = random.Next(-9, 9).ToString(CultureInfo.InvariantCulture);
                string colour = r % 3 == 0 ? "red" : "blue", y = "k" + (r % 3);
                text.Append(reordered ? $"{colour},{y},{b},{a}\n" : $"{a},{b},{colour},{y}\n");
            }
            return text.ToString();
        }

        internal static NeuralNetworkModel Trained(RawTable table)
        {
            var model = NeuralNetworkModel.Create(new NetworkOptions { HiddenLayers = new[] { 6 }, Seed = 3 }.ToSpec());
            var prepared = TrainingSetup.Prepare(model, table, new DataOptions { Target = new[] { "y" } }, new TrainingOptions { Epochs = 3 });
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, default);
            return model;
        }

        [Fact]
        public void Streaming_several_chunks_scores_as_the_whole_table_does_and_echoes_every_line()
        {
            var path = Write("big.csv", Rows(10_000, 1));
            var table = CsvSource.Read(new[] { path });
            var model = Trained(table);
            var output = new MemoryStream();
            var summary = CsvScoring.Score(model, new[] { path }, new CsvOptions(), UnknownCategoryPolicy.Error, output, default);
            Assert.Equal(10_000, summary.Rows);
            var lines = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n');
            var input = File.ReadAllLines(path);
            Assert.Equal("a,b,colour,y,Prediction,Probability,Probability_k0,Probability_k1,Probability_k2", lines[0]);
            var expected = new Predictor(model).Predict(table);
            for (int r = 0; r < 10_000; r += 997)
            {
                Assert.StartsWith(input[r + 1] + ",", lines[r + 1]);
                var cells = lines[r + 1].Split(',');
                var p = expected.Decode(r)[0];
                Assert.Equal(p.Label, cells[4]);
                Assert.Equal(p.Probabilities[p.ClassIndex], double.Parse(cells[5], CultureInfo.InvariantCulture));
                Assert.Equal(p.Probabilities[2], double.Parse(cells[8], CultureInfo.InvariantCulture));
            }
        }

        [Fact]
        public void A_later_file_in_another_column_order_is_echoed_in_the_first_files_order()
        {
            var first = Write("1.csv", Rows(50, 2));
            var second = Write("2.csv", Rows(50, 3, reordered: true));
            var model = Trained(CsvSource.Read(new[] { first }));
            var output = new MemoryStream();
            CsvScoring.Score(model, new[] { first, second }, new CsvOptions(), UnknownCategoryPolicy.Error, output, default);
            var lines = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n');
            Assert.Equal(101, lines.Length);
            var reordered = File.ReadAllLines(second)[1].Split(',');
            Assert.StartsWith($"{reordered[3]},{reordered[2]},{reordered[0]},{reordered[1]},", lines[51]);
            var whole = CsvSource.Read(new[] { first, second });
            Assert.Equal(new Predictor(model).Predict(whole).Decode(60)[0].Label, lines[61].Split(',')[4]);
        }

        [Fact]
        public void Several_scorers_write_the_same_bytes_as_one()
        {
            var path = Write("many.csv", Rows(30_000, 4));   // many chunks, the last one short
            var model = Trained(CsvSource.Read(new[] { path }));
            var one = new MemoryStream();
            var several = new MemoryStream();
            var summaryOne = CsvScoring.Score(model, new[] { path }, new CsvOptions(), UnknownCategoryPolicy.Error, one, default, null, scorers: 1);
            var summarySeveral = CsvScoring.Score(model, new[] { path }, new CsvOptions(), UnknownCategoryPolicy.Error, several, default, null, scorers: 4);
            Assert.Equal(30_000, summaryOne.Rows);
            Assert.Equal(30_000, summarySeveral.Rows);
            Assert.Equal(one.ToArray(), several.ToArray());
        }

        [Fact]
        public void With_several_scorers_the_first_bad_row_of_the_stream_is_the_one_named()
        {
            var lines = Rows(30_000, 5).Split('\n');
            // Data rows 25,000 and 9,000, chunks apart, get a colour training never saw.
            foreach (int row in new[] { 25_000, 9_000 }) lines[row] = lines[row].Replace(",red,", ",green,").Replace(",blue,", ",green,");
            var path = Write("bad.csv", string.Join("\n", lines));
            var model = Trained(CsvSource.Read(new[] { Write("good.csv", Rows(300, 5)) }));
            var progress = new System.Collections.Generic.List<long>();
            var error = Assert.Throws<NeuralNetException>(() =>
                CsvScoring.Score(model, new[] { path }, new CsvOptions(), UnknownCategoryPolicy.Error, new MemoryStream(), default, progress.Add, scorers: 3));
            Assert.Equal(9_000, error.Row);
            // The chunks before the one holding row 9,000 were written, nothing after.
            int before = (9_000 - 1) / CsvScoring.ChunkRows;
            Assert.Equal(Enumerable.Range(1, before).Select(c => (long)c * CsvScoring.ChunkRows), progress);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_scored_file_scored_again_gets_its_prediction_columns_once(bool quoted)
        {
            var text = Rows(5_000, 6);
            if (quoted) text = text.Replace(",red,", ",\"red\",");   // quoted cells: the full-grammar reader
            var path = Write(quoted ? "quoted.csv" : "plain.csv", text);
            Assert.Equal(quoted, text.Contains('"'));
            var model = Trained(CsvSource.Read(new[] { path }));
            var first = Write("first.csv", "");
            var output = new MemoryStream();
            CsvScoring.Score(model, new[] { path }, new CsvOptions(), UnknownCategoryPolicy.Error, output, default);
            File.WriteAllBytes(first, output.ToArray());
            var again = new MemoryStream();
            CsvScoring.Score(model, new[] { first }, new CsvOptions(), UnknownCategoryPolicy.Error, again, default);
            var once = Encoding.UTF8.GetString(output.ToArray()).Split('\n');
            var twice = Encoding.UTF8.GetString(again.ToArray()).Split('\n');
            Assert.Equal("a,b,colour,y,Prediction,Probability,Probability_k0,Probability_k1,Probability_k2", twice[0]);
            Assert.Equal(once.Length, twice.Length);
            for (int r = 1; r < once.Length; r++)
                if (!quoted) Assert.Equal(once[r], twice[r]);
                else Assert.Equal(once[r].Split(',').Skip(4), twice[r].Split(',').Skip(4));   // the echo of a quoted file is quoted where CSV needs it
        }

        /// <summary>Every field quoted, the header too, as Export-Csv writes a file.</summary>
        internal static string Quoted(string text) =>
            string.Join("\n", text.TrimEnd('\n').Split('\n').Select(line => string.Join(",", line.Split(',').Select(c => "\"" + c + "\"")))) + "\n";

        [Fact]
        public void Files_quoted_as_Export_Csv_writes_them_score_as_plain_files_and_keep_their_quotes_in_the_echo()
        {
            string first = Rows(2500, 6), later = Rows(2500, 7, reordered: true);
            var model = Trained(CsvSource.Read(new[] { Write("train.csv", first) }));
            string[] Score(params string[] paths)
            {
                var output = new MemoryStream();
                CsvScoring.Score(model, paths, new CsvOptions(), UnknownCategoryPolicy.Error, output, default);
                return Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n');
            }
            var plain = Score(Write("a.csv", first), Write("b.csv", later));
            var quoted = Score(Write("qa.csv", Quoted(first)), Write("qb.csv", Quoted(later)));
            Assert.Equal(plain.Length, quoted.Length);
            Assert.Equal(plain[0], quoted[0]);
            for (int r = 1; r < plain.Length; r++)
            {
                // The first four cells are the echo (a, b, colour, y in the first file's order), quoted as the input was.
                var cells = plain[r].Split(',');
                Assert.Equal(string.Join(",", cells.Take(4).Select(c => "\"" + c + "\"").Concat(cells.Skip(4))), quoted[r]);
            }
        }
    }

    /// <summary>Runs alone (<see cref="AllocationTests"/>): the count covers every thread, so no other test may allocate meanwhile.</summary>
    [Collection(nameof(AllocationTests))]
    public class CsvScoringAllocationTests : IDisposable
    {
        private readonly TemporaryFolder _files = new TemporaryFolder("nn-score-");

        public void Dispose() => _files.Dispose();

        private string Write(string name, string content) => _files.Write(name, content);

        [Theory]
        [InlineData(1, false)]
        [InlineData(3, false)]
        [InlineData(1, true)]
        public void Scoring_allocates_nothing_per_row(int scorers, bool quoted)
        {
            // Two files that differ only in length, each long enough to use every slot: what the longer
            // allocates beyond the shorter is allocated per row or per chunk. Each count is the least of
            // three runs, since a run whose threads happen to reach a slot first grows that slot's buffers.
            // 17-digit numbers, as "R" writes them, are the ones the fast parser hands on.
            const int chunks = 16;
            // Quoted as Export-Csv quotes: every field.
            string Text(int rows) => quoted ? CsvScoringTests.Quoted(CsvScoringTests.Rows(rows, 4)) : CsvScoringTests.Rows(rows, 4);
            string small = Write("small.csv", Text(chunks * CsvScoring.ChunkRows)), large = Write("large.csv", Text(2 * chunks * CsvScoring.ChunkRows));
            var model = CsvScoringTests.Trained(CsvSource.Read(new[] { small }));
            long AllocatedFor(string path) => Enumerable.Range(0, 3).Min(_ =>
            {
                // Finalizers of earlier tests' objects run on their own thread and count as allocating: done first.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                long before = GC.GetTotalAllocatedBytes(precise: true);
                var summary = CsvScoring.Score(model, new[] { path }, new CsvOptions(), UnknownCategoryPolicy.Error, Stream.Null, default, null, scorers);
                Assert.True(summary.Rows > 0);
                return GC.GetTotalAllocatedBytes(precise: true) - before;
            });
            long more = AllocatedFor(large) - AllocatedFor(small);
            // A chunk makes a few small objects (its table and column views): about 2 KB for 2,048 rows.
            Assert.True(more < chunks * 4096, $"{more} bytes more for {chunks * CsvScoring.ChunkRows} more rows");
        }
    }
}
