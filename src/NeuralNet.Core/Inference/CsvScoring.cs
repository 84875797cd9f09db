using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
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
            var chunk = new CsvChunk(wanted, asText, ChunkRows);
            var writer = new CsvBytes(output, options.Delimiter);
            var summary = new ScoringSummary();
            writer.Header(reader.Columns.Concat(PredictionColumns.All(schema)));
            reader.Read(chunk, full =>
            {
                var predictions = predictor.Predict(full.ToTable(), full.FirstRowNumber);
                Write(writer, schema, full, predictions, summary);
                progress?.Invoke(summary.Rows);
            }, token);
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
