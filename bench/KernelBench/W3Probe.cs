using System;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;

/// <summary>W3 as Invoke-NetworkTraining runs it, without PowerShell: one epoch of 784-256-10 on 60,000 rows (development probe).</summary>
internal static class W3Probe
{
    public static void Run(string precision, bool teacher = false)
    {
        const int rows = 60000;
        double[][] x, y;
        if (teacher)
        {
            // The bench's own rows (bench/BenchData.cs): normal inputs, a linear teacher's labels.
            var data = BenchData.Teacher(rows, 0);
            x = data[0];
            y = data[1];
        }
        else
        {
            var random = new Random(0);
            x = new double[rows][];
            y = new double[rows][];
            for (int r = 0; r < rows; r++)
            {
                x[r] = new double[784];
                for (int c = 0; c < 784; c++) x[r][c] = random.NextDouble();
                y[r] = new double[10];
                y[r][r % 10] = 1;
            }
        }
        for (int round = 0; round < 4; round++)
        {
            var spec = new NetworkOptions
            {
                LayerSizes = new[] { 784, 256, 10 }, Activation = Activation.ReLU, OutputActivation = Activation.Softmax, Seed = 0,
                Precision = precision == "single" ? Precision.Single : Precision.Double,
            }.ToSpec();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var model = NeuralNetworkModel.Create(spec);
            var options = new TrainingOptions { Epochs = 1, LearningRate = 0.01, BatchSize = 128, Loss = Loss.CrossEntropy, Optimizer = OptimizerKind.GradientDescent };
            double create = clock.Elapsed.TotalMilliseconds;
            var data = DataSet.FromMatrices(x, y);
            double check = clock.Elapsed.TotalMilliseconds - create;
            var prepared = TrainingSetup.Prepare(model, data, options);
            double setup = clock.Elapsed.TotalMilliseconds;
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, prepared.Validation, System.Threading.CancellationToken.None);
            // A digest of the trained weights: a change that should keep every bit shows here.
            long digest = 17;
            foreach (var block in model.Network.ParameterBlocks)
                foreach (var w in block) digest = digest * 31 + BitConverter.DoubleToInt64Bits(w);
            Console.WriteLine($"W3 {precision}: setup {setup:F0} ms (network {create:F0}, matrices checked {check:F0}), epoch {clock.Elapsed.TotalMilliseconds - setup:F0} ms, weights digest {digest:X16}");
        }
    }
}
