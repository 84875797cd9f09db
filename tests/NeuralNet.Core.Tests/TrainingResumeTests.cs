using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Persistence;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// Checkpoints and resuming: the optimizer state survives the model file bit for bit, and a run taken
    /// up from any checkpoint (read back from its JSON) ends with the weights of the run that never stopped.
    /// </summary>
    public class TrainingResumeTests
    {
        /// <summary>Keeps every checkpoint as the model file text the cmdlet would write.</summary>
        private sealed class Files : ICheckpointSink
        {
            public readonly List<string> Saved = new List<string>();

            public void Save(NeuralNetworkModel checkpoint) => Saved.Add(ModelFile.Write(checkpoint, "test", DateTime.UtcNow));

            public NeuralNetworkModel Read(int index) => ModelFile.Read(Saved[index], "checkpoint " + index);
        }

        /// <summary>Two noisy classes in three inputs: 100 rows, so mini-batches of 16 shuffle.</summary>
        private static DataSet Data(int rows = 100, int seed = 5)
        {
            var random = new Random(seed);
            var x = new double[rows][];
            var y = new double[rows][];
            for (int r = 0; r < rows; r++)
            {
                x[r] = new[] { random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1 };
                bool positive = x[r][0] + 0.5 * x[r][1] * x[r][2] + 0.3 * (random.NextDouble() - 0.5) > 0;
                y[r] = positive ? new[] { 1.0, 0.0 } : new[] { 0.0, 1.0 };
            }
            return DataSet.FromMatrices(x, y);
        }

        private static NeuralNetworkModel NewModel() =>
            NeuralNetworkModel.Create(new NetworkOptions { HiddenLayers = new[] { 6 }, Seed = 3 }.ToSpec());

        private static TrainingOptions Options(OptimizerKind optimizer, int epochs, Action<TrainingOptions> more = null)
        {
            var options = new TrainingOptions { Epochs = epochs, Optimizer = optimizer, Loss = Loss.CrossEntropy, BatchSize = 16, Seed = 11 };
            if (optimizer == OptimizerKind.AdamW || optimizer == OptimizerKind.Momentum) options.L2 = 1e-3;
            if (optimizer == OptimizerKind.Momentum) options.Nesterov = true;
            if (optimizer == OptimizerKind.Rprop) options.BatchSize = null;
            more?.Invoke(options);
            return options;
        }

        private static TrainingResult Train(NeuralNetworkModel model, DataSet data, TrainingOptions options, ICheckpointSink sink = null, int every = 1,
            DataSet validation = null, ITrainingObserver observer = null, CancellationToken token = default)
        {
            var prepared = TrainingSetup.Prepare(model, data, options, validation);
            var checkpoints = sink == null ? null : new Checkpoints(sink, new CheckpointOptions { CheckpointEvery = every });
            return new Trainer(model, prepared.Plan, observer, checkpoints).Train(prepared.Train, prepared.Validation, token);
        }

        private static double[] Flat(NeuralNetworkModel model) => model.Network.ParameterBlocks.SelectMany(b => b).ToArray();

        private static void SameState(Optimizer expected, Optimizer actual)
        {
            Assert.Equal(expected.Kind, actual.Kind);
            Assert.Equal(expected.Steps, actual.Steps);
            Assert.Equal(expected.LearningRate, actual.LearningRate);
            Assert.Equal(expected.WeightDecay, actual.WeightDecay);
            Assert.Equal((expected as MomentumOptimizer)?.Nesterov, (actual as MomentumOptimizer)?.Nesterov);
            Assert.Equal(expected.State.Select(s => s.Key), actual.State.Select(s => s.Key));
            for (int s = 0; s < expected.State.Count; s++)
                for (int b = 0; b < expected.State[s].Value.Length; b++)
                    Assert.Equal(expected.State[s].Value[b], actual.State[s].Value[b]);   // exact: xunit compares doubles bit for bit here
        }

        public static IEnumerable<object[]> UpdateRules() =>
            ((OptimizerKind[])Enum.GetValues(typeof(OptimizerKind))).Where(k => k != OptimizerKind.Lbfgs).Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(UpdateRules))]
        public void The_optimizer_state_reads_back_exactly_and_steps_on_as_the_saved_one(OptimizerKind optimizer)
        {
            var data = Data();
            var model = NewModel();
            Train(model, data, Options(optimizer, 7));
            var back = ModelFile.Read(ModelFile.Write(model, "test", DateTime.UtcNow), "saved");
            SameState(model.Optimizer, back.Optimizer);
            Assert.True(optimizer == OptimizerKind.GradientDescent || back.Optimizer.State.Count > 0);

            // A later call on the loaded network is the later call on the original.
            Train(model, data, Options(optimizer, 3));
            Train(back, data, Options(optimizer, 3));
            Assert.Equal(Flat(model), Flat(back));
            SameState(model.Optimizer, back.Optimizer);
        }

        [Theory]
        [MemberData(nameof(UpdateRules))]
        public void A_run_taken_up_from_a_checkpoint_ends_with_the_uninterrupted_runs_weights(OptimizerKind optimizer)
        {
            var data = Data();
            var whole = NewModel();
            var files = new Files();
            Train(whole, data, Options(optimizer, 12), files);
            Assert.Equal(12, files.Saved.Count);

            var resumed = files.Read(4);          // after epoch 5, as a kill would leave it
            Assert.Equal(5, resumed.EpochsTrained);
            Assert.NotNull(resumed.Resume);
            Train(resumed, data, Options(optimizer, 7));
            Assert.Equal(Flat(whole), Flat(resumed));
            Assert.Equal(12, resumed.EpochsTrained);
            Assert.Equal(whole.History.Select(r => r.Loss), resumed.History.Select(r => r.Loss));
            Assert.Null(resumed.Resume);
            Assert.Null(files.Read(11).Resume);   // the last one: a finished run
        }

        [Theory]
        [InlineData(LearningRateSchedule.Step)]
        [InlineData(LearningRateSchedule.Exponential)]
        [InlineData(LearningRateSchedule.Plateau)]
        public void The_learning_rate_schedule_goes_on_where_it_stood(LearningRateSchedule schedule)
        {
            void More(TrainingOptions o)
            {
                o.LearningRateSchedule = schedule;
                o.ScheduleStep = 2;
                o.ScheduleFactor = 0.7;
                o.LearningRate = 0.05;
            }
            var data = Data();
            var whole = NewModel();
            var files = new Files();
            Train(whole, data, Options(OptimizerKind.Momentum, 14, More), files, every: 3);
            var resumed = files.Read(2);          // epoch 9
            Assert.Equal(9, resumed.EpochsTrained);
            Train(resumed, data, Options(OptimizerKind.Momentum, 5, More));
            Assert.Equal(whole.History.Select(r => r.LearningRate), resumed.History.Select(r => r.LearningRate));
            Assert.Equal(Flat(whole), Flat(resumed));
        }

        /// <summary>Counts the warnings (a restart after divergence warns).</summary>
        private sealed class Warnings : ITrainingObserver
        {
            public int Count;

            public bool WantsEpoch(int epochsPlanned) => false;

            public void EpochCompleted(EpochRecord record, int epochsPlanned)
            {
            }

            public void Warning(string message) => Count++;
        }

        [Fact]
        public void A_run_that_restarted_after_diverging_resumes_exactly_too()
        {
            void Diverging(TrainingOptions o)
            {
                o.LearningRate = 1e6;
                o.AutoReduceLearningRate = true;
                o.Loss = Loss.MeanSquaredError;
            }
            var data = Data();
            var whole = NewModel();
            var files = new Files();
            var warnings = new Warnings();
            Train(whole, data, Options(OptimizerKind.GradientDescent, 10, Diverging), files, observer: warnings);
            Assert.True(warnings.Count > 0, "the run was meant to diverge and restart");
            // The last checkpoint before the end comes after the last restart.
            int last = files.Saved.Count - 2;
            var resumed = files.Read(last);
            int stood = resumed.EpochsTrained;
            Assert.InRange(stood, 2, 9);
            var document = (JsonObject)((JsonObject)Json.Parse(files.Saved[last]))["resume"];
            Assert.Equal((double)stood, document["shuffles"]);            // one per epoch recorded, whatever the restarts drew
            Assert.Equal((double)warnings.Count, document["halvings"]);
            Train(resumed, data, Options(OptimizerKind.GradientDescent, 10 - stood, Diverging));
            Assert.Equal(Flat(whole), Flat(resumed));
        }

        [Fact]
        public void Checkpoints_come_every_n_epochs_by_epoch_number_and_once_more_at_the_end()
        {
            var files = new Files();
            Train(NewModel(), Data(), Options(OptimizerKind.Adam, 10), files, every: 4);
            Assert.Equal(new[] { 4, 8, 10 }, Enumerable.Range(0, files.Saved.Count).Select(i => files.Read(i).EpochsTrained));

            // A resumed run keeps the cadence: epoch numbers count across calls.
            var resumed = files.Read(0);
            var more = new Files();
            Train(resumed, Data(), Options(OptimizerKind.Adam, 6), more, every: 4);
            Assert.Equal(new[] { 8, 10 }, Enumerable.Range(0, more.Saved.Count).Select(i => more.Read(i).EpochsTrained));
        }

        [Fact]
        public void With_validation_a_checkpoint_holds_the_best_epochs_weights()
        {
            var data = Data(100, 5);
            var validation = Data(40, 6);
            var files = new Files();
            Train(NewModel(), data, Options(OptimizerKind.Adam, 12, o => o.LearningRate = 0.05), files, validation: validation);
            for (int k = 1; k <= 11; k++)
            {
                // The network a training of k epochs keeps is the best of those k: what the checkpoint after epoch k holds.
                var shorter = NewModel();
                Train(shorter, data, Options(OptimizerKind.Adam, k, o => o.LearningRate = 0.05), validation: validation);
                var checkpoint = files.Read(k - 1);
                Assert.Equal(Flat(shorter), Flat(checkpoint));
                Assert.Equal(k, checkpoint.EpochsTrained);
            }
        }

        /// <summary>Cancels the token once an epoch of the given number has been reported, as Ctrl+C between epochs.</summary>
        private sealed class StopAfter : ITrainingObserver
        {
            private readonly int _epoch;
            private readonly CancellationTokenSource _source;

            public StopAfter(int epoch, CancellationTokenSource source)
            {
                _epoch = epoch;
                _source = source;
            }

            public bool WantsEpoch(int epochsPlanned) => true;

            public void EpochCompleted(EpochRecord record, int epochsPlanned)
            {
                if (record.Epoch == _epoch) _source.Cancel();
            }

            public void Warning(string message)
            {
            }
        }

        [Fact]
        public void A_stopped_training_writes_a_last_checkpoint_that_goes_on_as_if_it_had_not_stopped()
        {
            var data = Data();
            var whole = NewModel();
            Train(whole, data, Options(OptimizerKind.Adam, 12));

            var stopped = NewModel();
            var files = new Files();
            using (var source = new CancellationTokenSource())
            {
                var result = Train(stopped, data, Options(OptimizerKind.Adam, 12), files, every: 100, observer: new StopAfter(5, source), token: source.Token);
                Assert.True(result.Interrupted);
            }
            Assert.Single(files.Saved);
            var last = files.Read(0);
            Assert.Equal(5, last.EpochsTrained);
            Assert.NotNull(last.Resume);
            Assert.NotNull(stopped.Resume);       // the network in memory can go on too
            Train(last, data, Options(OptimizerKind.Adam, 7));
            Assert.Equal(Flat(whole), Flat(last));
        }

        [Fact]
        public void Changing_an_option_starts_a_new_run_instead_of_taking_the_old_one_up()
        {
            var data = Data();
            var files = new Files();
            Train(NewModel(), data, Options(OptimizerKind.Adam, 8), files);
            var same = files.Read(3);
            var changed = files.Read(3);
            Train(same, data, Options(OptimizerKind.Adam, 1));
            Train(changed, data, Options(OptimizerKind.Adam, 1, o => o.Shuffle = true));       // the same: Shuffle is on by default
            Assert.Equal(Flat(same), Flat(changed));
            var other = files.Read(3);
            Train(other, data, Options(OptimizerKind.Adam, 1, o => o.MinDelta = 1e-9));
            Assert.NotEqual(Flat(same), Flat(other));   // a new run: the shuffles are seeded afresh
        }

        [Fact]
        public void A_failing_sink_stops_training_consistently_and_its_error_reaches_the_caller()
        {
            var model = NewModel();
            var failing = new Failing(3);
            var e = Assert.Throws<System.IO.IOException>(() => Train(model, Data(), Options(OptimizerKind.Adam, 10), failing));
            Assert.Equal("disk full", e.Message);
            Assert.Equal(3, model.EpochsTrained);
            Assert.NotNull(model.Resume);
            Assert.All(Flat(model), w => Assert.True(!double.IsNaN(w) && !double.IsInfinity(w)));
        }

        private sealed class Failing : ICheckpointSink
        {
            private readonly int _at;

            public Failing(int at) => _at = at;

            public void Save(NeuralNetworkModel checkpoint)
            {
                if (checkpoint.EpochsTrained >= _at) throw new System.IO.IOException("disk full");
            }
        }

        [Fact]
        public void Lbfgs_checkpoints_its_best_weights_and_a_call_after_it_is_a_new_run()
        {
            var files = new Files();
            var model = NewModel();
            Train(model, Data(), new TrainingOptions { Epochs = 6, Optimizer = OptimizerKind.Lbfgs, Loss = Loss.CrossEntropy }, files, every: 2);
            Assert.NotEmpty(files.Saved);
            var last = files.Read(files.Saved.Count - 1);
            Assert.Equal(Flat(model), Flat(last));
            Assert.Null(last.Optimizer);
            Assert.Null(last.Resume);
        }

        [Fact]
        public void A_version_1_file_still_loads_and_trains_on_with_a_fresh_optimizer()
        {
            var model = NewModel();
            Train(model, Data(), Options(OptimizerKind.Adam, 3));
            var current = ModelFile.Write(model, "test", DateTime.UtcNow);
            var document = (JsonObject)Json.Parse(current);
            Assert.Equal(2.0, document["formatVersion"]);
            // A version 1 file is this one without the two objects version 2 added.
            int optimizer = current.IndexOf("\n  \"optimizer\":", StringComparison.Ordinal), history = current.IndexOf("\n  \"history\":", StringComparison.Ordinal);
            var v1 = current.Substring(0, optimizer) + current.Substring(history);
            v1 = v1.Replace("\"formatVersion\": 2", "\"formatVersion\": 1");
            Assert.DoesNotContain("\"resume\"", v1);
            var back = ModelFile.Read(v1, "old.json");
            Assert.Equal(Flat(model), Flat(back));
            Assert.Equal(3, back.EpochsTrained);
            Assert.Null(back.Optimizer);
            Assert.Null(back.Resume);
            Train(back, Data(), Options(OptimizerKind.Adam, 2));
            Assert.Equal(2, back.Optimizer.Steps / 7);   // 100 rows in batches of 16: 7 steps an epoch, counted from this call
        }

        [Fact]
        public void Optimizer_state_that_does_not_fit_the_layers_is_refused_before_it_is_read()
        {
            var model = NewModel();
            Train(model, Data(), Options(OptimizerKind.Adam, 2));
            var text = ModelFile.Write(model, "test", DateTime.UtcNow);
            string Broken(Func<string, string> change) => change(text);

            var shortBlock = Assert.Throws<NeuralNetException>(() => ModelFile.Read(Broken(t =>
            {
                int at = t.IndexOf("\"secondMoment\": [", StringComparison.Ordinal);
                int open = t.IndexOf('[', t.IndexOf('[', at) + 1);
                return t.Substring(0, open + 1) + t.Substring(t.IndexOf(',', open) + 1);
            }), "short.json"));
            Assert.Equal("ModelFileInvalid", shortBlock.ErrorId);
            Assert.Contains("optimizer.state.secondMoment[0]", shortBlock.Message);

            var unknown = Assert.Throws<NeuralNetException>(() => ModelFile.Read(Broken(t => t.Replace("\"firstMoment\"", "\"velocity\"")), "renamed.json"));
            Assert.Contains("Adam keeps no state named 'velocity'", unknown.Message);

            var negative = Assert.Throws<NeuralNetException>(() => ModelFile.Read(Broken(t =>
            {
                int at = t.IndexOf('[', t.IndexOf('[', t.IndexOf("\"secondMoment\": [", StringComparison.Ordinal)) + 1);
                return t.Substring(0, at + 1) + "-1, " + t.Substring(t.IndexOf(',', at) + 1);
            }), "negative.json"));
            Assert.Contains("is negative", negative.Message);
            Assert.Contains("optimizer.state.secondMoment[0][0]", negative.Message);
        }

        [Fact]
        public void A_resume_point_past_the_history_is_refused()
        {
            var files = new Files();
            Train(NewModel(), Data(), Options(OptimizerKind.Adam, 4), files);
            var text = files.Saved[1].Replace("\"scheduleEpoch\": 2", "\"scheduleEpoch\": 3");
            var e = Assert.Throws<NeuralNetException>(() => ModelFile.Read(text, "bad.json"));
            Assert.Contains("resume.scheduleEpoch", e.Message);
            // Shuffles a resumed call would replay are bounded by the epochs they stand for.
            var many = files.Saved[1].Replace("\"shuffles\": 2", "\"shuffles\": 3000000000");
            Assert.Contains("resume.shuffles", Assert.Throws<NeuralNetException>(() => ModelFile.Read(many, "many.json")).Message);
        }
    }
}
