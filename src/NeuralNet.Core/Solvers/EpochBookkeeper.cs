using System.Runtime.ExceptionServices;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Solvers
{
    /// <summary>
    /// What every solver does at the end of an epoch, in one place: the history record (with the
    /// validation loss and metric), the observer's report, the best epoch so far, early stopping and
    /// checkpoints. The solver keeps the weights; the bookkeeper tells it when they are the best ones.
    /// A call that continues an unfinished one (<see cref="ResumePoint"/>) starts from that call's best
    /// loss and patience count.
    /// </summary>
    internal sealed class EpochBookkeeper
    {
        private readonly NeuralNetworkModel _model;
        private readonly TrainingPlan _plan;
        private readonly ITrainingObserver _observer;
        private readonly DataSet _validation;
        private readonly Workspace _validationWorkspace;
        private readonly CoarseClock _clock = new CoarseClock();
        private readonly Checkpoints _checkpoints;
        private readonly ResumePoint _resume;
        /// <summary>The layout's metric name, read once: every epoch's record carries it.</summary>
        private readonly string _metricName;
        private double _best = double.PositiveInfinity;
        private ExceptionDispatchInfo _observerFailure;
        private ExceptionDispatchInfo _checkpointFailure;

        public EpochBookkeeper(NeuralNetworkModel model, TrainingPlan plan, ITrainingObserver observer, DataSet validation, int validationChunk,
            Checkpoints checkpoints = null, ResumePoint resume = null)
        {
            _model = model;
            _plan = plan;
            _observer = observer;
            _validation = validation;
            _checkpoints = checkpoints;
            _resume = resume;
            _metricName = plan.Layout.MetricName;
            if (validation != null) _validationWorkspace = new Workspace(model.Network, Math.Min(validationChunk, validation.Rows));
            FirstEpoch = model.EpochsTrained;
            Begin();
        }

        /// <summary>The state at the call's start: nothing yet, or the unfinished call's best loss and patience count.</summary>
        private void Begin()
        {
            Result = new TrainingResult { BestEpoch = _resume?.BestEpoch ?? FirstEpoch };
            _best = _resume?.BestLoss ?? double.PositiveInfinity;
            EpochsWithoutImprovement = _resume?.EpochsWithoutImprovement ?? 0;
        }

        /// <summary>The epoch count before this call (epochs are numbered on from it).</summary>
        public int FirstEpoch { get; }

        public TrainingResult Result { get; private set; }

        /// <summary>Epochs recorded without the monitored loss improving by MinDelta.</summary>
        public int EpochsWithoutImprovement { get; private set; }

        /// <summary>Whether an epoch has improved the monitored loss (validation loss, else training loss).</summary>
        public bool HasBest => _best < double.PositiveInfinity;

        /// <summary>Forgets this call's epochs (a restart after divergence): history, best and counters.</summary>
        public void Restart()
        {
            _model.TruncateHistory(FirstEpoch);
            Begin();
        }

        /// <summary>Whether the epoch just recorded ends with a checkpoint (a cheap test: no sink, no checkpoints).</summary>
        public bool CheckpointDue => _checkpoints != null && _checkpoints.Due(_model.EpochsTrained);

        /// <summary>
        /// Saves a checkpoint of the network with <paramref name="weights"/> (null: the current ones), the
        /// solver's <paramref name="optimizer"/> and where the call stands. False when the sink failed: the
        /// solver then stops, as for Ctrl+C, and <see cref="Finish"/> rethrows the failure.
        /// </summary>
        public bool Checkpoint(double[][] weights, Optimizers.Optimizer optimizer, ResumePoint where)
        {
            try
            {
                _checkpoints.Sink.Save(_model.Snapshot(weights, optimizer, _plan.RecordedOptions(), where));
                return true;
            }
            catch (Exception e)
            {
                _checkpointFailure = ExceptionDispatchInfo.Capture(e);
                Result.Interrupted = true;
                return false;
            }
        }

        /// <summary>Where the call stands, with this bookkeeper's part (best loss, best epoch, patience) filled in.</summary>
        public ResumePoint Where(int shuffleSeedEpoch, long shuffles, int scheduleEpoch, double baseLearningRate, double learningRate, int stalled, int halvings) =>
            new ResumePoint(shuffleSeedEpoch, shuffles, scheduleEpoch, baseLearningRate, learningRate, stalled, halvings,
                HasBest ? _best : (double?)null, Result.BestEpoch, EpochsWithoutImprovement);

        /// <summary>
        /// Records an epoch: validation (unless interrupted), history, the observer's report, the best epoch
        /// and early stopping. Returns what the solver does next.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public EpochOutcome Complete(double loss, double? metric, double learningRate, bool interrupted, bool lastPlanned)
        {
            double? validationLoss = null, validationMetric = null;
            if (_validation != null && !interrupted)
            {
                var (l, m) = Evaluator.Evaluate(_model.Network, _validation, _plan.Loss, _plan.Layout, _validationWorkspace);
                validationLoss = l;
                validationMetric = m;
            }
            int epoch = FirstEpoch + Result.EpochsRun + 1;
            var elapsed = lastPlanned ? _clock.Precise : _clock.Elapsed;
            if (_observer != null && !Notify(epoch, loss, validationLoss, metric, validationMetric, learningRate, elapsed, interrupted)) interrupted = true;
            _model.AppendHistory(epoch, loss, validationLoss, _metricName, metric, validationMetric, learningRate, elapsed, interrupted);
            Result.EpochsRun++;
            Result.FinalLoss = loss;
            if (interrupted)
            {
                Result.Interrupted = true;
                return EpochOutcome.Stop;
            }
            double monitored = validationLoss ?? loss;
            var outcome = EpochOutcome.Continue;
            if (monitored < _best - _plan.Options.MinDelta)
            {
                _best = monitored;
                Result.BestEpoch = epoch;
                EpochsWithoutImprovement = 0;
                outcome = EpochOutcome.Best;
            }
            else
            {
                EpochsWithoutImprovement++;
            }
            var patience = _plan.Options.Patience;
            if (patience.HasValue && EpochsWithoutImprovement >= patience.Value)
            {
                Result.StoppedEarly = true;
                return outcome | EpochOutcome.Stop;
            }
            return outcome;
        }

        /// <summary>Marks the last recorded epoch as the interrupted one (Ctrl+C between epochs).</summary>
        public void MarkLastInterrupted()
        {
            _model.MarkLastEpochInterrupted();
            Result.Interrupted = true;
        }

        /// <summary>
        /// Ends the call once the solver has left the network as it keeps it (weights, optimizer): the
        /// epoch whose weights it holds; the resume point when the call was stopped (<paramref name="stoppedAt"/>),
        /// none when it finished; the last checkpoint, which is that network; then a checkpoint's or the
        /// observer's failure rethrown, now that training is consistent.
        /// </summary>
        public TrainingResult Finish(bool keptBest, bool cancelled, ResumePoint stoppedAt)
        {
            if (!keptBest) Result.BestEpoch = _model.EpochsTrained;
            _model.Resume = Result.Interrupted ? stoppedAt : null;
            if (_checkpoints != null && _checkpointFailure == null && Result.EpochsRun > 0)
                Checkpoint(null, _model.Optimizer, _model.Resume);
            _checkpointFailure?.Throw();
            if (_observerFailure != null && !cancelled) _observerFailure.Throw();
            return Result;
        }

        /// <summary>
        /// Reports an epoch, with a record made only if the observer wants one. An observer that throws
        /// (PowerShell's writes throw once the pipeline is stopping, sometimes before the token is
        /// cancelled) ends training as an interruption: false here, the epoch is marked, the best weights
        /// are restored, and then the failure is rethrown (<see cref="Finish"/>).
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private bool Notify(int epoch, double loss, double? validationLoss, double? metric, double? validationMetric, double learningRate, TimeSpan elapsed, bool interrupted)
        {
            try
            {
                int planned = _plan.Options.Epochs;
                if (_observer.WantsEpoch(planned))
                    _observer.EpochCompleted(new EpochRecord(epoch, loss, validationLoss, _metricName, metric, validationMetric, learningRate, elapsed, interrupted), planned);
                return true;
            }
            catch (Exception e)
            {
                _observerFailure = ExceptionDispatchInfo.Capture(e);
                return false;
            }
        }
    }

    /// <summary>What a solver does after an epoch: go on, keep these weights as the best, stop (or both).</summary>
    [Flags]
    internal enum EpochOutcome
    {
        Continue = 0,
        Best = 1,
        Stop = 2,
    }
}
