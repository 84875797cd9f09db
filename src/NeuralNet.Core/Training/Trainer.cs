using System.Threading;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Solvers;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Trains a built network by a plan (<see cref="TrainingSetup"/>): runs the plan's solver, holding the
    /// network for the whole call (<see cref="NeuralNetworkModel.Acquire"/>), and records the plan's
    /// options for the next call.
    /// </summary>
    public sealed class Trainer
    {
        private readonly NeuralNetworkModel _model;
        private readonly TrainingPlan _plan;
        private readonly ITrainingObserver _observer;

        /// <param name="model">A built network; its history and optimizer state are continued.</param>
        /// <param name="plan">The resolved plan.</param>
        /// <param name="observer">Receives each epoch and warnings; may be null.</param>
        public Trainer(NeuralNetworkModel model, TrainingPlan plan, ITrainingObserver observer)
        {
            if (!model.IsBuilt) throw new System.InvalidOperationException("The network must be built before training.");
            _model = model;
            _plan = plan;
            _observer = observer;
        }

        public TrainingResult Train(DataSet train, DataSet validation, CancellationToken token)
        {
            if (train.Rows == 0) throw DataErrors.NoRows("to train on");
            var small = validation == null ? null : Resolver.SmallValidationWarning(validation.Rows);
            if (small != null) _observer?.Warning(small);
            using (_model.Acquire())
            {
                try
                {
                    var result = Solver.For(_plan.Optimizer).Train(_model, _plan, train, validation, _observer, token);
                    _model.LastOptions = _plan.RecordedOptions();
                    return result;
                }
                finally
                {
                    _model.WeightsChanged();
                }
            }
        }
    }
}
