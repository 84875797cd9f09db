using NeuralNet.Core.Training;

namespace NeuralNet.Core.Model
{
    /// <summary>
    /// A network's epoch records: written by one thread at a time (the one holding the network, which
    /// trains it), read by any thread at any time (Show-NetworkTrainingHistory and the TrainingHistory
    /// property work while another thread trains). A List would let a reader see a slot that Add has
    /// counted but not yet filled, or fail with "Collection was modified"; here a record is in its slot
    /// before the count that includes it is published, and a grown array before the count that needs
    /// it, so a reader always copies whole records. No lock: an epoch of the tutorial takes under a
    /// microsecond, and appending stays a store or two.
    /// </summary>
    internal sealed class HistoryLog
    {
        private EpochRecord[] _items = new EpochRecord[16];
        private int _count;

        public int Count => Volatile.Read(ref _count);

        /// <summary>The last record, or null when there is none.</summary>
        public EpochRecord Last
        {
            get
            {
                int count = Volatile.Read(ref _count);
                return count == 0 ? null : Volatile.Read(ref _items)[count - 1];
            }
        }

        /// <summary>The records now, as an array of their own.</summary>
        public EpochRecord[] Snapshot()
        {
            // The count first: the array read after it holds at least that many records.
            int count = Volatile.Read(ref _count);
            var items = Volatile.Read(ref _items);
            var copy = new EpochRecord[count];
            Array.Copy(items, copy, count);
            return copy;
        }

        [MethodImpl(Hot.Optimize)]
        public void Append(EpochRecord record)
        {
            var items = _items;
            int count = _count;
            if (count == items.Length)
            {
                var grown = new EpochRecord[items.Length * 2];
                Array.Copy(items, grown, count);
                grown[count] = record;
                Volatile.Write(ref _items, grown);
            }
            else
            {
                items[count] = record;
            }
            Volatile.Write(ref _count, count + 1);
        }

        public void AppendRange(IEnumerable<EpochRecord> records)
        {
            foreach (var record in records) Append(record);
        }

        /// <summary>Keeps the first <paramref name="count"/> records. A reader may still copy the ones after, as they were a moment ago.</summary>
        public void Truncate(int count)
        {
            if (count < Volatile.Read(ref _count)) Volatile.Write(ref _count, count);
        }

        /// <summary>Replaces the last record (a reader sees the old one or the new one, both whole).</summary>
        public void ReplaceLast(EpochRecord record)
        {
            int count = _count;
            if (count > 0) Volatile.Write(ref _items[count - 1], record);
        }
    }
}
