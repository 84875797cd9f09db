using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Solvers;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Trains a built network by a plan (<see cref="TrainingSetup"/>): runs the plan's solver, holding the
    /// network for the whole call (<see cref="NeuralNetworkModel.Acquire"/>), and records the plan's
    /// options for the next call. A network that an unfinished call left (a checkpoint, Ctrl+C) is
    /// taken up where it stood when the options are that call's (<see cref="ResumePoint.Continues"/>).
    /// </summary>
    public sealed class Trainer
    {
        private readonly NeuralNetworkModel _model;
        private readonly TrainingPlan _plan;
        private readonly ITrainingObserver _observer;

        /// <param name="model">A built network; its history and optimizer state are continued.</param>
        /// <param name="plan">The resolved plan.</param>
        /// <param name="observer">Receives each epoch and warnings; may be null.</param>
        /// <param name="checkpoints">Where and how often to save checkpoints; null: none.</param>
        public Trainer(NeuralNetworkModel model, TrainingPlan plan, ITrainingObserver observer, Checkpoints checkpoints = null)
        {
            if (!model.IsBuilt) throw new System.InvalidOperationException("The network must be built before training.");
            _model = model;
            _plan = plan;
            _observer = observer;
            _checkpoints = checkpoints;
        }

        private readonly Checkpoints _checkpoints;

        public TrainingResult Train(DataSet train, DataSet validation, CancellationToken token)
        {
            if (train.Rows == 0) throw DataErrors.NoRows("to train on");
            var small = validation == null ? null : Resolver.SmallValidationWarning(validation.Rows);
            if (small != null) _observer?.Warning(small);
            using (_model.Acquire())
            {
                try
                {
                    // An unfinished call is taken up only by a call with the same options; a new run otherwise.
                    var resume = _model.Resume != null && ResumePoint.Continues(_plan.Options, _model.LastOptions) ? _model.Resume : null;
                    _model.Resume = null;
                    var result = Solver.For(_plan.Optimizer).Train(_model, _plan, train, validation, _observer, _checkpoints, resume, token);
                    _model.LastOptions = _plan.RecordedOptions();
                    return result;
                }
                catch when (_model.Resume != null)
                {
                    // Stopped by a failure after epochs that count (a checkpoint that could not be written):
                    // the options are recorded with them, so the next call can take the run up.
                    _model.LastOptions = _plan.RecordedOptions();
                    throw;
                }
                finally
                {
                    _model.WeightsChanged();
                }
            }
        }
    }
}
