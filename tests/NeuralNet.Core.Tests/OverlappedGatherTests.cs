using System;
using System.Linq;
using System.Threading;
using NeuralNet.Core.Data;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// With two or more cores, a shuffled pass fetches the next batch's rows on a helper while the
    /// caller works through the layers above the first (EpochPass, KernelTeam.Start). The rows, their
    /// targets and their weights must be the ones the batch would have gathered itself: the weights
    /// come out bit for bit as a team of one (which fetches every batch in its turn) leaves them.
    /// </summary>
    [Trait("Category", "Kernels")]
    public class OverlappedGatherTests
    {
        // 300 inputs × 128 rows a batch is above the size from which fetching overlaps; 1,000 rows end on a short batch.
        private const int Rows = 1000, Inputs = 300, Outputs = 4;

        private static double[] TrainedWeights(int threads, Precision precision, bool weighted, int batch, bool shuffle)
        {
            var random = new Random(7);
            var x = new double[Rows][];
            var y = new double[Rows][];
            for (int r = 0; r < Rows; r++)
            {
                x[r] = Enumerable.Range(0, Inputs).Select(_ => random.NextDouble() * 2 - 1).ToArray();
                y[r] = new double[Outputs];
                y[r][(int)(x[r][0] * 1.99 + 2) % Outputs] = 1;
            }
            var data = DataSet.FromMatrices(x, y);
            if (weighted) data = data.WithWeights(Enumerable.Range(0, Rows).Select(r => 0.5 + r % 3).ToArray());
            int previous = KernelTeam.MaxThreads;
            KernelTeam.MaxThreads = threads;
            try
            {
                var spec = new NetworkOptions
                {
                    LayerSizes = new[] { Inputs, 64, Outputs }, Activation = Activation.ReLU, OutputActivation = Activation.Softmax, Seed = 3,
                    Precision = precision,
                }.ToSpec();
                var model = NeuralNetworkModel.Create(spec);
                var options = new TrainingOptions { Epochs = 3, LearningRate = 0.05, BatchSize = batch, Loss = Loss.CrossEntropy, Optimizer = OptimizerKind.GradientDescent, Shuffle = shuffle };
                var prepared = TrainingSetup.Prepare(model, data, options);
                new Trainer(model, prepared.Plan, null).Train(prepared.Train, prepared.Validation, CancellationToken.None);
                return model.Network.ParameterBlocks.SelectMany(b => b).ToArray();
            }
            finally
            {
                KernelTeam.MaxThreads = previous;
            }
        }

        [Theory]
        [InlineData(Precision.Double, false, 128, true)]
        [InlineData(Precision.Double, true, 128, true)]
        [InlineData(Precision.Single, false, 128, true)]
        [InlineData(Precision.Single, true, 200, true)]
        // In order: each epoch's first batch is copied in one piece, the rest fetched meanwhile.
        [InlineData(Precision.Double, true, 128, false)]
        [InlineData(Precision.Single, false, 128, false)]
        public void Fetching_the_next_batch_meanwhile_changes_no_bit(Precision precision, bool weighted, int batch, bool shuffle)
        {
            var alone = TrainedWeights(1, precision, weighted, batch, shuffle);
            for (int threads = 2; threads <= 4; threads++)
            {
                var overlapped = TrainedWeights(threads, precision, weighted, batch, shuffle);
                Assert.Equal(alone.Length, overlapped.Length);
                for (int i = 0; i < alone.Length; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(alone[i]) == BitConverter.DoubleToInt64Bits(overlapped[i]),
                        $"weight {i} on {threads} threads: {overlapped[i]:R}, alone {alone[i]:R}");
            }
        }
    }
}
