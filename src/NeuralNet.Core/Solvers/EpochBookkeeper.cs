using System;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Solvers
{
    /// <summary>
    /// What every solver does at the end of an epoch, in one place: the history record (with the
    /// validation loss and metric), the observer's report, the best epoch so far and early stopping.
    /// The solver keeps the weights; the bookkeeper tells it when they are the best ones.
    /// </summary>
    internal sealed class EpochBookkeeper
    {
        private readonly NeuralNetworkModel _model;
        private readonly TrainingPlan _plan;
        private readonly ITrainingObserver _observer;
        private readonly DataSet _validation;
        private readonly Workspace _validationWorkspace;
        private readonly CoarseClock _clock = new CoarseClock();
        private double _best = double.PositiveInfinity;
        private ExceptionDispatchInfo _observerFailure;

        public EpochBookkeeper(NeuralNetworkModel model, TrainingPlan plan, ITrainingObserver observer, DataSet validation, int validationChunk)
        {
            _model = model;
            _plan = plan;
            _observer = observer;
            _validation = validation;
            if (validation != null) _validationWorkspace = new Workspace(model.Network, Math.Min(validationChunk, validation.Rows));
            FirstEpoch = model.EpochsTrained;
            Result = new TrainingResult { BestEpoch = FirstEpoch };
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
            Result = new TrainingResult { BestEpoch = FirstEpoch };
            _best = double.PositiveInfinity;
            EpochsWithoutImprovement = 0;
        }

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
            var record = new EpochRecord(FirstEpoch + Result.EpochsRun + 1, loss, validationLoss, _plan.Layout.MetricName, metric, validationMetric,
                learningRate, lastPlanned ? _clock.Precise : _clock.Elapsed, interrupted);
            if (!Notify(record)) interrupted = true;
            if (interrupted) record = record.AsInterrupted();
            _model.AppendHistory(record);
            Result.EpochsRun++;
            Result.FinalLoss = loss;
            if (interrupted)
            {
                Result.Interrupted = true;
                return EpochOutcome.Stop;
            }
            double monitored = record.ValidationLoss ?? record.Loss;
            var outcome = EpochOutcome.Continue;
            if (monitored < _best - _plan.Options.MinDelta)
            {
                _best = monitored;
                Result.BestEpoch = record.Epoch;
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

        /// <summary>Ends the call: the epoch whose weights the network keeps, and an observer failure rethrown once training is consistent.</summary>
        public TrainingResult Finish(bool keptBest, bool cancelled)
        {
            if (!keptBest) Result.BestEpoch = _model.EpochsTrained;
            if (_observerFailure != null && !cancelled) _observerFailure.Throw();
            return Result;
        }

        /// <summary>
        /// Reports an epoch. An observer that throws (PowerShell's writes throw once the pipeline is
        /// stopping, sometimes before the token is cancelled) ends training as an interruption: the
        /// epoch is marked, the best weights are restored, and then the failure is rethrown.
        /// </summary>
        private bool Notify(EpochRecord record)
        {
            try
            {
                _observer?.EpochCompleted(record, _plan.Options.Epochs);
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
