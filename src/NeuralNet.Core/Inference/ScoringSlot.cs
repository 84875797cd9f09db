using NeuralNet.Core.Data;

namespace NeuralNet.Core.Inference
{
    /// <summary>
    /// One chunk on its way through <see cref="CsvScoring"/>: the rows read, the lines they become, and
    /// where in the stream they stand. Slots are made once and reused, so scoring a file allocates per
    /// chunk at most, never per row.
    /// </summary>
    internal sealed class ScoringSlot
    {
        private readonly MemoryStream _lines;

        public ScoringSlot(string[] wanted, bool[] asText, int rows, char delimiter)
        {
            Chunk = new CsvChunk(wanted, asText, rows);
            _lines = new MemoryStream();
            Writer = new CsvBytes(_lines, delimiter);
        }

        public CsvChunk Chunk { get; }

        /// <summary>Formats the chunk's lines into this slot's own buffer, which <see cref="WriteTo"/> empties.</summary>
        public CsvBytes Writer { get; }

        /// <summary>The chunk's place in the stream: 0, 1, 2, … in the order the rows were read.</summary>
        public long Sequence { get; set; }

        /// <summary>Rows of the chunk without a prediction (a MissingValue Skip network's).</summary>
        public int Skipped { get; set; }

        /// <summary>Why the chunk could not be scored, raised when its turn to be written comes.</summary>
        public System.Exception Error { get; set; }

        /// <summary>Writes the formatted lines to <paramref name="output"/> and empties the buffer for the next chunk.</summary>
        public void WriteTo(Stream output)
        {
            CsvBytes.Write(output, _lines.GetBuffer(), 0, (int)_lines.Length);
            _lines.SetLength(0);
        }
    }
}
