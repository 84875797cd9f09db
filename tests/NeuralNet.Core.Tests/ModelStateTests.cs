using System;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>A network's state: copies are independent, and one holder at a time.</summary>
    public class ModelStateTests
    {
        private static NeuralNetworkModel Trained()
        {
            var model = NeuralNetworkModel.Create(new NetworkOptions { LayerSizes = new[] { 2, 3, 1 }, Seed = 4 }.ToSpec());
            var data = DataSet.FromMatrices(new[] { new[] { 0.0, 1.0 }, new[] { 1.0, 0.0 } }, new[] { new[] { 1.0 }, new[] { 0.0 } });
            var prepared = TrainingSetup.Prepare(model, data, new TrainingOptions { Epochs = 3, Loss = Loss.MeanSquaredError });
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, default);
            return model;
        }

        [Fact]
        public void Given_weights_are_the_weights_and_biases_start_at_zero_unless_given()
        {
            var w1 = new[] { new[] { 0.5, -0.25, 1e-300 }, new[] { -0.0, 2.0, 3.0 } };
            var w2 = new[] { new[] { 1.5 }, new[] { -1.5 }, new[] { 0.125 } };
            var plain = NeuralNetworkModel.Create(new NetworkOptions { LayerSizes = new[] { 2, 3, 1 }, InitialWeights = new[] { w1, w2 } }.ToSpec());
            Assert.Equal(new[] { 0.5, -0.25, 1e-300, -0.0, 2.0, 3.0 }, plain.Network.Layers[0].Weights);
            Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(plain.Network.Layers[0].Weights[3]));
            Assert.Equal(new[] { 1.5, -1.5, 0.125 }, plain.Network.Layers[1].Weights);
            Assert.All(plain.Network.Layers, l => Assert.All(l.Bias, b => Assert.Equal(0.0, b)));
            var biased = NeuralNetworkModel.Create(new NetworkOptions
            {
                LayerSizes = new[] { 2, 3, 1 }, InitialWeights = new[] { w1, w2 }, InitialBiases = new[] { new[] { 1.0, 2.0, 3.0 }, new[] { -4.0 } },
            }.ToSpec());
            Assert.Equal(new[] { 1.0, 2.0, 3.0 }, biased.Network.Layers[0].Bias);
            Assert.Equal(new[] { -4.0 }, biased.Network.Layers[1].Bias);
            // Drawn weights for the same sizes differ: the given ones were not drawn and then kept by chance.
            var drawn = NeuralNetworkModel.Create(new NetworkOptions { LayerSizes = new[] { 2, 3, 1 }, Seed = 1 }.ToSpec());
            Assert.NotEqual(plain.Network.Layers[0].Weights, drawn.Network.Layers[0].Weights);
        }

        [Fact]
        public void A_copy_shares_nothing_that_changes()
        {
            var model = Trained();
            var copy = model.Copy();
            copy.MarkLastEpochInterrupted();
            copy.Network.Layers[0].Weights[0] += 1;
            Assert.False(model.History.Last().Interrupted);
            Assert.True(copy.History.Last().Interrupted);
            Assert.NotEqual(model.Network.Layers[0].Weights[0], copy.Network.Layers[0].Weights[0]);
        }

        /// <summary>Runs on a thread of its own (a task may run inline on the waiting thread, which already holds the network).</summary>
        private static NeuralNetException OnAnotherThread(System.Action action)
        {
            NeuralNetException failure = null;
            var thread = new System.Threading.Thread(() =>
            {
                try { action(); }
                catch (NeuralNetException e) { failure = e; }
            });
            thread.Start();
            thread.Join();
            return failure;
        }

        [Fact]
        public void Another_thread_holding_the_network_makes_a_use_NetworkBusy()
        {
            var model = Trained();
            using (model.Acquire())
            {
                using (model.Acquire()) { }   // the same thread may hold it again
                var e = OnAnotherThread(() => model.Acquire().Dispose());
                Assert.Equal("NetworkBusy", e?.ErrorId);
                Assert.Equal(ErrorKind.ResourceBusy, e.Kind);
            }
            Assert.Null(OnAnotherThread(() => model.Acquire().Dispose()));
        }

        [Fact]
        public void Every_change_moves_the_version_so_a_saved_copy_knows_it_is_stale()
        {
            var model = Trained();
            int before = model.Version;
            var prepared = TrainingSetup.Prepare(model, DataSet.FromMatrices(new[] { new[] { 0.0, 1.0 } }, new[] { new[] { 1.0 } }), new TrainingOptions { Epochs = 1 });
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, default);
            Assert.True(model.Version > before);
        }

        [Fact]
        public void The_recorded_options_are_a_copy()
        {
            var model = Trained();
            var options = model.LastOptions;
            options.Epochs = 999;
            Assert.Equal(3, model.LastOptions.Epochs);
        }

        [Fact]
        public void Readers_share_the_network_and_keep_a_writer_out()
        {
            // Copying, testing, predicting and saving only read, so threads may do them at once
            // (ForEach-Object -Parallel copying one network); training waits for none of them.
            var model = Trained();
            using (model.AcquireShared())
            {
                Assert.Null(OnAnotherThread(() => model.AcquireShared().Dispose()));
                var writer = OnAnotherThread(() => model.Acquire().Dispose());
                Assert.Equal("NetworkBusy", writer?.ErrorId);
                Assert.Contains("copying, testing, predicting with or saving it", writer.Message);
                // Reading further up a pipeline, this thread cannot train it either: a clean NetworkBusy.
                var upgrade = Assert.Throws<NeuralNetException>(() => model.Acquire());
                Assert.Equal("NetworkBusy", upgrade.ErrorId);
            }
            using (model.Acquire())
            {
                using (model.AcquireShared()) { }   // a training may read what it holds (a checkpoint)
                var reader = OnAnotherThread(() => model.AcquireShared().Dispose());
                Assert.Equal("NetworkBusy", reader?.ErrorId);
                Assert.Contains("training it, most likely", reader.Message);
            }
            Assert.Null(OnAnotherThread(() => model.Acquire().Dispose()));
        }

        [Fact]
        public void The_history_read_while_another_thread_trains_is_whole_records_in_order()
        {
            // The trainer appends an epoch at a time (here far faster than any training) while this
            // thread reads snapshots: each must be records 1..n, none missing or null.
            var model = Trained();
            int start = model.EpochsTrained;
            var writer = new System.Threading.Thread(() =>
            {
                for (int e = start + 1; e <= start + 200_000; e++)
                {
                    model.AppendHistory(new EpochRecord(e, 1.0 / e, null, null, null, null, 0.01, System.TimeSpan.Zero, false));
                    if (e % 50_000 == 0) model.MarkLastEpochInterrupted();
                }
            });
            writer.Start();
            int checkedSnapshots = 0;
            while (writer.IsAlive || checkedSnapshots == 0)
            {
                var history = model.History;
                for (int i = 0; i < history.Count; i++)
                {
                    Assert.NotNull(history[i]);
                    Assert.Equal(i + 1, history[i].Epoch);
                    // A whole entry: the loss written with the epoch, not half of another.
                    if (history[i].Epoch > start) Assert.Equal(1.0 / history[i].Epoch, history[i].Loss);
                }
                Assert.True(model.EpochsTrained >= history.Count);
                checkedSnapshots++;
            }
            writer.Join();
            Assert.Equal(start + 200_000, model.History.Count);
            Assert.True(model.History[50_000 - 1].Interrupted);   // epoch 50,000
            Assert.Equal(start + 200_000, model.LastEpoch.Epoch);
        }
    }
}
