using System;
using System.Collections.Generic;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// The history is kept as entries and made into records when read: every field of a record comes back
    /// as it went in, and the trainer reports to an observer only the epochs it asks for, while the history
    /// keeps every epoch.
    /// </summary>
    public class HistoryLogTests
    {
        private static readonly EpochRecord[] Samples =
        {
            new EpochRecord(1, 0.5, null, "Accuracy", 0.25, null, 0.1, TimeSpan.FromTicks(12345), false),
            new EpochRecord(2, double.NaN, 0.75, "RSquared", null, -0.5, double.NaN, TimeSpan.FromMilliseconds(3.5), true),
            new EpochRecord(3, 1e-300, double.PositiveInfinity, null, double.NegativeInfinity, 0.0, 1e300, TimeSpan.MaxValue, false),
            new EpochRecord(4, -0.0, -0.0, "Accuracy", 1.0, 1.0, 0.0, TimeSpan.Zero, true),
        };

        [Fact]
        public void Every_field_of_a_record_reads_back_as_it_was_appended()
        {
            var log = new HistoryLog();
            foreach (var record in Samples) log.Append(record);
            var read = log.Snapshot();
            Assert.Equal(Samples.Length, read.Length);
            for (int i = 0; i < Samples.Length; i++)
            {
                Assert.Equal(Samples[i], read[i]);
                // Equal doubles can differ in sign: the bits are the same too.
                Assert.Equal(BitConverter.DoubleToInt64Bits(Samples[i].Loss), BitConverter.DoubleToInt64Bits(read[i].Loss));
                Assert.Equal(Samples[i].ValidationLoss.HasValue, read[i].ValidationLoss.HasValue);
            }
            Assert.Equal(Samples[3], log.Last);
            Assert.Equal(4, log.LastEpoch);
            Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(read[3].ValidationLoss.Value));
        }

        [Fact]
        public void An_empty_log_has_no_last_record_and_epoch_zero()
        {
            var log = new HistoryLog();
            Assert.Null(log.Last);
            Assert.Equal(0, log.LastEpoch);
            Assert.Empty(log.Snapshot());
            log.MarkLastInterrupted();
            Assert.Equal(0, log.Count);
        }

        [Fact]
        public void Marking_the_last_epoch_interrupted_changes_that_flag_alone()
        {
            var log = new HistoryLog();
            log.Append(Samples[0]);
            log.Append(Samples[2]);
            log.MarkLastInterrupted();
            var read = log.Snapshot();
            Assert.Equal(Samples[0], read[0]);
            Assert.Equal(Samples[2] with { Interrupted = true }, read[1]);
        }

        [Fact]
        public void Truncating_keeps_the_first_epochs_and_new_ones_take_the_places_after()
        {
            var log = new HistoryLog();
            // 1,200 epochs span three chunks; the cut at 600 falls inside the second.
            for (int e = 1; e <= 1200; e++) log.Append(new EpochRecord(e, e, null, "Accuracy", null, null, 0.1, TimeSpan.Zero, false));
            log.Truncate(600);
            Assert.Equal(600, log.LastEpoch);
            for (int e = 601; e <= 1300; e++) log.Append(new EpochRecord(e, -e, null, "Accuracy", null, null, 0.05, TimeSpan.Zero, false));
            var after = log.Snapshot();
            Assert.Equal(1300, after.Length);
            Assert.Equal(Enumerable.Range(1, 600).Select(e => (double)e).Concat(Enumerable.Range(601, 700).Select(e => (double)-e)), after.Select(r => r.Loss));
            log.Truncate(2000);   // longer than the log: nothing changes
            Assert.Equal(1300, log.Count);
            log.Truncate(0);
            Assert.Equal(0, log.Count);
            log.Append(Samples[1]);
            Assert.Equal(new[] { Samples[1] }, log.Snapshot());
        }

        [Fact]
        public void A_copied_log_holds_the_entries_and_none_of_the_later_changes()
        {
            var source = new HistoryLog();
            foreach (var record in Samples) source.Append(record);
            var copy = new HistoryLog();
            copy.Append(Samples[1]);
            copy.AppendFrom(source);
            source.MarkLastInterrupted();
            source.Append(Samples[0]);
            Assert.Equal(new[] { Samples[1] }.Concat(Samples), copy.Snapshot());
        }

        [Fact]
        public void A_history_of_many_chunks_keeps_every_entry()
        {
            var log = new HistoryLog();
            log.Append(Samples[0]);
            for (int e = 2; e <= 3000; e++) log.Append(new EpochRecord(e, e / 3.0, null, "Accuracy", e % 2 == 0 ? e : (double?)null, null, 0.1, TimeSpan.FromTicks(e), false));
            var read = log.Snapshot();
            Assert.Equal(3000, read.Length);
            Assert.Equal(Samples[0], read[0]);
            for (int e = 2; e <= 3000; e++)
            {
                Assert.Equal(e, read[e - 1].Epoch);
                Assert.Equal(e / 3.0, read[e - 1].Loss);
                Assert.Equal(e % 2 == 0 ? e : (double?)null, read[e - 1].Metric);
                Assert.Equal(TimeSpan.FromTicks(e), read[e - 1].Elapsed);
            }
        }

        [Fact]
        public void Snapshots_read_while_the_writer_appends_and_truncates_are_whole_entries_in_order()
        {
            // A restart after divergence truncates the history while another thread may be reading it:
            // every snapshot must be epochs 1..n in order, each entry whole (its two losses written together).
            var log = new HistoryLog();
            var writer = new System.Threading.Thread(() =>
            {
                for (int round = 1; round <= 20_000; round++)
                {
                    int from = log.Count;
                    for (int e = from + 1; e <= from + 300; e++)
                    {
                        double loss = round * 1e6 + e;
                        log.Append(new EpochRecord(e, loss, -loss, "Accuracy", null, null, 0.1, TimeSpan.Zero, false));
                    }
                    // Within the first chunk mostly (a reader's stale count then reaches into entries being
                    // written again), past it every tenth round.
                    log.Truncate(round % 10 == 0 ? 0 : (round * 37) % 200);
                }
            });
            writer.Start();
            int snapshots = 0;
            while (writer.IsAlive || snapshots == 0)
            {
                var read = log.Snapshot();
                for (int i = 0; i < read.Length; i++)
                {
                    Assert.Equal(i + 1, read[i].Epoch);
                    Assert.Equal(-read[i].Loss, read[i].ValidationLoss);
                    Assert.Equal(read[i].Epoch, read[i].Loss % 1e6);
                }
                var last = log.Last;
                if (last != null) Assert.Equal(-last.Loss, last.ValidationLoss);
                snapshots++;
            }
            writer.Join();
            Assert.True(snapshots > 0);
        }

        /// <summary>Answers yes for the epochs listed, and keeps what it was given.</summary>
        private sealed class Choosy : ITrainingObserver
        {
            private readonly HashSet<int> _wanted;
            private int _epoch;

            public Choosy(params int[] wanted) => _wanted = new HashSet<int>(wanted);

            public List<int> Asked { get; } = new List<int>();

            public List<EpochRecord> Given { get; } = new List<EpochRecord>();

            public bool WantsEpoch(int epochsPlanned)
            {
                Asked.Add(epochsPlanned);
                return _wanted.Contains(++_epoch);
            }

            public void EpochCompleted(EpochRecord record, int epochsPlanned) => Given.Add(record);

            public void Warning(string message)
            {
            }
        }

        private static NeuralNetworkModel Train(ITrainingObserver observer, int epochs, double validationSplit = 0)
        {
            var model = NeuralNetworkModel.Create(new NetworkOptions { LayerSizes = new[] { 2, 3, 1 }, Seed = 4 }.ToSpec());
            var x = Enumerable.Range(0, 20).Select(i => new[] { i % 2 * 1.0, i / 20.0 }).ToArray();
            var y = Enumerable.Range(0, 20).Select(i => new[] { i % 2 * 1.0 }).ToArray();
            var prepared = TrainingSetup.Prepare(model, DataSet.FromMatrices(x, y), new TrainingOptions { Epochs = epochs, Loss = Loss.MeanSquaredError, ValidationSplit = validationSplit });
            new Trainer(model, prepared.Plan, observer).Train(prepared.Train, prepared.Validation, default);
            return model;
        }

        [Fact]
        public void The_observer_is_asked_after_every_epoch_and_given_only_the_records_it_asked_for()
        {
            var observer = new Choosy(3, 7);
            var model = Train(observer, 8, 0.25);
            Assert.Equal(Enumerable.Repeat(8, 8), observer.Asked);
            var history = model.History;
            Assert.Equal(8, history.Count);
            Assert.Equal(new[] { history[2], history[6] }, observer.Given);
            Assert.NotNull(observer.Given[0].ValidationLoss);
        }

        [Fact]
        public void An_observer_that_asks_for_nothing_gets_nothing_and_the_history_keeps_every_epoch()
        {
            var observer = new Choosy();
            var model = Train(observer, 5);
            Assert.Empty(observer.Given);
            Assert.Equal(new[] { 1, 2, 3, 4, 5 }, model.History.Select(r => r.Epoch));
            Assert.All(model.History, r => Assert.True(r.Loss > 0 && r.LearningRate > 0 && r.MetricName == "RSquared"));
        }
    }
}
