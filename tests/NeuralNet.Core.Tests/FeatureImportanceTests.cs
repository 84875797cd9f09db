using System;
using System.Linq;
using MathNet.Numerics.Random;
using NeuralNet.Core.Data;
using NeuralNet.Core.Inference;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// Permutation importance against the plain computation it stands for: shuffle one column's cells in
    /// the rows themselves, encode them as Test-NeuralNetwork would, score, and average the drops.
    /// </summary>
    public class FeatureImportanceTests
    {
        /// <summary>Rows of a, b (numbers), color (a category) and noise; y depends on a and color, v (a number) on b.</summary>
        private static RawTable Table(int rows, int seed)
        {
            var random = new Random(seed);
            var table = new RawTable(new[] { "a", "b", "color", "noise", "y", "v" });
            string[] colors = { "red", "green", "blue" };
            for (int r = 0; r < rows; r++)
            {
                double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1;
                string color = colors[random.Next(3)];
                bool positive = a + (color == "red" ? 0.8 : color == "green" ? -0.8 : 0) > 0;
                table.Add(new object[] { a, b, color, random.NextDouble(), positive ? "yes" : "no", 3 * b + 0.1 * random.NextDouble() });
            }
            return table;
        }

        private static NeuralNetworkModel Trained(RawTable table, string target, int epochs = 30)
        {
            var model = NeuralNetworkModel.Create(new NetworkOptions { HiddenLayers = new[] { 8 }, Seed = 2 }.ToSpec());
            var features = new[] { "a", "b", "color", "noise" };
            var prepared = TrainingSetup.Prepare(model, table, new DataOptions { Target = new[] { target }, Feature = features }, new TrainingOptions { Epochs = epochs, LearningRate = 0.01 });
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, default);
            return model;
        }

        /// <summary>The documented shuffle of repeat r: a generator on the seed gives each repeat's seed, Fisher–Yates with one uniform per row.</summary>
        private static int[] Permutation(int seed, int repeat, int rows)
        {
            var seeds = new MersenneTwister(seed, false);
            int repeatSeed = 0;
            for (int r = 0; r <= repeat; r++) repeatSeed = seeds.Next();
            var uniforms = new double[rows];
            new MersenneTwister(repeatSeed, false).NextDoubles(uniforms);
            var order = Enumerable.Range(0, rows).ToArray();
            for (int i = rows - 1; i > 0; i--)
            {
                int j = Math.Min(i, (int)(uniforms[i] * (i + 1)));
                (order[i], order[j]) = (order[j], order[i]);
            }
            return order;
        }

        /// <summary>The rows with one column's cells moved: row i takes row order[i]'s cell.</summary>
        private static RawTable Shuffled(RawTable table, string column, int[] order)
        {
            int c = table.IndexOf(column);
            var shuffled = new RawTable(table.Columns);
            for (int r = 0; r < table.RowCount; r++)
            {
                var row = (object[])table.RowAt(r).Clone();   // pipeline rows share their arrays
                row[c] = table.RowAt(order[r])[c];
                shuffled.Add(row);
            }
            return shuffled;
        }

        /// <summary>What Test-NeuralNetwork reports for these rows: encode as for scoring, evaluate with the training's loss.</summary>
        private static EvaluationReport Test(NeuralNetworkModel model, RawTable table)
        {
            var data = model.Schema.Encode(table, withTargets: true, UnknownCategoryPolicy.Error, scoring: true);
            var loss = Resolver.LossFor(null, model.LastOptions, model.Network.OutputLayer.Activation, model.Schema.IsClassification);
            return Evaluation.EvaluateAll(model, data, loss)[0];
        }

        [Theory]
        [InlineData("y", Metric.Accuracy)]
        [InlineData("y", Metric.LogLoss)]
        [InlineData("v", Metric.RSquared)]
        [InlineData("v", Metric.MeanAbsoluteError)]
        public void Every_drop_is_the_score_of_the_rows_with_that_column_shuffled(string target, Metric metric)
        {
            var table = Table(150, 1);
            var test = Table(90, 2);
            var model = Trained(table, target);
            var report = FeatureImportance.Compute(model, model.Schema.Encode(test, withTargets: true, scoring: true),
                new ImportanceOptions { Repeats = 3, Seed = 7, Metric = metric });

            double baseline = Metrics.Of(Test(model, test), metric);
            Assert.Equal(baseline, report.Baseline);
            Assert.Equal(new[] { "a", "b", "color", "noise" }, report.Columns.Select(c => c.Column).OrderBy(c => c));
            bool higher = Metrics.HigherIsBetter(metric);
            foreach (var column in report.Columns)
            {
                var drops = Enumerable.Range(0, 3).Select(r =>
                {
                    double score = Metrics.Of(Test(model, Shuffled(test, column.Column, Permutation(7, r, test.RowCount))), metric);
                    return higher ? baseline - score : score - baseline;
                }).ToArray();
                Assert.Equal(drops, column.Drops);
                double mean = (drops[0] + drops[1] + drops[2]) / 3;
                Assert.Equal(mean, column.Importance);
                Assert.Equal(Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / 3), column.StandardDeviation);
            }
            Assert.Equal(3, report.Columns.Single(c => c.Column == "color").Inputs);
            Assert.Equal(ColumnKind.Categorical, report.Columns.Single(c => c.Column == "color").Kind);
            Assert.Equal(Enumerable.Range(1, 4), report.Columns.Select(c => c.Rank));
            Assert.True(report.Columns.Zip(report.Columns.Skip(1), (x, y) => x.Importance >= y.Importance).All(ok => ok));
        }

        [Fact]
        public void The_columns_the_target_depends_on_come_first()
        {
            var table = Table(300, 3);
            var model = Trained(table, "y", epochs: 60);
            var report = FeatureImportance.Compute(model, model.Schema.Encode(Table(200, 4), withTargets: true, scoring: true), new ImportanceOptions { Seed = 1 });
            Assert.Equal(Metric.Accuracy, report.Metric);
            Assert.Equal(new[] { "a", "color" }, report.Columns.Take(2).Select(c => c.Column).OrderBy(c => c));
            Assert.True(report.Columns[1].Importance > 5 * Math.Max(0.01, report.Columns[2].Importance));
        }

        [Fact]
        public void The_same_seed_gives_the_same_importances_and_another_seed_other_shuffles()
        {
            var table = Table(150, 1);
            var model = Trained(table, "y");
            var data = model.Schema.Encode(Table(120, 5), withTargets: true, scoring: true);
            var first = FeatureImportance.Compute(model, data, new ImportanceOptions { Repeats = 4, Seed = 3 });
            var again = FeatureImportance.Compute(model, data, new ImportanceOptions { Repeats = 4, Seed = 3 });
            var other = FeatureImportance.Compute(model, data, new ImportanceOptions { Repeats = 4, Seed = 4 });
            Assert.Equal(first.Columns.Select(c => c.Column), again.Columns.Select(c => c.Column));
            Assert.Equal(first.Columns.SelectMany(c => c.Drops), again.Columns.SelectMany(c => c.Drops));
            Assert.NotEqual(first.Columns.OrderBy(c => c.Column).SelectMany(c => c.Drops), other.Columns.OrderBy(c => c.Column).SelectMany(c => c.Drops));
            // Left out, the seed is the network's.
            Assert.Equal(2, FeatureImportance.Compute(model, data, new ImportanceOptions { Repeats = 1 }).Seed);
        }

        [Fact]
        public void A_network_trained_on_matrices_has_one_column_per_input()
        {
            var random = new Random(9);
            var x = Enumerable.Range(0, 80).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();
            var y = x.Select(r => new[] { 2 * r[1] }).ToArray();
            var model = NeuralNetworkModel.Create(new NetworkOptions { HiddenLayers = new[] { 6 }, Seed = 1 }.ToSpec());
            var data = DataSet.FromMatrices(x, y);
            var prepared = TrainingSetup.Prepare(model, data, new TrainingOptions { Epochs = 200, Loss = Loss.MeanSquaredError, LearningRate = 0.01 });
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, default);
            var report = FeatureImportance.Compute(model, data, new ImportanceOptions { Seed = 2 });
            Assert.Equal(Metric.RSquared, report.Metric);
            Assert.Equal("Input2", report.Columns[0].Column);
            Assert.Equal(new[] { "Input1", "Input2", "Input3" }, report.Columns.Select(c => c.Column).OrderBy(c => c));
        }

        [Fact]
        public void Too_few_rows_and_a_metric_that_does_not_apply_are_refused_before_any_shuffle()
        {
            var table = Table(60, 1);
            var model = Trained(table, "y", epochs: 2);
            var one = model.Schema.Encode(Table(1, 2), withTargets: true, scoring: true);
            Assert.Equal("TooFewRows", Assert.Throws<NeuralNetException>(() => FeatureImportance.Compute(model, one, new ImportanceOptions())).ErrorId);
            int calls = 0;
            var e = Assert.Throws<NeuralNetException>(() => FeatureImportance.Compute(model, model.Schema.Encode(table, withTargets: true, scoring: true),
                new ImportanceOptions { Metric = Metric.RSquared }, _ => calls++));
            Assert.Equal("MetricNotApplicable", e.ErrorId);
            Assert.Equal(0, calls);
            Assert.Equal("InvalidOptionValue", Assert.Throws<NeuralNetException>(() =>
                FeatureImportance.Compute(model, one, new ImportanceOptions { Repeats = 0 })).ErrorId);
        }

        [Fact]
        public void Progress_counts_every_evaluation_and_cancellation_stops_them()
        {
            var table = Table(100, 1);
            var model = Trained(table, "y", epochs: 2);
            var data = model.Schema.Encode(table, withTargets: true, scoring: true);
            var seen = new System.Collections.Concurrent.ConcurrentBag<int>();
            FeatureImportance.Compute(model, data, new ImportanceOptions { Repeats = 3 }, seen.Add);
            Assert.Equal(Enumerable.Range(1, 12), seen.OrderBy(n => n));
            using (var source = new System.Threading.CancellationTokenSource())
            {
                source.Cancel();
                Assert.ThrowsAny<OperationCanceledException>(() => FeatureImportance.Compute(model, data, new ImportanceOptions(), null, source.Token));
            }
        }
    }
}
