using System;

namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// Per-thread scratch arrays per element type, made once and reused for every batch (so training
    /// allocates nothing per batch, and the two threads of a split product never share one): the
    /// transposed B of A·Bᵀ and the packed panel of B.
    /// </summary>
    internal static class Scratch<T>
    {
        [ThreadStatic]
        private static T[] _transposed;

        [ThreadStatic]
        private static T[] _panel;

        /// <summary>This thread's buffer for a transposed B, of at least <paramref name="length"/> elements.</summary>
        public static T[] Transposed(int length) => AtLeast(ref _transposed, length);

        /// <summary>This thread's buffer for a packed panel of B, of at least <paramref name="length"/> elements.</summary>
        public static T[] Panel(int length) => AtLeast(ref _panel, length);

        private static T[] AtLeast(ref T[] buffer, int length)
        {
            if (buffer == null || buffer.Length < length) buffer = new T[length];
            return buffer;
        }
    }
}
