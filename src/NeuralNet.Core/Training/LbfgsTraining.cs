using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Full-batch training with MathNet.Numerics' L-BFGS minimizer over the flattened parameters.
    /// MathNet owns the iteration and its line search, so an "epoch" here is one evaluation that lowered
    /// the training loss (an accepted step, in practice); -Epochs caps both those and MathNet's iterations.
    /// The curvature memory is not kept between calls: a resumed training starts a fresh L-BFGS run.
    /// </summary>
    internal sealed class LbfgsTraining
    {
        private const int Memory = 10;

        private readonly NeuralNetworkModel _model;
        private readonly Network _network;
        private readonly TrainingOptions _options;
        private readonly Loss _loss;
        private readonly OutputLayout _layout;
        private readonly ITrainingObserver _observer;

        public LbfgsTraining(NeuralNetworkModel model, TrainingOptions options, OutputLayout layout, ITrainingObserver observer)
        {
            _model = model;
            _network = model.Network;
            _options = options;
            _loss = options.Loss.Value;
            _layout = layout;
            _observer = observer;
        }

        public TrainingResult Train(DataSet train, DataSet validation, CancellationToken token)
        {
            var blocks = _network.ParameterBlocks;
            int count = 0;
            foreach (var block in blocks) count += block.Length;
            var gradient = new GradientEvaluator(_network, _loss, _options.L2, train.Rows);
            var validationWorkspace = validation != null ? new Workspace(_network, Math.Min(1024, validation.Rows)) : null;
            var metric = new MetricAccumulator(_layout, MetricAccumulator.ColumnMeans(train.Targets, train.Rows, _network.OutputSize));
            int firstEpoch = _model.EpochsTrained;
            var result = new TrainingResult { BestEpoch = firstEpoch };
            var clock = Stopwatch.StartNew();
            double[] best = Flatten(blocks, new double[count]);
            double bestTraining = double.PositiveInfinity, bestMonitored = double.PositiveInfinity;
            int sinceImprovement = 0;
            bool first = true;
            ExceptionDispatchInfo observerFailure = null;

            (double, Vector<double>) Objective(Vector<double> point)
            {
                if (token.IsCancellationRequested) throw new StopSignal(interrupted: true);
                Unflatten(point, blocks);
                metric.Reset();
                double loss = gradient.Evaluate(train, true, metric);
                double objective = loss + gradient.Penalty;
                var g = Vector<double>.Build.Dense(count);
                Flatten(gradient.Gradients, g);
                if (double.IsNaN(objective) || double.IsInfinity(objective)) return (double.PositiveInfinity, g);
                if (objective < bestTraining)
                {
                    bestTraining = objective;
                    if (first) first = false;
                    else Record(loss, point);
                }
                return (objective, g);
            }

            void Record(double loss, Vector<double> point)
            {
                var record = new EpochRecord
                {
                    Epoch = firstEpoch + result.EpochsRun + 1,
                    Loss = loss,
                    MetricName = _layout.MetricName,
                    Metric = metric.Value,
                    LearningRate = double.NaN,
                };
                if (validation != null)
                {
                    var (validationLoss, value) = Evaluator.Evaluate(_network, validation, _loss, _layout, validationWorkspace);
                    record.ValidationLoss = validationLoss;
                    record.ValidationMetric = value;
                }
                record.Elapsed = clock.Elapsed;
                _model.History.Add(record);
                result.EpochsRun++;
                result.FinalLoss = loss;
                if (!Trainer.Notify(_observer, record, _options.Epochs, ref observerFailure)) throw new StopSignal(interrupted: true);
                double monitored = record.ValidationLoss ?? loss;
                if (monitored < bestMonitored - _options.MinDelta)
                {
                    bestMonitored = monitored;
                    result.BestEpoch = record.Epoch;
                    sinceImprovement = 0;
                    Flatten(blocks, best);
                }
                else sinceImprovement++;
                if (_options.Patience.HasValue && sinceImprovement >= _options.Patience.Value) throw new StopSignal(interrupted: false, early: true);
                if (result.EpochsRun >= _options.Epochs) throw new StopSignal(interrupted: false);
            }

            var minimizer = new LimitedMemoryBfgsMinimizer(1e-8, 1e-12, 1e-12, Memory, _options.Epochs);
            try
            {
                minimizer.FindMinimum(ObjectiveFunction.Gradient(Objective), Vector<double>.Build.DenseOfArray(Flatten(blocks, new double[count])));
            }
            catch (Exception e) when (Find<StopSignal>(e) is StopSignal stop)
            {
                if (stop.Interrupted)
                {
                    result.Interrupted = true;
                    if (_model.History.Count > firstEpoch) _model.History[_model.History.Count - 1].Interrupted = true;
                }
                result.StoppedEarly = stop.Early;
            }
            catch (OptimizationException e) when (Find<StopSignal>(e) == null)
            {
                // Reaching MathNet's iteration cap is the normal end; a failed line search means the loss
                // cannot be lowered further along L-BFGS's direction, which is convergence in practice.
                if (!(e is MaximumIterationsException) && result.EpochsRun == 0)
                    _observer?.Warning("L-BFGS could not lower the loss from the starting weights: " + e.Message);
            }
            Unflatten(Vector<double>.Build.DenseOfArray(best), blocks);
            if (result.EpochsRun == 0) result.BestEpoch = _model.EpochsTrained;
            _model.Optimizer = null;
            if (observerFailure != null && !token.IsCancellationRequested) observerFailure.Throw();
            return result;
        }

        private static T Find<T>(Exception e) where T : Exception
        {
            for (; e != null; e = e.InnerException)
                if (e is T match) return match;
            return null;
        }

        private static double[] Flatten(IReadOnlyList<double[]> blocks, double[] into)
        {
            int offset = 0;
            foreach (var block in blocks)
            {
                Array.Copy(block, 0, into, offset, block.Length);
                offset += block.Length;
            }
            return into;
        }

        private static void Flatten(IReadOnlyList<double[]> blocks, Vector<double> into)
        {
            int offset = 0;
            foreach (var block in blocks)
                for (int i = 0; i < block.Length; i++) into[offset++] = block[i];
        }

        private static void Unflatten(Vector<double> point, IReadOnlyList<double[]> blocks)
        {
            int offset = 0;
            foreach (var block in blocks)
                for (int i = 0; i < block.Length; i++) block[i] = point[offset++];
        }

        /// <summary>Unwinds MathNet's loop from inside the objective: Ctrl+C, early stopping or the epoch cap.</summary>
        private sealed class StopSignal : Exception
        {
            public StopSignal(bool interrupted, bool early = false)
            {
                Interrupted = interrupted;
                Early = early;
            }

            public bool Interrupted { get; }

            public bool Early { get; }
        }
    }
}
