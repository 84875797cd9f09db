using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;
using MathNet.Numerics.Random;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using System.Runtime.CompilerServices;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Mini-batch training, epoch by epoch: an <see cref="EpochPass"/> over the rows, then the epoch's
    /// bookkeeping (divergence check, learning-rate schedule, history, best weights, early stopping).
    /// Buffers are allocated once per call, never per batch. Cancellation is honoured between batches;
    /// the network never keeps non-finite weights.
    /// </summary>
    public sealed class Trainer
    {
        public const int DefaultBatchSize = 32;
        private const int MaxLearningRateHalvings = 20;

        private readonly NeuralNetworkModel _model;
        private readonly Network _network;
        private readonly TrainingOptions _options;
        private readonly Loss _loss;
        private readonly OutputLayout _layout;
        private readonly ITrainingObserver _observer;

        /// <param name="model">A built network; its history and optimizer state are continued.</param>
        /// <param name="options">Options with <see cref="TrainingOptions.Loss"/> resolved.</param>
        /// <param name="layout">How outputs group into targets (for the metric).</param>
        /// <param name="observer">Receives each epoch and warnings; may be null.</param>
        public Trainer(NeuralNetworkModel model, TrainingOptions options, OutputLayout layout, ITrainingObserver observer)
        {
            if (!model.IsBuilt) throw new InvalidOperationException("The network must be built before training.");
            if (!options.Loss.HasValue || !options.Optimizer.HasValue) throw new ArgumentException("The loss and optimizer must be resolved before training.", nameof(options));
            _model = model;
            _network = model.Network;
            _options = options;
            _loss = options.Loss.Value;
            _layout = layout;
            _observer = observer;
        }

        [MethodImpl(Hot.Optimize)]
        public TrainingResult Train(DataSet train, DataSet validation, CancellationToken token)
        {
            int n = train.Rows, outputs = _network.OutputSize;
            if (n == 0) throw new NeuralNetException("NoRows", ErrorKind.InvalidData, "No rows to train on.");
            if (_options.Optimizer.Value == OptimizerKind.Lbfgs)
                return new LbfgsTraining(_model, _options, _layout, _observer).Train(train, validation, token);
            int batch = Math.Min(_options.BatchSize ?? (_options.Optimizer.Value == OptimizerKind.Rprop ? n : DefaultBatchSize), n);
            var validationWorkspace = validation != null ? new Workspace(_network, Math.Min(Math.Max(batch, 256), validation.Rows)) : null;
            var parameters = _network.ParameterBlocks;
            // The weights at the start of the epoch, restored if it diverges. Two buffers take turns: each
            // epoch's end copies the weights into the spare one while checking them, in a single pass.
            var lastGood = Snapshot(parameters);
            var spare = Snapshot(parameters);
            var initial = Snapshot(parameters);
            var best = Snapshot(parameters);
            var optimizer = ResolveOptimizer();
            double baseRate = optimizer.LearningRate;
            int seed = _options.Seed ?? _model.Spec.Seed;
            var random = new MersenneTwister(unchecked(seed * 31 + _model.EpochsTrained), threadSafe: false);
            string metricName = _layout.MetricName;
            var metric = new MetricAccumulator(_layout, MetricAccumulator.ColumnMeans(train.Targets, n, outputs));
            var pass = new EpochPass(_network, train, _loss, batch, _options.Shuffle, random, metric);
            bool monitorsBest = validation != null || _options.Patience.HasValue;
            double bestLoss = double.PositiveInfinity;
            int epochsWithoutImprovement = 0, plateauWait = 0, halvings = 0;
            int firstEpoch = _model.EpochsTrained;
            var result = new TrainingResult { BestEpoch = firstEpoch };
            var clock = new CoarseClock();
            ExceptionDispatchInfo observerFailure = null;

            for (int e = 0; e < _options.Epochs; e++)
            {
                optimizer.LearningRate = ScheduledRate(baseRate, e, optimizer.LearningRate, ref plateauWait);
                pass.Run(optimizer, parameters, token);
                if (pass.Interrupted) result.Interrupted = true;
                bool diverged = pass.Diverged;
                int rowsDone = pass.RowsDone;
                if (!diverged)
                {
                    if (CopyIfFinite(parameters, spare)) (lastGood, spare) = (spare, lastGood);
                    else diverged = true;
                }
                if (diverged)
                {
                    if (!_options.AutoReduceLearningRate || ++halvings > MaxLearningRateHalvings)
                    {
                        Copy(lastGood, parameters);
                        throw new NeuralNetException("TrainingDiverged", ErrorKind.InvalidResult,
                            $"Training diverged in epoch {firstEpoch + e + 1}: the loss became NaN or infinite at learning rate {optimizer.LearningRate:G4}. " +
                            "The weights are those from before that epoch. Lower -LearningRate, scale the inputs (-Scaling Standard), or use -AutoReduceLearningRate.");
                    }
                    // Weights that merely stayed finite may already be far off, so restart this call
                    // from the weights it began with, the last ones known to be good.
                    baseRate /= 2;
                    _observer?.Warning($"The loss became NaN or infinite in epoch {firstEpoch + e + 1}; halving the learning rate to {baseRate:G4} and restarting from the weights training began with.");
                    Copy(initial, parameters);
                    Copy(initial, lastGood);
                    _model.History.RemoveRange(firstEpoch, _model.History.Count - firstEpoch);
                    result = new TrainingResult { BestEpoch = firstEpoch };
                    bestLoss = double.PositiveInfinity;
                    epochsWithoutImprovement = plateauWait = 0;
                    optimizer = Optimizer.Create(_options.Optimizer.Value, _network, baseRate, _options.L2, _options.Nesterov);
                    e = -1;
                    continue;
                }
                if (rowsDone == 0)
                {
                    if (_model.History.Count > 0) _model.History[_model.History.Count - 1].Interrupted = true;
                    break;
                }

                var record = new EpochRecord
                {
                    Epoch = firstEpoch + e + 1,
                    Loss = pass.Sum / Losses.Normaliser(_loss, rowsDone, outputs),
                    MetricName = metricName,
                    Metric = metric.Value,
                    LearningRate = optimizer.LearningRate,
                    Interrupted = result.Interrupted,
                };
                if (validation != null && !result.Interrupted)
                {
                    var (loss, value) = Evaluator.Evaluate(_network, validation, _loss, _layout, validationWorkspace);
                    record.ValidationLoss = loss;
                    record.ValidationMetric = value;
                }
                record.Elapsed = e == _options.Epochs - 1 ? clock.Precise : clock.Elapsed;
                _model.History.Add(record);
                result.EpochsRun++;
                result.FinalLoss = record.Loss;
                if (!Notify(_observer, record, _options.Epochs, ref observerFailure)) result.Interrupted = true;
                if (result.Interrupted) break;

                double monitored = record.ValidationLoss ?? record.Loss;
                if (monitored < bestLoss - _options.MinDelta)
                {
                    bestLoss = monitored;
                    result.BestEpoch = record.Epoch;
                    epochsWithoutImprovement = 0;
                    if (monitorsBest) Copy(parameters, best);
                }
                else
                {
                    epochsWithoutImprovement++;
                    plateauWait++;
                }
                if (_options.Patience.HasValue && epochsWithoutImprovement >= _options.Patience.Value)
                {
                    result.StoppedEarly = true;
                    break;
                }
            }

            if (monitorsBest && result.EpochsRun > 0 && bestLoss < double.PositiveInfinity) Copy(best, parameters);
            else result.BestEpoch = _model.EpochsTrained;
            _model.Optimizer = optimizer;
            if (observerFailure != null && !token.IsCancellationRequested) observerFailure.Throw();
            return result;
        }

        /// <summary>Reuses the optimizer state of an earlier call when the optimizer is the same, so training resumes smoothly.</summary>
        private Optimizer ResolveOptimizer()
        {
            double rate = _options.LearningRate ?? Optimizer.DefaultLearningRate(_options.Optimizer.Value);
            var previous = _model.Optimizer;
            bool sameKind = previous != null && previous.Kind == _options.Optimizer &&
                (!(previous is MomentumOptimizer momentum) || momentum.Nesterov == _options.Nesterov);
            if (sameKind)
            {
                previous.LearningRate = rate;
                previous.WeightDecay = _options.L2;
                return previous;
            }
            return Optimizer.Create(_options.Optimizer.Value, _network, rate, _options.L2, _options.Nesterov);
        }

        [MethodImpl(Hot.Optimize)]
        private double ScheduledRate(double baseRate, int epoch, double current, ref int plateauWait)
        {
            switch (_options.Schedule)
            {
                case LearningRateSchedule.Step:
                    return baseRate * Math.Pow(_options.ScheduleFactor, epoch / Math.Max(1, _options.ScheduleStep));
                case LearningRateSchedule.Exponential:
                    return baseRate * Math.Pow(_options.ScheduleFactor, epoch);
                case LearningRateSchedule.Plateau:
                    if (epoch == 0) return baseRate;
                    if (plateauWait >= Math.Max(1, _options.ScheduleStep))
                    {
                        plateauWait = 0;
                        return current * _options.ScheduleFactor;
                    }
                    return current;
                default:
                    return baseRate;
            }
        }

        /// <summary>
        /// Reports an epoch. An observer that throws (PowerShell's writes throw once the pipeline is
        /// stopping, sometimes before the token is cancelled) ends training as an interruption: the
        /// epoch is marked, the best weights are restored, and then the failure is rethrown.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        internal static bool Notify(ITrainingObserver observer, EpochRecord record, int epochsPlanned, ref ExceptionDispatchInfo failure)
        {
            try
            {
                observer?.EpochCompleted(record, epochsPlanned);
                return true;
            }
            catch (Exception e)
            {
                record.Interrupted = true;
                failure = ExceptionDispatchInfo.Capture(e);
                return false;
            }
        }

        private static double[][] Snapshot(double[][] blocks)
        {
            var copy = new double[blocks.Length][];
            for (int b = 0; b < blocks.Length; b++) copy[b] = (double[])blocks[b].Clone();
            return copy;
        }

        [MethodImpl(Hot.Optimize)]
        private static void Copy(double[][] from, double[][] to)
        {
            for (int b = 0; b < from.Length; b++)
            {
                double[] source = from[b], target = to[b];
                if (source.Length <= 16) for (int i = 0; i < source.Length; i++) target[i] = source[i];
                else Array.Copy(source, target, source.Length);
            }
        }

        /// <summary>
        /// Copies the weights and tells whether all of them are finite (no NaN, no infinity): w·0 is 0
        /// for a finite w and NaN otherwise, so one sum answers for every block without a branch per element.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private static bool CopyIfFinite(double[][] blocks, double[][] into)
        {
            double zero = 0.0;
            for (int b = 0; b < blocks.Length; b++)
            {
                double[] block = blocks[b], target = into[b];
                for (int i = 0; i < block.Length; i++)
                {
                    double w = block[i];
                    target[i] = w;
                    zero += w * 0.0;
                }
            }
            return zero == 0.0;
        }
    }
}
