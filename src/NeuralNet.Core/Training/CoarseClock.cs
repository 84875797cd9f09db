using System.Diagnostics;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Elapsed time read at most about once a millisecond. On virtual machines a precise clock read can
    /// cost a quarter of a microsecond, as much as a whole epoch of a tutorial-sized network; the
    /// coarse tick count is nearly free, so the precise clock is read only when the tick has moved.
    /// </summary>
    internal sealed class CoarseClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private int _tick = Environment.TickCount;
        private TimeSpan _elapsed;

        /// <summary>The elapsed time, current to within the tick count's resolution (a few milliseconds).</summary>
        public TimeSpan Elapsed
        {
            [MethodImpl(Hot.Optimize)]
            get
            {
                int tick = Environment.TickCount;
                if (tick != _tick)
                {
                    _tick = tick;
                    _elapsed = _watch.Elapsed;
                }
                return _elapsed;
            }
        }

        /// <summary>The precise elapsed time, for the last epoch of a call.</summary>
        public TimeSpan Precise => _elapsed = _watch.Elapsed;
    }
}
