namespace NeuralNet.Core.Data
{
    /// <summary>
    /// The large arrays one table of rows needs for a call (its cells, their parsed numbers, the encoded
    /// features and targets), kept per thread for the next call of the same sizes. W2's 10× training
    /// call from 13,480 Import-Csv rows made 23 MB of them; every call was then followed, every other
    /// call, by a full collection (10–14 ms paused, the second core busy besides), as that much kept
    /// alive for a whole call reaches the oldest generation. Held weakly: the collector takes them back
    /// at its next full collection, so an idle session keeps nothing. A rented array is the caller's
    /// until given back: numbers come zeroed, as new arrays do; cells are cleared when given back, so
    /// that no row stays alive through the pool.
    /// </summary>
    internal static class TableScratch
    {
        /// <summary>Arrays kept per element type and thread.</summary>
        private const int Slots = 6;

        /// <summary>Arrays shorter than this are left to the allocator (they never reach the large-object heap).</summary>
        private const int MinKept = 1 << 13;

        /// <summary>A zeroed array of exactly <paramref name="length"/> numbers.</summary>
        public static double[] Numbers(int length)
        {
            var kept = Take<double>(length);
            if (kept == null) return new double[length];
            Array.Clear(kept, 0, kept.Length);
            return kept;
        }

        /// <summary>An array of exactly <paramref name="length"/> cells, all null.</summary>
        public static object[] Cells(int length) => Take<object>(length) ?? new object[length];

        /// <summary>Keeps an array from <see cref="Numbers"/> for the next call; the caller no longer uses it.</summary>
        public static void Return(double[] array) => Keep(array);

        /// <summary>Keeps an array from <see cref="Cells"/>, cleared, for the next call; the caller no longer uses it.</summary>
        public static void Return(object[] array)
        {
            if (array == null || array.Length < MinKept) return;
            Array.Clear(array, 0, array.Length);
            Keep(array);
        }

        private static T[] Take<T>(int length)
        {
            var slots = Kept<T>.Slots;
            if (slots == null || length < MinKept) return null;
            for (int s = 0; s < slots.Length; s++)
            {
                if (slots[s] == null || !slots[s].TryGetTarget(out var array)) continue;
                if (array.Length != length) continue;
                slots[s] = null;
                return array;
            }
            return null;
        }

        private static void Keep<T>(T[] array)
        {
            if (array == null || array.Length < MinKept) return;
            var slots = Kept<T>.Slots ?? (Kept<T>.Slots = new WeakReference<T[]>[Slots]);
            // Given back twice (two data sets sharing it), it is kept once: two renters must never share it.
            for (int s = 0; s < slots.Length; s++)
                if (slots[s] != null && slots[s].TryGetTarget(out var held) && ReferenceEquals(held, array)) return;
            // An empty or collected slot first, else the oldest (slot 0) makes room.
            for (int s = 0; s < slots.Length; s++)
            {
                if (slots[s] == null || !slots[s].TryGetTarget(out _))
                {
                    slots[s] = new WeakReference<T[]>(array);
                    return;
                }
            }
            Array.Copy(slots, 1, slots, 0, slots.Length - 1);
            slots[slots.Length - 1] = new WeakReference<T[]>(array);
        }

        private static class Kept<T>
        {
            [ThreadStatic] public static WeakReference<T[]>[] Slots;
        }
    }
}
