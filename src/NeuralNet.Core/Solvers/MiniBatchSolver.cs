using MathNet.Numerics.Random;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Solvers
{
    /// <summary>
    /// Mini-batch training with an update rule: epoch by epoch an <see cref="EpochPass"/> over the rows,
    /// then the divergence check and the learning-rate schedule, and the shared bookkeeping
    /// (<see cref="EpochBookkeeper"/>). Buffers are allocated once per call, never per batch.
    /// Cancellation is honoured between batches; the network never keeps non-finite weights.
    /// A call that continues an unfinished one (<see cref="ResumePoint"/>) takes up its shuffles,
    /// schedule and rates, so it trains on as the unfinished call would have.
    /// </summary>
    internal sealed class MiniBatchSolver : ISolver
    {
        /// <summary>How often -AutoReduceLearningRate may halve the rate in one run before it gives up.</summary>
        internal const int MaxLearningRateHalvings = 20;

        [MethodImpl(Hot.Optimize)]
        public TrainingResult Train(NeuralNetworkModel model, TrainingPlan plan, DataSet train, DataSet validation, ITrainingObserver observer,
            Checkpoints checkpoints, ResumePoint resume, CancellationToken token)
        {
            var network = model.Network;
            var options = plan.Options;
            int n = train.Rows, outputs = network.OutputSize;
            int batch = plan.BatchSize(n);
            var book = new EpochBookkeeper(model, plan, observer, validation, Math.Max(batch, 256), checkpoints, resume);
            var parameters = network.ParameterBlocks;
            // The weights at the start of the epoch, restored if it diverges. Two buffers take turns: each
            // epoch's end copies the weights into the spare one while checking them, in a single pass.
            var lastGood = CallScratch.Copy(parameters);
            var spare = CallScratch.Copy(parameters);
            // The weights the call began with (only -AutoReduceLearningRate starts again from them) and the
            // best epoch's (only with validation or patience): copies made only where they are used, since
            // every fresh megabyte costs page faults, which took tens of milliseconds a call on the CI machine.
            bool keepsBest = validation != null || options.Patience.HasValue;
            var initial = options.AutoReduceLearningRate ? Weights.Snapshot(parameters) : null;
            var best = keepsBest ? Weights.Snapshot(parameters) : null;
            var optimizer = ResolveOptimizer(model, plan);
            double baseRate = resume?.BaseLearningRate ?? optimizer.LearningRate;
            if (resume != null) optimizer.LearningRate = resume.LearningRate;
            // Shuffles are seeded by the epoch count where the run began, and drawn on from there: one per epoch recorded since.
            int seedEpoch = resume?.ShuffleSeedEpoch ?? model.EpochsTrained;
            bool shuffles = options.Shuffle && batch < n;
            long shuffledAtStart = shuffles ? resume?.Shuffles ?? 0 : 0, shuffled = shuffledAtStart;
            // The generator is made only where rows are shuffled: seeding one fills 624 words, in MathNet's
            // code, which runs unoptimised in PowerShell (a tenth of a one-epoch tutorial call).
            MersenneTwister Shuffler() => shuffles ? new MersenneTwister(unchecked(plan.Seed * 31 + seedEpoch), threadSafe: false) : null;
            var random = Shuffler();
            var rows = shuffled > 0 ? ShuffleReplay.Replay(train, random, shuffled) : train;
            var metric = new MetricAccumulator(plan.Layout, train.TargetMeans());
            var pass = new EpochPass(network, rows, plan.Loss, batch, options.Shuffle, random, metric, plan.Dropout, plan.Seed);
            int scheduleStart = resume?.ScheduleEpoch ?? 0, stalledStart = resume?.Stalled ?? 0;
            var schedule = new RateSchedule(options, stalledStart);
            int halvings = resume?.Halvings ?? 0;
            int scheduled = scheduleStart;

            ResumePoint Where() => book.Where(seedEpoch, shuffled, scheduled, baseRate, optimizer.LearningRate, schedule.StalledEpochs, halvings);

            try
            {
                for (int e = 0; e < options.Epochs; e++)
                {
                    optimizer.LearningRate = schedule.Rate(baseRate, scheduled, optimizer.LearningRate);
                    pass.Run(optimizer, parameters, token, book.FirstEpoch + e);
                    bool diverged = pass.Diverged;
                    if (!diverged)
                    {
                        if (Weights.CopyIfFinite(parameters, spare)) (lastGood, spare) = (spare, lastGood);
                        else diverged = true;
                    }
                    if (diverged)
                    {
                        if (!options.AutoReduceLearningRate || ++halvings > MaxLearningRateHalvings)
                        {
                            Weights.Copy(lastGood, parameters);
                            throw new NeuralNetException("TrainingDiverged", ErrorKind.InvalidResult,
                                $"Training diverged in epoch {book.FirstEpoch + e + 1}: the loss became NaN or infinite at learning rate {optimizer.LearningRate:G4}. " +
                                "The weights are those from before that epoch. Lower -LearningRate, scale the inputs (-Scaling Standard), or use -AutoReduceLearningRate.");
                        }
                        // Weights that merely stayed finite may already be far off, so restart this call
                        // from the weights it began with, the last ones known to be good, and with its shuffles:
                        // the call begins again at half the rate (and the shuffles drawn stay one per epoch recorded).
                        random = Shuffler();
                        if (random != null) ShuffleReplay.Order(random, shuffledAtStart, n);
                        shuffled = shuffledAtStart;
                        pass.Release();
                        pass = new EpochPass(network, rows, plan.Loss, batch, options.Shuffle, random, metric, plan.Dropout, plan.Seed);
                        baseRate /= 2;
                        observer?.Warning($"The loss became NaN or infinite in epoch {book.FirstEpoch + e + 1}; halving the learning rate to {baseRate:G4} and restarting from the weights training began with.");
                        Weights.Copy(initial, parameters);
                        Weights.Copy(initial, lastGood);
                        book.Restart();
                        schedule.Reset(stalledStart);
                        scheduled = scheduleStart;
                        optimizer = plan.Optimizer.Rule().Create(network, baseRate, options.L2, options.Nesterov);
                        e = -1;
                        continue;
                    }
                    if (pass.RowsDone == 0)
                    {
                        // Stopped before its first batch: this epoch never happened, so neither did its shuffle.
                        book.MarkLastInterrupted();
                        break;
                    }
                    if (shuffles) shuffled++;
                    scheduled++;
                    var outcome = book.Complete(pass.Sum / plan.Loss.Function().Normaliser(pass.RowsDone, outputs), metric.Value, optimizer.LearningRate,
                        pass.Interrupted, lastPlanned: e == options.Epochs - 1);
                    if ((outcome & EpochOutcome.Best) != 0 && keepsBest) Weights.Copy(parameters, best);
                    if ((outcome & EpochOutcome.Best) == 0) schedule.Stalled();
                    if ((outcome & EpochOutcome.Stop) != 0) break;
                    // The last epoch's checkpoint is the one Finish writes.
                    if (e < options.Epochs - 1 && book.CheckpointDue && !book.Checkpoint(validation != null ? best : null, optimizer, Where())) break;
                }

                bool keptBest = keepsBest && book.Result.EpochsRun > 0 && book.HasBest;
                if (keptBest) Weights.Copy(best, parameters);
                model.Optimizer = optimizer;
                return book.Finish(keptBest, token.IsCancellationRequested, Where());
            }
            finally
            {
                // The buffers serve this thread's next call of the same shapes (CallScratch).
                pass.Release();
                CallScratch.Return(lastGood);
                CallScratch.Return(spare);
            }
        }

        /// <summary>Reuses the optimizer state of an earlier call when the optimizer is the same, so training resumes smoothly.</summary>
        private static Optimizer ResolveOptimizer(NeuralNetworkModel model, TrainingPlan plan)
        {
            var options = plan.Options;
            var previous = model.Optimizer;
            bool sameKind = previous != null && previous.Kind == plan.Optimizer && previous.Nesterov == (options.Nesterov && plan.Optimizer == OptimizerKind.Momentum);
            if (sameKind)
            {
                previous.LearningRate = plan.LearningRate;
                previous.WeightDecay = options.L2;
                return previous;
            }
            return plan.Optimizer.Rule().Create(model.Network, plan.LearningRate, options.L2, options.Nesterov);
        }
    }
}
