using System;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Inference;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Chunked prediction against the plain reference: one row at a time through a fresh workspace.</summary>
    public class PredictorTests
    {
        private static (NeuralNetworkModel Model, RawTable Table) Iris(int rows)
        {
            var table = new RawTable(new[] { "a", "b", "color", "y" });
            var random = new Random(3);
            for (int r = 0; r < rows; r++)
                table.Add(new object[] { random.NextDouble(), random.NextDouble() * 5, r % 3 == 0 ? "red" : "blue", r % 3 == 1 ? "x" : r % 3 == 2 ? "y" : "z" });
            var model = NeuralNetworkModel.Create(new NetworkOptions { HiddenLayers = new[] { 5 }, Seed = 2 }.ToSpec());
            var prepared = TrainingSetup.Prepare(model, table, new DataOptions { Target = new[] { "y" } }, new TrainingOptions { Epochs = 2 });
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, default);
            return (model, table);
        }

        [Fact]
        public void Chunks_of_rows_predict_as_rows_one_at_a_time_to_the_last_bits()
        {
            var (model, table) = Iris(700);
            var predictions = new Predictor(model).Predict(table);
            Assert.Equal(700, predictions.Count);
            var encoded = model.Schema.Encode(table, withTargets: false);
            var one = new Workspace(model.Network, 1);
            for (int r = 0; r < table.RowCount; r++)
            {
                Array.Copy(encoded.Features, r * encoded.Inputs, one.Input, 0, encoded.Inputs);
                var expected = model.Network.Forward(one, 1);
                // A chunk's products take the packed (fused multiply-add) kernels and one row the plain loop,
                // so the two agree to the last bits, not always in them.
                for (int j = 0; j < predictions.Width; j++) Assert.Equal(expected[j], predictions.Outputs[r * predictions.Width + j], 1e-13);
            }
            Assert.Equal(Enumerable.Range(1, 700), predictions.SourceRows);
            Assert.Equal(3, predictions.Decode(5)[0].Probabilities.Length);
        }

        [Fact]
        public void A_chunk_further_on_in_a_stream_numbers_its_rows_from_where_it_starts()
        {
            var (model, _) = Iris(30);
            var chunk = new RawTable(new[] { "a", "b", "color" });
            chunk.Add(new object[] { 0.5, 1.0, "red" });
            chunk.Add(new object[] { 0.5, 1.0, "green" });
            var e = Assert.Throws<NeuralNetException>(() => new Predictor(model).Predict(chunk, firstRowNumber: 257));
            Assert.Equal(("UnknownCategory", 258), (e.ErrorId, e.Row));
            Assert.Equal(new[] { 257, 258 }, new Predictor(model, UnknownCategoryPolicy.Ignore).Predict(chunk, 257).SourceRows);
        }

        [Fact]
        public void Predicting_a_table_chunk_by_chunk_gives_the_whole_tables_predictions_and_allocates_nothing_per_row()
        {
            var (model, table) = Iris(3000);
            var whole = new Predictor(model).Predict(table);
            var predictor = new Predictor(model);
            var outputs = new double[whole.Outputs.Length];
            var sourceRows = new int[table.RowCount];
            long Chunked(int rows)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int start = 0; start < rows; start += Predictor.ChunkRows)
                {
                    var chunk = predictor.PredictRows(table, start, Math.Min(Predictor.ChunkRows, rows - start));
                    Array.Copy(chunk.Outputs, 0, outputs, start * chunk.Width, chunk.Count * chunk.Width);
                    Array.Copy(chunk.SourceRows, 0, sourceRows, start, chunk.Count);
                }
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Assert.Equal(0, new Predictor(model).PredictRows(table, 0, 0).Count);   // no rows, even first: nothing to predict
            Chunked(table.RowCount); // warm-up: the buffers grow to a chunk, the kernels compile
            Assert.Equal(whole.Outputs, outputs);
            Assert.Equal(Enumerable.Range(1, table.RowCount), sourceRows);
            long few = Chunked(2 * Predictor.ChunkRows), many = Chunked(10 * Predictor.ChunkRows);
            // Eight more chunks of 256 rows: a chunk makes a few small objects, never one per row.
            Assert.True(many - few < 8 * 1024, $"{many - few} bytes for {8 * Predictor.ChunkRows} more rows");
        }
    }
}
