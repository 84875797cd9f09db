using System.Diagnostics;

namespace NeuralNet.Core.Kernels
{
    /// <summary>Work a <see cref="KernelTeam"/> splits: each of <c>threads</c> threads runs its own part.</summary>
    internal interface ITeamWork
    {
        void Execute(int thread, int threads, KernelTeam team);
    }

    /// <summary>
    /// Work whose parts are claimed rather than assigned (see <see cref="KernelTeam.RunClaimed"/>): any
    /// thread that arrives claims the next part, so the whole is done by the caller alone if need be.
    /// <c>thread</c> then names only the thread's own buffers, never which part it computes.
    /// </summary>
    internal interface IClaimedWork : ITeamWork
    {
    }

    /// <summary>
    /// Helper threads for splitting one matrix product over the cores without allocating. Each thread
    /// that trains gets its own team (created once, then reused for every batch), so training allocates
    /// nothing per batch and networks trained on different threads never share one. The caller runs part
    /// 0 while the helpers run the others; <see cref="Barrier"/> lets the parts share packed panels.
    /// Helpers spin briefly after a part before they block: a training step's products come tens of
    /// microseconds apart, and waking a blocked thread costs about as much as a small product.
    /// </summary>
    internal sealed class KernelTeam
    {
        /// <summary>How long an idle helper spins before it blocks.</summary>
        private static readonly long SpinTicks = Stopwatch.Frequency / 1000;   // 1 ms

        [ThreadStatic]
        private static KernelTeam _current;

        /// <summary>The most threads a team can have.</summary>
        public const int MaxThreadLimit = 64;

        private static readonly int DefaultThreads = Math.Max(1, Math.Min(Environment.ProcessorCount, 16));

        /// <summary>This thread's limit, when the benchmark or a test set one (0: the default).</summary>
        [ThreadStatic]
        private static int _maxThreads;

        private readonly object _gate = new object();
        private readonly int _size;
        private ITeamWork _work;
        private int _threads;
        private int _generation;
        private int _pending;
        private int _sleepers;
        private int _arrived;
        private int _barrierGeneration;
        private Exception _failure;
        private bool _helpersOnly;
        /// <summary>Work of <see cref="Start"/> may still be running on the helpers.</summary>
        private bool _started;

        // Per helper, whether it may still join the current run: Open when the run starts, Joined when the
        // helper takes its part, Closed when a claimed run ended before the helper arrived.
        private const int Open = 1, Joined = 2, Closed = 3;
        private readonly int[] _slots;

        private KernelTeam(int size)
        {
            _size = size;
            _slots = new int[size];
            for (int i = 1; i < size; i++)
            {
                int index = i;
                new Thread(() => Loop(index)) { IsBackground = true, Name = "NeuralNet kernel helper " + i }.Start();
            }
        }

        /// <summary>
        /// The most threads one product uses (the caller's included): the processor count, at most 16.
        /// The benchmark and the tests change it, for the calling thread only, to compare thread counts.
        /// </summary>
        internal static int MaxThreads
        {
            [MethodImpl(Hot.Optimize)]
            get => _maxThreads > 0 ? _maxThreads : DefaultThreads;
            set => _maxThreads = Math.Max(1, Math.Min(value, MaxThreadLimit));
        }

        /// <summary>This thread's team, as large as <see cref="MaxThreads"/> (made again when that changed).</summary>
        public static KernelTeam ForCurrentThread
        {
            [MethodImpl(Hot.Optimize)]
            get
            {
                var team = _current;
                int size = MaxThreads;
                if (team == null || team._size != size)
                {
                    team?.Retire();
                    team = _current = new KernelTeam(size);
                }
                return team;
            }
        }

        public int Size => _size;

        /// <summary>Runs <paramref name="work"/> on <paramref name="threads"/> threads (this one included); returns when every part is done.</summary>
        [MethodImpl(Hot.Optimize)]
        public void Run(ITeamWork work, int threads) => Run(work, threads, claimed: false);

        /// <summary>
        /// Runs claimed work on up to <paramref name="threads"/> threads: the caller claims parts like any
        /// helper, and a helper that has not started when the caller runs out of parts is let off the run
        /// rather than waited for. A helper descheduled for a while (a core shared with the runtime's
        /// compiler, or with another process) then costs the product nothing but its own share.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public void RunClaimed(IClaimedWork work, int threads) => Run(work, threads, claimed: true);

        /// <summary>
        /// Starts <paramref name="work"/> on the helpers alone, as <c>threads − 1</c> parts, and returns at
        /// once, so that the caller's own serial work and the helpers' overlap; <see cref="Finish"/> waits
        /// for it, and so does the next <see cref="Run(ITeamWork, int)"/> that uses them. The work must not use
        /// <see cref="Barrier"/> or buffers kept by part number (the caller's products use part 0's meanwhile).
        /// Without helpers (one core) the caller does it all before this returns.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public void Start(ITeamWork work, int threads)
        {
            Finish();
            threads = Math.Min(threads, _size);
            if (threads <= 1)
            {
                work.Execute(0, 1, this);
                return;
            }
            _started = true;
            Launch(work, threads, helpersOnly: true);
        }

