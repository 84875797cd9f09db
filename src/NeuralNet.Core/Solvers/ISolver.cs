using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Solvers
{
    /// <summary>
    /// A way to minimise the loss over epochs: mini-batches with an update rule (gradient descent, Adam,
    /// Rprop, …) or full-batch L-BFGS. Both share the epoch bookkeeping (<see cref="EpochBookkeeper"/>).
    /// </summary>
    internal interface ISolver
    {
        /// <summary>
        /// Trains the built network of <paramref name="model"/>; its history and optimizer state are
        /// continued, and so is an unfinished call that <paramref name="resume"/> describes (null: a new run).
        /// <paramref name="checkpoints"/> (null: none) receive the network as training goes.
        /// </summary>
        TrainingResult Train(NeuralNetworkModel model, TrainingPlan plan, DataSet train, DataSet validation, ITrainingObserver observer,
            Checkpoints checkpoints, ResumePoint resume, CancellationToken token);
    }

    internal static class Solver
    {
        /// <summary>The solver an -Optimizer choice runs: L-BFGS is a minimizer of its own, every other choice an update rule applied to mini-batches.</summary>
        public static ISolver For(OptimizerKind optimizer) => optimizer.Rule().Solver();
    }
}
