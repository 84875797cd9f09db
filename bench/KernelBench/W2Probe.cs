using System;
using System.Diagnostics;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;

/// <summary>
/// W2's training without PowerShell: 50 epochs of 64-64-10 ReLU/softmax, Adam, batches of 32, on
/// digits-sized data (1,348 rows of 64 pixels, 10 classes), and one batch's parts timed alone (development probe).
/// </summary>
internal static class W2Probe
{
    public static void Run()
    {
        const int rows = 1348, inputs = 64, classes = 10, batch = 32;
        var random = new Random(0);
        var x = new double[rows][];
        var y = new double[rows][];
        for (int r = 0; r < rows; r++)
        {
            x[r] = new double[inputs];
            for (int c = 0; c < inputs; c++) x[r][c] = random.Next(17);
            y[r] = new double[classes];
            y[r][r % classes] = 1;
        }
        for (int round = 0; round < 4; round++)
        {
            var spec = new NetworkOptions { HiddenLayers = new[] { 64 }, Activation = Activation.ReLU, Seed = 0 }.ToSpec();
            var clock = Stopwatch.StartNew();
            var model = NeuralNetworkModel.Create(spec);
            var options = new TrainingOptions { Epochs = 50, LearningRate = 0.001, BatchSize = batch, Loss = Loss.CrossEntropy, Optimizer = OptimizerKind.Adam };
            var prepared = TrainingSetup.Prepare(model, DataSet.FromMatrices(x, y), options);
            double setup = clock.Elapsed.TotalMilliseconds;
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, prepared.Validation, System.Threading.CancellationToken.None);
            double train = clock.Elapsed.TotalMilliseconds - setup;
            Console.WriteLine($"W2: setup {setup:F1} ms, 50 epochs {train:F1} ms, {train * 1000 / (50.0 * ((rows + batch - 1) / batch)):F1} us a batch");
        }
        // One batch's parts, 10,000 times each.
        var network = Network.Create(new[] { inputs, 64, classes }, Activation.ReLU, Activation.Softmax, true);
        WeightInitializer.Initialize(network, WeightInit.He, 0);
        var ws = new Workspace(network, batch);
        for (int i = 0; i < batch * inputs; i++) ws.Input[i] = random.Next(17);
        for (int r = 0; r < batch; r++) ws.Target[r * classes + r % classes] = 1;
        var adam = OptimizerKind.Adam.Rule().Create(network, 0.001, 0, false);
        var watch = new Stopwatch();
        for (int round = 0; round < 3; round++)
        {
            watch.Restart();
            for (int i = 0; i < 10000; i++) network.Forward(ws, batch);
            double forward = watch.Elapsed.TotalMilliseconds / 10;
            watch.Restart();
            for (int i = 0; i < 10000; i++) network.Backward(ws, batch);
            double backward = watch.Elapsed.TotalMilliseconds / 10;
            watch.Restart();
            for (int i = 0; i < 10000; i++) adam.Step(network.ParameterBlocks, ws.GradientBlocks);
            double step = watch.Elapsed.TotalMilliseconds / 10;
            Console.WriteLine($"a batch: forward {forward:F1} us, backward {backward:F1} us, Adam step {step:F1} us");
        }
    }
}
