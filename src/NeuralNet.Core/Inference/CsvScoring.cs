using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using NeuralNet.Core.Data;
using NeuralNet.Core.Kernels;
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
        /// <summary>
        /// Rows read per chunk: enough to amortise a chunk's fixed costs, few enough to stay in cache, and
        /// for iris-shaped rows few enough that a chunk's arrays stay off the large-object heap, whose
        /// garbage waits for a full collection (4,096 rows had 1M rows peak at 54 MB, 2,048 at 25 MB).
        /// </summary>
        internal const int ChunkRows = 2048;

        /// <summary>
        /// Threads that predict and format chunks: one per core, at most four. Formatting numbers is most of
        /// the work (predicting a small network takes a fifth as long), so it is what is spread.
        /// </summary>
        private static readonly int DefaultScorers = Math.Max(1, Math.Min(Environment.ProcessorCount, 4));

        /// <summary>Scores the files into <paramref name="output"/> (UTF-8, the input's delimiter); returns the rows scored and skipped.</summary>
        public static ScoringSummary Score(NeuralNetworkModel model, IReadOnlyList<string> paths, CsvOptions options, UnknownCategoryPolicy unknown, Stream output,
            CancellationToken token, Action<long> progress = null) =>
            Score(model, paths, options, unknown, output, token, progress, DefaultScorers);

        /// <summary>As the public overload, with <paramref name="scorers"/> scoring threads (the tests compare 1 with several).</summary>
        internal static ScoringSummary Score(NeuralNetworkModel model, IReadOnlyList<string> paths, CsvOptions options, UnknownCategoryPolicy unknown, Stream output,
            CancellationToken token, Action<long> progress, int scorers)
        {
            var schema = model.Schema ?? throw new NeuralNetException("NoSchema", ErrorKind.InvalidOperation,
                "This network was trained on matrices, so it does not know which columns are features; predict with -FeatureMatrix.");
            var wanted = schema.Features.Select(f => f.Name).ToArray();
            var asText = schema.Features.Select(f => f.Kind == ColumnKind.Categorical).ToArray();
            var reader = new CsvChunkReader(paths, options, wanted, asText, replaced: PredictionColumns.All(schema));
            var header = new CsvBytes(output, options.Delimiter);
            header.Header(reader.Columns.Concat(PredictionColumns.All(schema)));
            header.Flush();
            var summary = new ScoringSummary();
            // Three stages: a reader parses chunks, scorers predict and format them (each into its own
            // buffer, chunks in parallel), and this thread writes the buffers in row order and reports
            // progress, which must come from the caller's thread. A slot (a chunk and its buffer)
            // returns to the reader only once written, so the slots in flight bound the memory.
            var spares = new BlockingCollection<ScoringSlot>();
            for (int i = 0; i < scorers + 2; i++) spares.Add(new ScoringSlot(wanted, asText, ChunkRows, options.Delimiter));
            var ready = new BlockingCollection<ScoringSlot>();
            var scored = new BlockingCollection<ScoringSlot>();
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                var reading = Task.Run(() => Read(reader, wanted, asText, spares, ready, stop.Token));
                var scoring = Enumerable.Range(0, scorers)
                    .Select(_ => Task.Factory.StartNew(() => ScoreSlots(model, unknown, schema, ready, scored, stop.Token),
                        stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                    .ToArray();
                Task.WhenAll(scoring).ContinueWith(_ => scored.CompleteAdding(), TaskScheduler.Default);
                try
                {
                    var waiting = new Dictionary<long, ScoringSlot>();
                    long next = 0;
                    foreach (var slot in scored.GetConsumingEnumerable(stop.Token))
                    {
                        waiting.Add(slot.Sequence, slot);
                        while (waiting.TryGetValue(next, out var due))
                        {
                            waiting.Remove(next++);
                            // An error is raised in row order: the first bad row of the stream is the one named.
                            if (due.Error != null) ExceptionDispatchInfo.Capture(due.Error).Throw();
                            due.WriteTo(output);
                            summary.Rows += due.Chunk.Rows;
                            summary.Skipped += due.Skipped;
                            spares.Add(due);
                            progress?.Invoke(summary.Rows);
                        }
                    }
                    // The scorers first: one that failed outside a chunk may have left the reader waiting for a
                    // slot, which the catch below releases. Then a parse error or a stop while reading, as it
                    // was thrown, after every row before it.
                    foreach (var task in scoring) task.GetAwaiter().GetResult();
                    reading.GetAwaiter().GetResult();
                }
                catch
                {
                    stop.Cancel(); // the other stages stop at their next chunk; the error being raised is the one that counts
                    try { Task.WaitAll(scoring.Append(reading).ToArray()); } catch (AggregateException) { }
                    throw;
                }
            }
            return summary;
        }

        /// <summary>The reader stage: fills one chunk, then moves its rows into a spare slot, numbered in stream order.</summary>
        private static void Read(CsvChunkReader reader, string[] wanted, bool[] asText, BlockingCollection<ScoringSlot> spares,
            BlockingCollection<ScoringSlot> ready, CancellationToken stop)
        {
            try
            {
                long sequence = 0;
                reader.Read(new CsvChunk(wanted, asText, ChunkRows), full =>
                {
                    var spare = spares.Take(stop);
                    full.MoveRowsTo(spare.Chunk);
                    spare.Sequence = sequence++;
                    ready.Add(spare, stop);
                }, stop);
            }
            finally
            {
                ready.CompleteAdding();
            }
        }

        /// <summary>
        /// A scorer stage: predicts and formats chunks until the reader is done. A chunk's error is kept
        /// with it, to be raised when the writer reaches that chunk.
        /// </summary>
        private static void ScoreSlots(NeuralNetworkModel model, UnknownCategoryPolicy unknown, DataSchema schema,
            BlockingCollection<ScoringSlot> ready, BlockingCollection<ScoringSlot> scored, CancellationToken stop)
        {
            // One thread per product: the chunks are what runs in parallel, and a thread of this stage's own
            // (LongRunning) that made a team of helpers would leave them behind when it ends.
            KernelTeam.MaxThreads = 1;
            var predictor = new Predictor(model, unknown);
            // Sized now, not at the first chunk: with more scorers than cores one may get no chunk, and a pass's
            // allocations would then depend on the scheduler (the allocation test compares two passes).
            predictor.Reserve(ChunkRows);
            int cells = PredictionColumns.All(schema).Count();
            foreach (var slot in ready.GetConsumingEnumerable(stop))
            {
                try
                {
                    var chunk = slot.Chunk;
                    var predictions = predictor.PredictRows(chunk.ToTable(), 0, chunk.Rows, chunk.FirstRowNumber);
                    slot.Skipped = Write(slot.Writer, schema, chunk, predictions, cells);
                    slot.Writer.Flush();
                    slot.Error = null;
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    slot.Error = e;
                }
                scored.Add(slot, stop);
            }
        }

        /// <summary>Formats a chunk's lines (<paramref name="cells"/>: the prediction cells of a row); returns how many rows had no prediction.</summary>
        private static int Write(CsvBytes writer, DataSchema schema, CsvChunk chunk, Predictions predictions, int cells)
        {
            int next = 0, skipped = 0;
            for (int r = 0; r < chunk.Rows; r++)
            {
                int start = chunk.EchoStartOf(r);
                writer.Bytes(chunk.Echo, start, chunk.EchoEnd[r] - start);
                bool predicted = next < predictions.Count && predictions.SourceRows[next] == chunk.FirstRowNumber + r;
                if (predicted) writer.Predictions(schema, predictions.Outputs, next++ * predictions.Width);
                else
                {
                    for (int c = 0; c < cells; c++) writer.Delimiter();
                    skipped++;
                }
                writer.EndLine();
            }
            return skipped;
        }
    }

    /// <summary>What a scoring pass did: rows written, and how many of them a MissingValue Skip network left without a prediction.</summary>
    public sealed class ScoringSummary
    {
        public long Rows { get; internal set; }

        public long Skipped { get; internal set; }
    }
}
