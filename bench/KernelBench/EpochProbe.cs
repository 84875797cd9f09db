using System;
using System.Diagnostics;
using NeuralNet.Core;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;

/// <summary>Where a W3 batch's time goes (development probe).</summary>
internal static class EpochProbe
{
    public static void Run(Precision precision = Precision.Double)
    {
        const int rows = 128, batches = 200;
        var network = Network.Create(new[] { 784, 256, 10 }, Activation.ReLU, Activation.Softmax, true);
        WeightInitializer.Initialize(network, WeightInit.He, 0);
        var ws = new Workspace(network, rows, precision);
        var random = new Random(1);
        var data = new double[60000 * 784 / 10];
        for (int i = 0; i < data.Length; i++) data[i] = random.NextDouble();
        for (int r = 0; r < rows; r++) ws.Target[r * 10 + r % 10] = 1;
        var optimizer = OptimizerKind.GradientDescent.Rule().Create(network, 0.01, 0, false);
        var t = new double[6];
        var clock = new Stopwatch();
        for (int round = 0; round < 3; round++)
        {
            Array.Clear(t, 0, t.Length);
            for (int b = 0; b < batches; b++)
            {
                clock.Restart();
                for (int r = 0; r < rows; r++) Array.Copy(data, random.Next(6000 - 1) * 784, ws.Input, r * 784, 784);
                t[0] += clock.Elapsed.TotalMilliseconds; clock.Restart();
                var output = network.Forward(ws, rows);
                t[1] += clock.Elapsed.TotalMilliseconds; clock.Restart();
                double sum = Loss.CrossEntropy.Function().Sum(Activation.Softmax, ws.Z[1], output, ws.Target, rows * 10, 10);
                Loss.CrossEntropy.Function().OutputGradient(Activation.Softmax, ws.Z[1], output, ws.Target, ws.Delta[1], rows * 10, 10, rows);
                t[2] += clock.Elapsed.TotalMilliseconds; clock.Restart();
                network.Backward(ws, rows);
                t[3] += clock.Elapsed.TotalMilliseconds; clock.Restart();
                optimizer.Step(network.ParameterBlocks, ws.GradientBlocks);
                t[4] += clock.Elapsed.TotalMilliseconds;
            }
            Console.WriteLine($"{precision} per batch: gather {t[0] / batches * 1000:F0} us, forward {t[1] / batches * 1000:F0} us, loss {t[2] / batches * 1000:F0} us, backward {t[3] / batches * 1000:F0} us, step {t[4] / batches * 1000:F0} us; epoch of 469 batches ≈ {(t[0] + t[1] + t[2] + t[3] + t[4]) / batches * 469 / 1000:F2} s");
        }
    }
}
