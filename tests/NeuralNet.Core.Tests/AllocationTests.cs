using System;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    public class AllocationTests
    {
        [Theory]
        [InlineData(OptimizerKind.GradientDescent, Precision.Double)]
        [InlineData(OptimizerKind.Adam, Precision.Double)]
        [InlineData(OptimizerKind.GradientDescent, Precision.Single)]
        public void Training_allocates_nothing_per_batch(OptimizerKind optimizer, Precision precision)
        {
            // 256-wide layers and batches of 64 make the products large enough to be split over two threads.
            const int rows = 64 * 40, inputs = 256;
            var random = new Random(1);
            var x = new double[rows * inputs];
            var y = new double[rows * 10];
            for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble() - 0.5;
            for (int r = 0; r < rows; r++) y[r * 10 + r % 10] = 1;
            var data = new DataSet(x, y, rows, inputs, 10);

            long AllocatedFor(int epochs)
            {
                var model = NeuralNetworkModel.Create(new NetworkSpec { HiddenSizes = new[] { 256 }, Seed = 2, Precision = precision });
                var options = new TrainingOptions { Epochs = epochs, BatchSize = 64, Optimizer = optimizer, Loss = Loss.CrossEntropy };
                var prepared = TrainingSetup.Prepare(model, data, options);
                var trainer = new Trainer(model, prepared.Options, prepared.Layout, null);
                long before = GC.GetAllocatedBytesForCurrentThread();
                trainer.Train(prepared.Train, null, default);
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            AllocatedFor(1); // warm-up: helper thread, JIT
            long two = AllocatedFor(2), six = AllocatedFor(6);
            // Four more epochs are 160 more batches; an epoch's own record is a few hundred bytes.
            Assert.True(six - two < 4 * 1024, $"{six - two} bytes for 4 more epochs of 40 batches each");
        }
    }
}
