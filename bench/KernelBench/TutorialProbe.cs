using System;
using System.Diagnostics;
using System.Threading;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;

/// <summary>Where a tutorial epoch's time goes, without PowerShell (development probe).</summary>
internal static class TutorialProbe
{
    public static void Run(bool trainerOnly = false)
    {
        var x = new[] { new double[] { 0, 0, 1 }, new double[] { 1, 1, 1 }, new double[] { 1, 0, 1 }, new double[] { 0, 1, 1 } };
        var y = new[] { new double[] { 0 }, new double[] { 1 }, new double[] { 1 }, new double[] { 0 } };
        var initial = new[]
        {
            new[] { new[] { 0.1, 0.2, 0.3, 0.4 }, new[] { -0.1, 0.2, -0.3, 0.4 }, new[] { 0.5, -0.2, 0.3, 0.1 } },
            new[] { new[] { 0.3 }, new[] { -0.2 }, new[] { 0.1 }, new[] { 0.4 } },
        };
        for (int round = 0; round < (trainerOnly ? 300 : 5); round++)
        {
            foreach (int epochs in new[] { 1, 10000 })
            {
                var spec = new NetworkOptions
                {
                    LayerSizes = new[] { 3, 4, 1 }, Activation = Activation.Sigmoid, OutputActivation = Activation.Sigmoid, NoBias = true, Seed = 0,
                    InitialWeights = initial,
                }.ToSpec();
                var clock = Stopwatch.StartNew();
                var model = NeuralNetworkModel.Create(spec);
                var options = new TrainingOptions { Epochs = epochs, LearningRate = 1, BatchSize = 4, Loss = Loss.SumSquaredError, Optimizer = OptimizerKind.GradientDescent };
                var prepared = TrainingSetup.Prepare(model, DataSet.FromMatrices(x, y), options);
                double setup = clock.Elapsed.TotalMilliseconds;
                new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, CancellationToken.None);
                if (!trainerOnly) Console.WriteLine($"epochs {epochs,6}: setup {setup:F3} ms, train {clock.Elapsed.TotalMilliseconds - setup:F3} ms");
            }
        }
        if (trainerOnly) return;
        // The pass alone, 10,000 times.
        {
            var spec = new NetworkOptions { LayerSizes = new[] { 3, 4, 1 }, Activation = Activation.Sigmoid, OutputActivation = Activation.Sigmoid, NoBias = true, InitialWeights = initial }.ToSpec();
            var model = NeuralNetworkModel.Create(spec);
            var options = new TrainingOptions { Epochs = 1, LearningRate = 1, BatchSize = 4, Loss = Loss.SumSquaredError, Optimizer = OptimizerKind.GradientDescent };
            var prepared = TrainingSetup.Prepare(model, DataSet.FromMatrices(x, y), options);
            var network = model.Network;
            var metric = new MetricAccumulator(prepared.Plan.Layout, MetricAccumulator.ColumnMeans(prepared.Train.Targets, 4, 1));
            var pass = new EpochPass(network, prepared.Train, prepared.Plan.Loss, 4, false, null, metric);
            var optimizer = OptimizerKind.GradientDescent.Rule().Create(network, 1, 0, false);
            var ws = new Workspace(network, 4);
            prepared.Train.CopyFeatures(0, 4, ws.Input, 0);
            for (int round = 0; round < 8; round++)
            {
                var clock = Stopwatch.StartNew();
                var o2 = new TrainingOptions { Epochs = 10000, LearningRate = 1, BatchSize = 4, Loss = Loss.SumSquaredError, Optimizer = OptimizerKind.GradientDescent };
                var m2 = NeuralNetworkModel.Create(spec);
                var p2 = TrainingSetup.Prepare(m2, DataSet.FromMatrices(x, y), o2);
                double prep = clock.Elapsed.TotalMilliseconds; clock.Restart();
                int gc0 = GC.CollectionCount(0); var pause0 = GC.GetTotalPauseDuration();
                new Trainer(m2, p2.Plan, null).Train(p2.Train, null, CancellationToken.None);
                Console.Write($"gcs {GC.CollectionCount(0) - gc0} pause {(GC.GetTotalPauseDuration() - pause0).TotalMilliseconds:F3} ms; ");
                double trainer = clock.Elapsed.TotalMilliseconds; clock.Restart();
                for (int e = 0; e < 10000; e++) pass.Run(optimizer, network.ParameterBlocks, CancellationToken.None, e);
                double run = clock.Elapsed.TotalMilliseconds; clock.Restart();
                for (int e = 0; e < 10000; e++) network.Forward(ws, 4);
                double forward = clock.Elapsed.TotalMilliseconds; clock.Restart();
                for (int e = 0; e < 10000; e++) network.Backward(ws, 4);
                double backward = clock.Elapsed.TotalMilliseconds; clock.Restart();
                for (int e = 0; e < 10000; e++) optimizer.Step(network.ParameterBlocks, ws.GradientBlocks);
                double step = clock.Elapsed.TotalMilliseconds; clock.Restart();
                for (int e = 0; e < 10000; e++) metric.Add(ws.A[ws.A.Length - 1], ws.Target, 4, 1);
                double met = clock.Elapsed.TotalMilliseconds;
                Console.WriteLine($"prep {prep:F3} trainer {trainer:F3}; 10,000 passes {run:F3} ms; of which forward {forward:F3}, backward {backward:F3}, step {step:F3}, metric {met:F3}");
            }
        }
    }
}
