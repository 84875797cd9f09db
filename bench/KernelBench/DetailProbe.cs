using System;
using System.Diagnostics;
using NeuralNet.Core;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;

/// <summary>Each product and fused layer of a W3 batch, timed apart, on freshly gathered rows (development probe).</summary>
internal static class DetailProbe
{
    public static void Run()
    {
        const int rows = 128, batches = 300;
        var network = Network.Create(new[] { 784, 256, 10 }, Activation.ReLU, Activation.Softmax, true);
        WeightInitializer.Initialize(network, WeightInit.He, 0);
        var ws = new Workspace(network, rows);
        var random = new Random(1);
        var data = new double[60000 * 784 / 10];
        for (int i = 0; i < data.Length; i++) data[i] = random.NextDouble();
        var scratch = new double[rows * 256];
        var g = new double[784 * 256];
        var biasGradient = new double[256];
        var outputGradient = new double[2560];
        var l0 = network.Layers[0]; var l1 = network.Layers[1];
        var t = new double[8];
        var clock = new Stopwatch();
        for (int round = 0; round < 3; round++)
        {
            Array.Clear(t, 0, t.Length);
            for (int b = 0; b < batches; b++)
            {
                for (int r = 0; r < rows; r++) Array.Copy(data, random.Next(6000 - 1) * 784, ws.Input, r * 784, 784);
                clock.Restart();
                MatrixKernels.Multiply(ws.Input, l0.Weights, scratch, rows, 784, 256);
                t[0] += clock.Elapsed.TotalMilliseconds; clock.Restart();
                FusedLayer.Forward(ws.Input, l0.Weights, l0.Bias, l0.Activation, ws.Z[0], ws.A[0], rows, 784, 256);
                t[1] += clock.Elapsed.TotalMilliseconds; clock.Restart();
                FusedLayer.Forward(ws.A[0], l1.Weights, l1.Bias, l1.Activation, ws.Z[1], ws.A[1], rows, 256, 10);
                t[2] += clock.Elapsed.TotalMilliseconds; clock.Restart();
                MatrixKernels.MultiplyTransposeA(ws.Input, ws.Z[0], g, rows, 784, 256);
                t[3] += clock.Elapsed.TotalMilliseconds; clock.Restart();
                MatrixKernels.SumColumns(ws.Z[0], biasGradient, rows, 256);
                t[4] += clock.Elapsed.TotalMilliseconds; clock.Restart();
                FusedLayer.Backward(ws.A[1], l1.Weights, ws.Delta[0], l0.Activation, ws.Z[0], ws.A[0], rows, 10, 256);
                t[5] += clock.Elapsed.TotalMilliseconds; clock.Restart();
                MatrixKernels.MultiplyTransposeA(ws.A[0], ws.A[1], outputGradient, rows, 256, 10);
                t[6] += clock.Elapsed.TotalMilliseconds;
            }
            Console.WriteLine($"us/batch: x.W1 bare {t[0]/batches*1000:F0}, fused layer0 {t[1]/batches*1000:F0}, layer1 {t[2]/batches*1000:F0}, xT.d1 {t[3]/batches*1000:F0}, sumcols {t[4]/batches*1000:F0}, d2.W2T fused {t[5]/batches*1000:F0}, a1T.d2 {t[6]/batches*1000:F0}");
        }
    }
}
