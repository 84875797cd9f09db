using NeuralNet.Core.Training;

namespace NeuralNet.Core.Solvers
{
    /// <summary>The learning rate of each epoch under -LearningRateSchedule (Constant, Step, Exponential, Plateau).</summary>
    internal sealed class RateSchedule
    {
        private readonly LearningRateSchedule _kind;
        private readonly int _step;
        private readonly double _factor;
        private int _stalled;

        /// <param name="options">The schedule options.</param>
        /// <param name="stalled">Epochs without improvement already counted (a resumed run's).</param>
        public RateSchedule(TrainingOptions options, int stalled = 0)
        {
            _kind = options.LearningRateSchedule;
            _step = Math.Max(1, options.ScheduleStep);
            _factor = options.ScheduleFactor;
            _stalled = stalled;
        }

        /// <summary>An epoch ended without improving the monitored loss (what Plateau counts).</summary>
        public void Stalled() => _stalled++;

        /// <summary>The epochs without improvement Plateau has counted since it last lowered the rate.</summary>
        public int StalledEpochs => _stalled;

        public void Reset(int stalled = 0) => _stalled = stalled;

        /// <summary>The rate for epoch <paramref name="epoch"/> (0-based from the run's start), from the base rate and the current one.</summary>
        [MethodImpl(Hot.Optimize)]
        public double Rate(double baseRate, int epoch, double current)
        {
            switch (_kind)
            {
                case LearningRateSchedule.Step:
                    return baseRate * Math.Pow(_factor, epoch / _step);
                case LearningRateSchedule.Exponential:
                    return baseRate * Math.Pow(_factor, epoch);
                case LearningRateSchedule.Plateau:
                    if (epoch == 0) return baseRate;
                    if (_stalled >= _step)
                    {
                        _stalled = 0;
                        return current * _factor;
                    }
                    return current;
                default:
                    return baseRate;
            }
        }
    }
}
