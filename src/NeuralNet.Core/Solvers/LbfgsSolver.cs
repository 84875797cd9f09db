using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Solvers
{
    /// <summary>
    /// Full-batch training with MathNet.Numerics' L-BFGS minimizer over the flattened parameters.
    /// MathNet owns the iteration and its line search, so an "epoch" here is one evaluation that lowered
    /// the training loss (an accepted step, in practice); -Epochs caps both those and MathNet's iterations.
    /// The curvature memory is not kept between calls: a resumed training starts a fresh L-BFGS run.
    /// The weights kept are those of the best monitored epoch (the lowest training loss without validation).
    /// </summary>
    internal sealed class LbfgsSolver : ISolver
    {
        private const int Memory = 10;

        public TrainingResult Train(NeuralNetworkModel model, TrainingPlan plan, DataSet train, DataSet validation, ITrainingObserver observer,
            Checkpoints checkpoints, ResumePoint resume, CancellationToken token)
        {
            // MathNet's iteration cannot be taken up where it stopped, so every call is a new run (resume is not used).
            if (plan.Dropout != null)
                throw new NeuralNetException("DropoutNeedsMiniBatch", ErrorKind.InvalidArgument,
                    "-Dropout draws new masks for every batch, which L-BFGS's line search cannot follow (it needs the same loss at every try). Use another -Optimizer (Adam, say) with -Dropout, or -Dropout 0 with LBFGS.", column: "Dropout");
            var network = model.Network;
            var options = plan.Options;
            var blocks = network.ParameterBlocks;
            int count = 0;
            foreach (var block in blocks) count += block.Length;
            var gradient = new GradientEvaluator(network, plan.Loss, options.L2, train.Rows);
            var metric = new MetricAccumulator(plan.Layout, MetricAccumulator.ColumnMeans(train.Targets, train.Rows, network.OutputSize));
            var book = new EpochBookkeeper(model, plan, observer, validation, 1024, checkpoints);
            double[] best = Weights.Flatten(blocks, new double[count]);
            var point = new double[count];
            double bestTraining = double.PositiveInfinity;
            bool first = true;

            (double, Vector<double>) Objective(Vector<double> at)
            {
                if (token.IsCancellationRequested) throw new StopSignal();
                for (int i = 0; i < count; i++) point[i] = at[i];
                Weights.Unflatten(point, blocks);
                metric.Reset();
                double loss = gradient.Evaluate(train, true, metric);
                double objective = loss + gradient.Penalty;
                var g = Vector<double>.Build.Dense(count);
                int offset = 0;
                foreach (var block in gradient.Gradients) for (int i = 0; i < block.Length; i++) g[offset++] = block[i];
                if (double.IsNaN(objective) || double.IsInfinity(objective)) return (double.PositiveInfinity, g);
                if (objective < bestTraining)
                {
                    bestTraining = objective;
                    // The starting point is not an epoch: MathNet evaluates it before its first step.
                    if (first) first = false;
                    else Record(loss);
                }
                return (objective, g);
            }

            void Record(double loss)
            {
                var outcome = book.Complete(loss, metric.Value, double.NaN, interrupted: false, lastPlanned: true);
                if ((outcome & EpochOutcome.Best) != 0) Weights.Flatten(blocks, best);
                if ((outcome & EpochOutcome.Stop) != 0 || book.Result.EpochsRun >= options.Epochs) throw new StopSignal();
                // The weights L-BFGS keeps are the best ones (the lowest training loss without validation).
                if (book.CheckpointDue && !book.Checkpoint(Unflattened(best), null, null)) throw new StopSignal();
            }

            var minimizer = new LimitedMemoryBfgsMinimizer(1e-8, 1e-12, 1e-12, Memory, options.Epochs);
            try
            {
                minimizer.FindMinimum(ObjectiveFunction.Gradient(Objective), Vector<double>.Build.DenseOfArray(Weights.Flatten(blocks, new double[count])));
            }
            catch (Exception e) when (Find<StopSignal>(e) != null)
            {
                if (token.IsCancellationRequested) book.MarkLastInterrupted();
            }
            catch (OptimizationException e) when (Find<StopSignal>(e) == null)
            {
                // Reaching MathNet's iteration cap is the normal end; a failed line search means the loss
                // cannot be lowered further along L-BFGS's direction, which is convergence in practice.
                if (!(e is MaximumIterationsException) && book.Result.EpochsRun == 0)
                    observer?.Warning("L-BFGS could not lower the loss from the starting weights: " + e.Message);
            }
            Weights.Unflatten(best, blocks);
            model.Optimizer = null;
            return book.Finish(keptBest: book.Result.EpochsRun > 0, token.IsCancellationRequested, null);

            // A checkpoint's weights as blocks (made only when one is written).
            double[][] Unflattened(double[] flat)
            {
                var copy = Weights.Snapshot(blocks);
                Weights.Unflatten(flat, copy);
                return copy;
            }
        }

        private static T Find<T>(Exception e) where T : Exception
        {
            for (; e != null; e = e.InnerException)
                if (e is T match) return match;
            return null;
        }

        /// <summary>Unwinds MathNet's loop from inside the objective: Ctrl+C, an observer's refusal, early stopping or the epoch cap.</summary>
        private sealed class StopSignal : Exception
        {
        }
    }
}
