using System;
using System.Collections.Generic;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Class and sample weights: the formulas, the data they ride on, and what training does with them.</summary>
    public class WeightTests
    {
        /// <summary>Rows of two numbers, a 0/1 weight-free class ("no" three times as often as "yes") and a weight column.</summary>
        private static RawTable Rows(int count = 80, bool withWeight = true)
        {
            var columns = withWeight ? new[] { "a", "b", "w", "y" } : new[] { "a", "b", "y" };
            var table = new RawTable(columns);
            var random = new Random(3);
            for (int r = 0; r < count; r++)
            {
                bool yes = r % 4 == 0;
                double a = (yes ? 1 : 0) + random.NextDouble() * 1.5, b = random.NextDouble();
                table.Add(withWeight ? new object[] { a, b, 1 + r % 3, yes ? "yes" : "no" } : new object[] { a, b, yes ? "yes" : "no" });
            }
            return table;
        }

        private static NeuralNetworkModel Network() => NeuralNetworkModel.Create(new NetworkOptions { HiddenLayers = new[] { 4 }, Seed = 2 }.ToSpec());

        private static (NeuralNetworkModel Model, PreparedTraining Prepared) Train(RawTable table, TrainingOptions options, string[] feature = null, Scaling? scaling = null)
        {
            var model = Network();
            var prepared = TrainingSetup.Prepare(model, table, new DataOptions { Target = new[] { "y" }, Feature = feature, Scaling = scaling }, options);
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, prepared.Validation, default);
            return (model, prepared);
        }

        [Fact]
        public void Balanced_weights_are_rows_over_classes_times_count()
        {
            var classOf = new[] { 0, 0, 0, 1, 0, 2, 2, 0 }; // counts 5, 1, 2
            var w = ClassWeights.Balanced.PerClass(classOf, new[] { "a", "b", "c" }, "y");
            Assert.Equal(8.0 / (3 * 5), w[0], 15);
            Assert.Equal(8.0 / (3 * 1), w[1], 15);
            Assert.Equal(8.0 / (3 * 2), w[2], 15);
            // A class with no rows is not counted among the classes (scikit-learn counts the classes present).
            var absent = ClassWeights.Balanced.PerClass(new[] { 0, 0, 2 }, new[] { "a", "b", "c" }, "y");
            Assert.Equal(3.0 / (2 * 2), absent[0], 15);
            Assert.Equal(3.0 / (2 * 1), absent[2], 15);
        }

        [Fact]
        public void Given_weights_name_classes_and_the_rest_weigh_one()
        {
            var w = ClassWeights.Of(new Dictionary<string, double> { ["Yes"] = 5 }).PerClass(new[] { 0, 1 }, new[] { "no", "yes" }, "y");
            Assert.Equal(new[] { 1.0, 5.0 }, w); // 'Yes' finds 'yes': hashtable keys ignore case
            var e = Assert.Throws<NeuralNetException>(() => ClassWeights.Of(new Dictionary<string, double> { ["maybe"] = 2 }).PerClass(new[] { 0 }, new[] { "no", "yes" }, "y"));
            Assert.Equal("ClassWeightUnknownClass", e.ErrorId);
            Assert.Contains("no, yes", e.Message);
        }

        [Theory]
        [InlineData(-1.0)]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        public void Bad_class_weights_are_refused(double weight)
        {
            var e = Assert.Throws<NeuralNetException>(() => ClassWeights.Of(new Dictionary<string, double> { ["yes"] = weight }));
            Assert.Equal("InvalidClassWeight", e.ErrorId);
            Assert.Equal("InvalidClassWeight", Assert.Throws<NeuralNetException>(() => ClassWeights.Parse("Heavy")).ErrorId);
            Assert.Equal("InvalidClassWeight", Assert.Throws<NeuralNetException>(() => ClassWeights.Parse(new System.Collections.Hashtable { ["yes"] = "lots" })).ErrorId);
        }

        [Fact]
        public void Data_set_weights_have_mean_one_and_uniform_weights_are_none()
        {
            var data = new DataSet(new double[4], null, 4, 1, 0, new[] { 1.0, 3.0, 0.0, 4.0 });
            Assert.Equal(new[] { 0.5, 1.5, 0.0, 2.0 }, data.Weights);
            Assert.Null(new DataSet(new double[3], null, 3, 1, 0, new[] { 2.0, 2.0, 2.0 }).Weights);
            Assert.Equal("WeightsAllZero", Assert.Throws<NeuralNetException>(() => new DataSet(new double[2], null, 2, 1, 0, new[] { 0.0, 0.0 })).ErrorId);
        }

        [Fact]
        public void A_sample_weight_column_is_read_and_is_not_a_feature()
        {
            var (model, prepared) = Train(Rows(), new TrainingOptions { Epochs = 1, SampleWeight = "w" });
            Assert.DoesNotContain(model.Schema.Features, f => f.Name == "w");
            var raw = Enumerable.Range(0, 80).Select(r => 1.0 + r % 3).ToArray();
            Reference.AssertClose(raw.Select(w => w * 80 / raw.Sum()).ToArray(), prepared.Train.Weights, 1e-15);
            Assert.Equal("w", model.LastOptions.SampleWeight);
        }

        [Theory]
        [InlineData("-1")]
        [InlineData("heavy")]
        [InlineData("")]
        public void A_bad_sample_weight_names_its_row_and_column(string bad)
        {
            var table = Rows();
            var row = table.RowAt(6);
            row[2] = bad;
            var rows = new RawTable(table.Columns);
            for (int r = 0; r < table.RowCount; r++) rows.Add(r == 6 ? row : table.RowAt(r));
            var e = Assert.Throws<NeuralNetException>(() => Train(rows, new TrainingOptions { Epochs = 1, SampleWeight = "w" }));
            Assert.Equal("InvalidSampleWeight", e.ErrorId);
            Assert.Equal(7, e.Row);
            Assert.Equal("w", e.Column);
        }

        [Fact]
        public void A_missing_or_misused_weight_column_is_refused()
        {
            Assert.Equal("SampleWeightNotFound", Assert.Throws<NeuralNetException>(() => Train(Rows(), new TrainingOptions { Epochs = 1, SampleWeight = "weight" })).ErrorId);
            Assert.Equal("SampleWeightIsFeature", Assert.Throws<NeuralNetException>(() => Train(Rows(), new TrainingOptions { Epochs = 1, SampleWeight = "w" }, new[] { "a", "w" })).ErrorId);
            Assert.Equal("SampleWeightIsFeature", Assert.Throws<NeuralNetException>(() => Train(Rows(), new TrainingOptions { Epochs = 1, SampleWeight = "y" })).ErrorId);
            Assert.Equal("ClassWeightNeedsClasses", Assert.Throws<NeuralNetException>(() =>
            {
                var model = Network();
                TrainingSetup.Prepare(model, Rows(), new DataOptions { Target = new[] { "a" } }, new TrainingOptions { ClassWeight = ClassWeights.Balanced });
            }).ErrorId);
        }

        [Fact]
        public void Weights_that_are_all_the_same_train_exactly_the_unweighted_network()
        {
            var table = Rows();
            var (plain, _) = Train(table, new TrainingOptions { Epochs = 5 }, new[] { "a", "b" });
            var (same, _) = Train(table, new TrainingOptions { Epochs = 5, ClassWeight = ClassWeights.Of(new Dictionary<string, double> { ["no"] = 3, ["yes"] = 3 }) }, new[] { "a", "b" });
            Assert.Equal(plain.Network.ParameterBlocks, same.Network.ParameterBlocks);
        }

        /// <summary>Full-batch gradient descent: a row of weight 2 is that row twice, so the two trainings agree (to rounding).</summary>
        [Fact]
        public void A_weight_of_two_is_the_row_twice()
        {
            var table = Rows(withWeight: false);
            var doubled = new RawTable(table.Columns);
            var weighted = new RawTable(new[] { "a", "b", "y", "w" });
            for (int r = 0; r < table.RowCount; r++)
            {
                var row = table.RowAt(r);
                doubled.Add(row);
                if (r % 5 == 0) doubled.Add(row);
                weighted.Add(row.Concat(new object[] { r % 5 == 0 ? 2.0 : 1.0 }).ToArray());
            }
            var options = new TrainingOptions { Epochs = 20, Optimizer = Optimizers.OptimizerKind.GradientDescent, LearningRate = 0.5, BatchSize = 1000, Shuffle = false };
            // Unscaled inputs: the scaling fitted on the doubled rows would differ from the one fitted on the weighted rows.
            var (twice, _) = Train(doubled, options, scaling: Scaling.None);
            var withWeights = options.Clone();
            withWeights.SampleWeight = "w";
            var (weight, _) = Train(weighted, withWeights, scaling: Scaling.None);
            for (int b = 0; b < twice.Network.ParameterBlocks.Length; b++)
                Reference.AssertClose(twice.Network.ParameterBlocks[b], weight.Network.ParameterBlocks[b], 1e-12);
        }

        [Fact]
        public void Balanced_class_weights_raise_the_minority_class_recall()
        {
            var table = Imbalanced();
            var options = new TrainingOptions { Epochs = 60, Seed = 1, LearningRate = 0.01 };
            var (plain, _) = Train(table, options);
            var balanced = options.Clone();
            balanced.ClassWeight = ClassWeights.Balanced;
            var (weighted, _) = Train(table, balanced);
            double Recall(NeuralNetworkModel m) => Evaluation.Evaluate(m, m.Schema.Encode(table, true), m.LastOptions.Loss.Value).PerClass.Single(c => c.Class == "yes").Recall;
            Assert.True(Recall(weighted) > Recall(plain) + 0.1, $"recall of 'yes': {Recall(plain):F3} unweighted, {Recall(weighted):F3} balanced");
        }

        /// <summary>One "yes" in ten, overlapping the "no" rows: unweighted training leans to "no".</summary>
        private static RawTable Imbalanced()
        {
            var table = new RawTable(new[] { "a", "b", "y" });
            var random = new Random(8);
            for (int r = 0; r < 400; r++)
            {
                bool yes = r % 10 == 0;
                table.Add(new object[] { (yes ? 1.0 : 0.0) + random.NextDouble() * 2, random.NextDouble(), yes ? "yes" : "no" });
            }
            return table;
        }

        [Fact]
        public void Weighted_test_scores_count_each_row_by_its_weight()
        {
            var table = Rows();
            var (model, _) = Train(table, new TrainingOptions { Epochs = 3 }, new[] { "a", "b" });
            var data = model.Schema.Encode(table, true, sampleWeight: "w");
            var report = Evaluation.Evaluate(model, data, model.LastOptions.Loss.Value);
            var outputs = model.Network.Predict(data.Features, data.Rows);
            double correct = 0, total = 0;
            for (int r = 0; r < data.Rows; r++)
            {
                double w = 1 + r % 3;
                bool predictedYes = outputs[r] >= 0.5, yes = data.Targets[r] == 1;
                if (predictedYes == yes) correct += w;
                total += w;
            }
            Assert.Equal(correct / total, report.Accuracy, 12);
        }
    }
}
