using NeuralNet.Core.Training;

namespace NeuralNet.Core.Model
{
    /// <summary>
    /// A network's epoch history, stored as entries in chunks of arrays and made into <see cref="EpochRecord"/>
    /// objects only when read. Appending an epoch writes an entry and allocates nothing but a chunk per
    /// 512 epochs: a record object per epoch cost the tutorial's training a quarter of its time (10,000
    /// epochs of well under a microsecond each). Chunks of 32 KB stay below the large-object heap, whose
    /// fresh pages and collections made one array grown by doubling slower than the records were.
    /// Written by one thread at a time (the one holding the network, which trains it), read by any
    /// thread at any time (Show-NetworkTrainingHistory and the TrainingHistory property work while
    /// another thread trains): an entry is in its slot before the count that includes it is published,
    /// and a chunk in the directory before the count that needs it, so a reader always copies whole
    /// entries while epochs are appended. Truncating (a restart after divergence) is the one change to
    /// entries a reader may be copying: it is bracketed by a generation count, as a sequence lock, and
    /// a reader that overlapped one copies again. No lock: appending stays a few stores.
    /// </summary>
    internal sealed class HistoryLog
    {
        private const int ChunkShift = 9, ChunkSize = 1 << ChunkShift, ChunkMask = ChunkSize - 1;

        private Entry[][] _chunks = new Entry[4][];
        private int _count;
        /// <summary>Odd while <see cref="Truncate"/> changes the entries, and moved on by each: a reader that saw it change copies again.</summary>
        private int _generation;

        public int Count => Volatile.Read(ref _count);

        /// <summary>The last record, or null when there is none.</summary>
        public EpochRecord Last
        {
            get
            {
                var last = Entries(lastOnly: true);
                return last.Length == 0 ? null : last[0].ToRecord();
            }
        }

        /// <summary>The last epoch's number, or 0 when there is none (no record is made).</summary>
        public int LastEpoch
        {
            get
            {
                var last = Entries(lastOnly: true);
                return last.Length == 0 ? 0 : last[0].Epoch;
            }
        }

        /// <summary>The records now, as an array of their own.</summary>
        public EpochRecord[] Snapshot()
        {
            var entries = Entries(lastOnly: false);
            var copy = new EpochRecord[entries.Length];
            for (int i = 0; i < entries.Length; i++) copy[i] = entries[i].ToRecord();
            return copy;
        }

        /// <summary>
        /// The entries now (every one, or the last alone), copied under the sequence lock: again if a
        /// truncation began before the copy or ended during it.
        /// </summary>
        private Entry[] Entries(bool lastOnly)
        {
            while (true)
            {
                int generation = Volatile.Read(ref _generation);
                if ((generation & 1) == 0)
                {
                    // The count first: the directory read after it holds at least that many entries.
                    int count = Volatile.Read(ref _count);
                    var chunks = Volatile.Read(ref _chunks);
                    int first = lastOnly ? Math.Max(0, count - 1) : 0;
                    var entries = new Entry[count - first];
                    for (int i = first; i < count; i++) entries[i - first] = chunks[i >> ChunkShift][i & ChunkMask];
                    // The entries' reads complete before the generation is read again (a sequence lock's fence).
                    Interlocked.MemoryBarrier();
                    if (Volatile.Read(ref _generation) == generation) return entries;
                }
                Thread.Yield();
            }
        }

        /// <summary>Appends an epoch, field by field as <see cref="EpochRecord"/> has them.</summary>
        [MethodImpl(Hot.Optimize)]
        public void Append(int epoch, double loss, double? validationLoss, string metricName, double? metric, double? validationMetric,
            double learningRate, TimeSpan elapsed, bool interrupted)
        {
            int count = _count;
            var chunk = ChunkFor(count);
            ref var entry = ref chunk[count & ChunkMask];
            entry.Epoch = epoch;
            entry.Loss = loss;
            entry.ValidationLoss = validationLoss.GetValueOrDefault();
            entry.MetricName = metricName;
            entry.Metric = metric.GetValueOrDefault();
            entry.ValidationMetric = validationMetric.GetValueOrDefault();
            entry.LearningRate = learningRate;
            entry.ElapsedTicks = elapsed.Ticks;
            entry.Flags = (byte)((validationLoss.HasValue ? Entry.HasValidationLoss : 0) | (metric.HasValue ? Entry.HasMetric : 0)
                | (validationMetric.HasValue ? Entry.HasValidationMetric : 0) | (interrupted ? Entry.IsInterrupted : 0));
            Volatile.Write(ref _count, count + 1);
        }

