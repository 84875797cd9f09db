namespace NeuralNet.Core.Data
{
    /// <summary>
    /// The strings of recurring UTF-8 cells: a categorical column repeats a few labels, so each is decoded
    /// once and then found again by its bytes, and streaming such a column allocates nothing per row. A
    /// column with more distinct texts than <see cref="MaxTexts"/> gets the rest decoded cell by cell.
    /// </summary>
    internal sealed class Utf8Interner
    {
        /// <summary>Distinct texts kept; a categorical column has far fewer, an identifier column far more.</summary>
        internal const int MaxTexts = 1024;

        private readonly byte[][] _bytes = new byte[MaxTexts * 2][];
        private readonly string[] _texts = new string[MaxTexts * 2];
        private int _count;

        public string Text(byte[] source, int start, int length)
        {
            var cell = new ReadOnlySpan<byte>(source, start, length);
            int mask = _bytes.Length - 1, slot = Hash(cell) & mask;
            for (; _bytes[slot] != null; slot = (slot + 1) & mask)
                if (cell.SequenceEqual(_bytes[slot])) return _texts[slot];
            var text = Encoding.UTF8.GetString(source, start, length);
            if (_count < MaxTexts)
            {
                // Half the slots at most are taken, so probing always reaches an empty one.
                _bytes[slot] = cell.ToArray();
                _texts[slot] = text;
                _count++;
            }
            return text;
        }

        /// <summary>FNV-1a over the bytes.</summary>
        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            uint hash = 2166136261;
            foreach (byte b in bytes) hash = (hash ^ b) * 16777619;
            return (int)(hash ^ (hash >> 15));
        }
    }
}
