using System.Diagnostics;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Turns the trainer's reports into Write-Progress (at most four times a second, with the ETA),
    /// a verbose line per epoch, and warnings. Training runs on the pipeline thread, so writing here is safe.
    /// </summary>
    internal sealed class TrainingReporter : ITrainingObserver
    {
        private const int ProgressIntervalMilliseconds = 250;
        private const int ActivityId = 1;
        private readonly Cmdlet _cmdlet;
        private readonly bool _verbose;
        private readonly string _activity;
        private string _lastStatus = "Starting";
        private int _progressTick = Environment.TickCount;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _epochsThisCall;
        private bool _wroteProgress;

        public TrainingReporter(PSCmdlet cmdlet, string activity)
        {
            _cmdlet = cmdlet;
            _verbose = WantsVerbose(cmdlet);
            _activity = activity;
        }

        // Called once per epoch, so compiled optimised at once (AggressiveOptimization), and throttled by
        // the tick count, which costs nothing next to a precise clock read at a microsecond per epoch. Only
        // the epochs it answers yes for get a record (a verbose line each, or a progress update).
        [MethodImpl(PerRow.Optimized)]
        public bool WantsEpoch(int epochsPlanned)
        {
            _epochsThisCall++;
            return _verbose || ProgressDue(epochsPlanned, Environment.TickCount);
        }

        /// <summary>
        /// Whether this epoch updates the bar: a quarter second after the last update, or at the last epoch
        /// when a bar is already shown, to bring it to 100 % (training too short to show one shows none).
        /// </summary>
        private bool ProgressDue(int epochsPlanned, int now) =>
            (_epochsThisCall >= epochsPlanned && _wroteProgress) || unchecked(now - _progressTick) >= ProgressIntervalMilliseconds;

        [MethodImpl(PerRow.Optimized)]
        public void EpochCompleted(EpochRecord record, int epochsPlanned)
        {
            // A tutorial-sized epoch takes a microsecond; formatting a line it will not show would cost more.
            if (_verbose) _cmdlet.WriteVerbose(Describe(record));
            int now = Environment.TickCount;
            if (!ProgressDue(epochsPlanned, now)) return;
            _progressTick = now;
            // A record of its own each time: a host draws it at once, but a job or a pipeline's Progress
            // stream keeps the records, and one record changed in place would show only its last state.
            _lastStatus = Describe(record);
            double perEpoch = _clock.Elapsed.TotalSeconds / _epochsThisCall;
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, _lastStatus)
            {
                PercentComplete = (int)Math.Min(100, 100L * _epochsThisCall / Math.Max(1, epochsPlanned)),
                SecondsRemaining = (int)Math.Ceiling(perEpoch * Math.Max(0, epochsPlanned - _epochsThisCall)),
            });
            _wroteProgress = true;
        }

        public void Warning(string message) => _cmdlet.WriteWarning(message);

        /// <summary>Closes the progress bar.</summary>
        public void Complete()
        {
            if (!_wroteProgress) return;
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, _lastStatus) { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>-Verbose on the command, or $VerbosePreference asking for verbose output.</summary>
        private static bool WantsVerbose(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Verbose", out var bound))
                return bound is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(bound);
            var preference = cmdlet.GetVariableValue("VerbosePreference");
            return preference is ActionPreference action ? action != ActionPreference.SilentlyContinue && action != ActionPreference.Ignore
                : preference != null && LanguagePrimitives.ConvertTo<ActionPreference>(preference) != ActionPreference.SilentlyContinue;
        }

        private static string Describe(EpochRecord r)
        {
            var text = string.Format(CultureInfo.InvariantCulture, "Epoch {0}: loss {1:G6}", r.Epoch, r.Loss);
            if (r.ValidationLoss.HasValue) text += string.Format(CultureInfo.InvariantCulture, ", validation loss {0:G6}", r.ValidationLoss);
            if (r.Metric.HasValue) text += string.Format(CultureInfo.InvariantCulture, ", {0} {1:F4}", r.MetricName, r.Metric);
            if (r.ValidationMetric.HasValue) text += string.Format(CultureInfo.InvariantCulture, ", validation {0} {1:F4}", r.MetricName, r.ValidationMetric);
            return text;
        }
    }
}