        /// <summary>
        /// Waits for the work of <see cref="Start"/>, if any, and passes on a helper's failure. Claimed work
        /// the caller first helps to finish, as one part more (numbered after the helpers').
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public void Finish()
        {
            if (!_started) return;
            _started = false;
            if (_work is IClaimedWork claimed && _failure == null) claimed.Execute(_threads - 1, _threads, this);
            for (int spins = 0; Volatile.Read(ref _pending) > 0; spins++) Pause(spins);
            _work = null;
            if (_failure != null) throw new InvalidOperationException("Work started on a helper thread failed.", _failure);
        }

        [MethodImpl(Hot.Optimize)]
        private void Run(ITeamWork work, int threads, bool claimed)
        {
            // The caller alone leaves the helpers to what Start gave them.
            if (threads <= 1)
            {
                work.Execute(0, 1, this);
                return;
            }
            Finish();
            Launch(work, threads, helpersOnly: false);
            try
            {
                work.Execute(0, threads, this);
            }
            catch (Exception e)
            {
                _failure = e;
                throw;
            }
            finally
            {
                // A helper that never joined has nothing left to claim: close its slot so it cannot join late.
                if (claimed)
                {
                    for (int i = 1; i < threads; i++)
                        if (Interlocked.CompareExchange(ref _slots[i], Closed, Open) == Open) Interlocked.Decrement(ref _pending);
                }
                // The parts read memory the caller has pinned: never return before every helper is done.
                for (int spins = 0; Volatile.Read(ref _pending) > 0; spins++) Pause(spins);
                _work = null;
            }
            if (_failure != null) throw new InvalidOperationException("A matrix kernel failed on a helper thread.", _failure);
        }

        /// <summary>Hands <paramref name="work"/> to helpers 1 to <paramref name="threads"/> − 1 and wakes those asleep.</summary>
        [MethodImpl(Hot.Optimize)]
        private void Launch(ITeamWork work, int threads, bool helpersOnly)
        {
            _work = work;
            _threads = threads;
            _helpersOnly = helpersOnly;
            _failure = null;
            Volatile.Write(ref _pending, threads - 1);
            for (int i = 1; i < threads; i++) Volatile.Write(ref _slots[i], Open);
            Interlocked.Increment(ref _generation);
            if (Volatile.Read(ref _sleepers) > 0)
            {
                lock (_gate) Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Waits until all <paramref name="threads"/> parts have reached this point.</summary>
        [MethodImpl(Hot.Optimize)]
        public void Barrier(int threads)
        {
            if (threads <= 1) return;
            int generation = Volatile.Read(ref _barrierGeneration);
            if (Interlocked.Increment(ref _arrived) == threads)
            {
                Volatile.Write(ref _arrived, 0);
                Interlocked.Increment(ref _barrierGeneration);
                return;
            }
            for (int spins = 0; Volatile.Read(ref _barrierGeneration) == generation && _failure == null; spins++) Pause(spins);
        }

        /// <summary>
        /// One step of waiting for the other threads of a product: a pause instruction or a few, and now
        /// and then a yield, in case one of them is waiting for this core. Never a sleep: SpinWait's
        /// sleeps of a millisecond would cost more than the products.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private static void Pause(int spins)
        {
            if ((spins & 1023) == 1023) Thread.Yield();
            else Thread.SpinWait(8);
        }

        [MethodImpl(Hot.Optimize)]
        private void Loop(int index)
        {
            int seen = 0;
            while (true)
            {
                long deadline = Stopwatch.GetTimestamp() + SpinTicks;
                while (Volatile.Read(ref _generation) == seen)
                {
                    if (Stopwatch.GetTimestamp() < deadline)
                    {
                        Thread.SpinWait(20);
                        continue;
                    }
                    Interlocked.Increment(ref _sleepers);
                    lock (_gate)
                    {
                        while (Volatile.Read(ref _generation) == seen) Monitor.Wait(_gate);
                    }
                    Interlocked.Decrement(ref _sleepers);
                }
                seen = Volatile.Read(ref _generation);
                if (seen < 0) return;   // retired
                // Joining is a claim on this run's slot: it fails if the run closed it (or is not this helper's).
                if (index < Volatile.Read(ref _threads) && Interlocked.CompareExchange(ref _slots[index], Joined, Open) == Open)
                {
                    var work = _work;
                    try
                    {
                        // Started work is the helpers' alone: helper 1 does part 0.
                        if (_helpersOnly) work.Execute(index - 1, _threads - 1, this);
                        else work.Execute(index, _threads, this);
                    }
                    catch (Exception e)
                    {
                        _failure = e;
                    }
                    Interlocked.Decrement(ref _pending);
                }
            }
        }

        /// <summary>Ends the helpers of a team replaced after <see cref="MaxThreads"/> changed.</summary>
        private void Retire()
        {
            Volatile.Write(ref _generation, int.MinValue);
            lock (_gate) Monitor.PulseAll(_gate);
        }
    }
}
