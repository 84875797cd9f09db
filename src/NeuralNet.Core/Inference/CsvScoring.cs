using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;

namespace NeuralNet.Core.Inference
{
    /// <summary>
    /// Scores CSV files into a CSV stream without making an object per row: every input row comes out
    /// as it went in, followed by its prediction columns (<see cref="PredictionColumns"/>). Rows stream
    /// through in chunks (<see cref="CsvChunkReader"/>, <see cref="Predictor"/>), so memory does not grow
    /// with the files. A row a MissingValue Skip network leaves out keeps its line with empty prediction cells.
    /// </summary>
    public static class CsvScoring
    {
        /// <summary>Rows read per chunk: enough to amortise a chunk's fixed costs, few enough to stay in cache.</summary>
        private const int ChunkRows = 4096;

        /// <summary>Scores the files into <paramref name="output"/> (UTF-8, the input's delimiter); returns the rows scored and skipped.</summary>
        public static ScoringSummary Score(NeuralNetworkModel model, IReadOnlyList<string> paths, CsvOptions options, UnknownCategoryPolicy unknown, Stream output,
            CancellationToken token, Action<long> progress = null)
        {
            var schema = model.Schema ?? throw new NeuralNetException("NoSchema", ErrorKind.InvalidOperation,
                "This network was trained on matrices, so it does not know which columns are features; predict with -FeatureMatrix.");
            var predictor = new Predictor(model, unknown);
            var wanted = schema.Features.Select(f => f.Name).ToArray();
            var asText = schema.Features.Select(f => f.Kind == ColumnKind.Categorical).ToArray();
            var reader = new CsvChunkReader(paths, options, wanted, asText);
            var writer = new CsvBytes(output, options.Delimiter);
            var summary = new ScoringSummary();
            writer.Header(reader.Columns.Concat(PredictionColumns.All(schema)));
            // Two stages on two threads: a reader parses the next chunk while this thread predicts and
            // writes the last one (and reports progress, which must come from the caller's thread).
            // Three chunks circulate: one being read, one handed over, one being scored.
            var spares = new BlockingCollection<CsvChunk>();
            for (int i = 0; i < 2; i++) spares.Add(new CsvChunk(wanted, asText, ChunkRows));
            var ready = new BlockingCollection<CsvChunk>(1);
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                var reading = Task.Run(() =>
                {
                    try
                    {
                        reader.Read(new CsvChunk(wanted, asText, ChunkRows), full =>
                        {
                            var spare = spares.Take(stop.Token);
                            full.MoveRowsTo(spare);
                            ready.Add(spare, stop.Token);
                        }, stop.Token);
                    }
                    finally
                    {
                        ready.CompleteAdding();
                    }
                });
                try
                {
                    foreach (var full in ready.GetConsumingEnumerable(stop.Token))
                    {
                        var predictions = predictor.Predict(full.ToTable(), full.FirstRowNumber);
                        Write(writer, schema, full, predictions, summary);
                        spares.Add(full);
                        progress?.Invoke(summary.Rows);
                    }
                }
                catch
                {
                    stop.Cancel(); // the reader stops at its next chunk; the error below is the one that counts
                    try { reading.Wait(); } catch (AggregateException) { }
                    throw;
                }
                // A parse error or a stop while reading surfaces here, as it was thrown.
                reading.GetAwaiter().GetResult();
            }
            writer.Flush();
            return summary;
        }

        private static void Write(CsvBytes writer, DataSchema schema, CsvChunk chunk, Predictions predictions, ScoringSummary summary)
        {
            int next = 0, cells = PredictionColumns.All(schema).Count();
            for (int r = 0; r < chunk.Rows; r++)
            {
                int start = chunk.EchoStartOf(r);
                writer.Bytes(chunk.Echo, start, chunk.EchoEnd[r] - start);
                bool predicted = next < predictions.Count && predictions.SourceRows[next] == chunk.FirstRowNumber + r;
                if (predicted) writer.Predictions(schema, predictions.Outputs, next++ * predictions.Width);
                else
                {
                    for (int c = 0; c < cells; c++) writer.Delimiter();
                    summary.Skipped++;
                }
                writer.EndLine();
                summary.Rows++;
            }
        }
    }

    /// <summary>What a scoring pass did: rows written, and how many of them a MissingValue Skip network left without a prediction.</summary>
    public sealed class ScoringSummary
    {
        public long Rows { get; internal set; }

        public long Skipped { get; internal set; }
    }
}