        [MethodImpl(Hot.Inline)]
        public void Append(EpochRecord record) =>
            Append(record.Epoch, record.Loss, record.ValidationLoss, record.MetricName, record.Metric, record.ValidationMetric,
                record.LearningRate, record.Elapsed, record.Interrupted);

        public void AppendRange(IEnumerable<EpochRecord> records)
        {
            foreach (var record in records) Append(record);
        }

        /// <summary>Appends every entry of <paramref name="other"/> as it is now (a copy of a network).</summary>
        public void AppendFrom(HistoryLog other)
        {
            int count = Volatile.Read(ref other._count);
            var chunks = Volatile.Read(ref other._chunks);
            for (int i = 0; i < count; i++)
            {
                int at = _count;
                ChunkFor(at)[at & ChunkMask] = chunks[i >> ChunkShift][i & ChunkMask];
                Volatile.Write(ref _count, at + 1);
            }
        }

        /// <summary>
        /// Keeps the first <paramref name="count"/> entries; the epochs that follow take the places after.
        /// The generation is odd meanwhile and moves on: a reader whose copy overlapped the change, or the
        /// appends after it, copies again (<see cref="Entries"/>).
        /// </summary>
        public void Truncate(int count)
        {
            if (count < 0 || count >= Volatile.Read(ref _count)) return;
            int generation = _generation;
            Volatile.Write(ref _generation, generation + 1);
            Volatile.Write(ref _count, count);
            Volatile.Write(ref _generation, generation + 2);
        }

        /// <summary>Marks the last epoch as the one Ctrl+C interrupted: one byte written, which a reader sees before or after, whole.</summary>
        public void MarkLastInterrupted()
        {
            int count = _count;
            if (count > 0) _chunks[(count - 1) >> ChunkShift][(count - 1) & ChunkMask].Flags |= Entry.IsInterrupted;
        }

        /// <summary>The chunk slot <paramref name="index"/> falls in, made (and the directory grown) first if need be, each published before any count that needs it.</summary>
        [MethodImpl(Hot.Optimize)]
        private Entry[] ChunkFor(int index)
        {
            int c = index >> ChunkShift;
            var chunks = _chunks;
            if (c < chunks.Length && chunks[c] != null) return chunks[c];
            if (c >= chunks.Length)
            {
                var grown = new Entry[chunks.Length * 2][];
                Array.Copy(chunks, grown, chunks.Length);
                chunks = grown;
            }
            var chunk = new Entry[ChunkSize];
            Volatile.Write(ref chunks[c], chunk);
            Volatile.Write(ref _chunks, chunks);
            return chunk;
        }

        /// <summary>One epoch as stored: an <see cref="EpochRecord"/>'s fields, with its three optional values flagged.</summary>
        private struct Entry
        {
            public const byte HasValidationLoss = 1, HasMetric = 2, HasValidationMetric = 4, IsInterrupted = 8;

            public double Loss, ValidationLoss, Metric, ValidationMetric, LearningRate;
            public long ElapsedTicks;
            public string MetricName;
            public int Epoch;
            public byte Flags;

            public EpochRecord ToRecord() => new EpochRecord(Epoch, Loss, (Flags & HasValidationLoss) != 0 ? ValidationLoss : (double?)null, MetricName,
                (Flags & HasMetric) != 0 ? Metric : (double?)null, (Flags & HasValidationMetric) != 0 ? ValidationMetric : (double?)null,
                LearningRate, new TimeSpan(ElapsedTicks), (Flags & IsInterrupted) != 0);
        }
    }
}
