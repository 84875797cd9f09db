using System;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// Runs alone: the no-collection region that makes the count exact is process-wide, so other
    /// tests allocating at the same time would end it.
    /// </summary>
    [CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
    public class AllocationTestsRunAlone
    {
    }

    [Collection(nameof(AllocationTests))]
    public class AllocationTests
    {
        /// <summary>Random inputs in [−0.5, 0.5) and ten classes taken in turn.</summary>
        private static DataSet TenClasses(int rows, int inputs, int seed)
        {
            var random = new Random(seed);
            var x = new double[rows * inputs];
            var y = new double[rows * 10];
            for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble() - 0.5;
            for (int r = 0; r < rows; r++) y[r * 10 + r % 10] = 1;
            return new DataSet(x, y, rows, inputs, 10);
        }

        /// <summary>
        /// Bytes this thread allocates in <paramref name="work"/>. A collection inside the measurement retires
        /// the thread's allocation context and counts its unused part (kilobytes) as allocated, so the count
        /// is taken where none can happen.
        /// </summary>
        private static long Allocated(Action work)
        {
            Assert.True(GC.TryStartNoGCRegion(64L << 20), "could not suspend collections for the measurement");
            long before = GC.GetAllocatedBytesForCurrentThread();
            work();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.EndNoGCRegion();
            return allocated;
        }

        [Theory]
        [InlineData(OptimizerKind.GradientDescent, Precision.Double)]
        [InlineData(OptimizerKind.Adam, Precision.Double)]
        [InlineData(OptimizerKind.GradientDescent, Precision.Single)]
        public void Training_allocates_nothing_per_batch(OptimizerKind optimizer, Precision precision)
        {
            // 256-wide layers and batches of 64 make the products large enough to be split over two threads.
            const int rows = 64 * 40, inputs = 256;
            var data = TenClasses(rows, inputs, seed: 1);

            long AllocatedFor(int epochs)
            {
                var model = NeuralNetworkModel.Create(new NetworkOptions { HiddenLayers = new[] { 256 }, Seed = 2, Precision = precision }.ToSpec());
                var options = new TrainingOptions { Epochs = epochs, BatchSize = 64, Optimizer = optimizer, Loss = Loss.CrossEntropy };
                var prepared = TrainingSetup.Prepare(model, data, options);
                var trainer = new Trainer(model, prepared.Plan, null);
                return Allocated(() => trainer.Train(prepared.Train, null, default));
            }

            AllocatedFor(1); // warm-up: helper thread, JIT
            long two = AllocatedFor(2), six = AllocatedFor(6);
            // Four more epochs are 160 more batches: even one 24-byte object per batch would add 3,840 bytes,
            // while the epochs' own history records come to about 500.
            Assert.True(six - two < 2048, $"{six - two} bytes for 4 more epochs of 40 batches each");
        }

        [Theory]
        [InlineData(Precision.Double, false)]
        [InlineData(Precision.Single, false)]
        [InlineData(Precision.Double, true)]
        public void A_second_call_of_the_same_shapes_reuses_the_first_ones_buffers_and_trains_as_a_first_call(Precision precision, bool dropout)
        {
            const int rows = 64 * 8, inputs = 256;
            var data = TenClasses(rows, inputs, seed: 3);
            NeuralNetworkModel Model(int seed) => NeuralNetworkModel.Create(new NetworkOptions { HiddenLayers = new[] { 256 }, Seed = seed, Precision = precision }.ToSpec());
            TrainingOptions Options(bool drops) => new TrainingOptions { Epochs = 2, BatchSize = 64, Loss = Loss.CrossEntropy, Dropout = drops ? new[] { 0.3 } : null };
            (long Allocated, double[][] Weights) Train(NeuralNetworkModel model, bool drops)
            {
                var options = Options(drops);
                var prepared = TrainingSetup.Prepare(model, data, options);
                var trainer = new Trainer(model, prepared.Plan, null);
                return (Allocated(() => trainer.Train(prepared.Train, null, default)), model.Network.ParameterBlocks);
            }

            // A first call on a thread of its own, with nothing kept for it.
            (long Allocated, double[][] Weights) fresh = default;
            var thread = new System.Threading.Thread(() => fresh = Train(Model(5), dropout));
            thread.Start();
            thread.Join();
            // Here, after a call of the same shapes on another network, with dropout where this has none and
            // none where it has: the buffers it kept are reused, and nothing of that call (its weights, its
            // dropout masks, its last batch) reaches this one.
            Train(Model(9), !dropout);
            var again = Train(Model(5), dropout);
            Assert.Equal(fresh.Weights, again.Weights);
            // The workspace, the two copies of the weights and the shuffle's order (about 1.2 MB) are not made again.
            Assert.True(fresh.Allocated - again.Allocated > 1_000_000, $"a first call allocated {fresh.Allocated} bytes, a second {again.Allocated}");
        }
    }
}
