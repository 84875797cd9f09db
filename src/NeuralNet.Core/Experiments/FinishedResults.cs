using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Hands out a stage's results while the stage runs: a configuration's result as soon as all its
    /// runs have ended and every configuration before it has been handed out, so the order is the
    /// configurations' order whatever order the runs end in. A stop (Ctrl+C) then keeps the results
    /// already handed out instead of losing the whole stage. Each result is exactly what
    /// <see cref="ConfigurationResult.All"/> gives for that configuration once the stage is over.
    /// Not thread-safe: one executor thread reports.
    /// </summary>
    internal sealed class FinishedResults
    {
        private readonly IReadOnlyList<Configuration> _configurations;
        private readonly Metric _metric;
        private readonly int? _rung;
        private readonly Action<ConfigurationResult> _finished;
        private readonly Dictionary<int, int> _position = new Dictionary<int, int>();
        private readonly int[] _pending;
        private readonly List<RunOutcome>[] _outcomes;

        public FinishedResults(IReadOnlyList<Configuration> configurations, IReadOnlyList<ExperimentRun> runs, Metric metric, int? rung, Action<ConfigurationResult> finished)
        {
            _configurations = configurations;
            _metric = metric;
            _rung = rung;
            _finished = finished;
            _pending = new int[configurations.Count];
            _outcomes = new List<RunOutcome>[configurations.Count];
            for (int i = 0; i < configurations.Count; i++)
            {
                _position[configurations[i].Index] = i;
                _outcomes[i] = new List<RunOutcome>();
            }
            foreach (var run in runs) _pending[_position[run.Configuration.Index]]++;
        }

        /// <summary>How many results, from the first configuration on, have been handed out.</summary>
        public int HandedOut { get; private set; }

        /// <summary>Takes one run's outcome; hands out every result that is now complete and next in order.</summary>
        public void Add(RunOutcome outcome)
        {
            if (!_position.TryGetValue(outcome.Run.Configuration.Index, out int at)) return;
            _outcomes[at].Add(outcome);
            _pending[at]--;
            while (HandedOut < _configurations.Count && _pending[HandedOut] <= 0)
            {
                var result = ConfigurationResult.Of(_configurations[HandedOut], _metric, _outcomes[HandedOut], _rung);
                HandedOut++;
                _finished(result);
            }
        }

        /// <summary>Hands out the results of <paramref name="all"/> (the whole stage, in order) not handed out yet.</summary>
        public void HandOutRest(IReadOnlyList<ConfigurationResult> all)
        {
            foreach (var result in all.Skip(HandedOut)) _finished(result);
            HandedOut = all.Count;
        }
    }
}
