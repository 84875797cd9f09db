using System;
using System.Collections.Generic;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Experiments against the plain reference: the same fold trained and scored by hand.</summary>
    public class CrossValidationTests
    {
        private static KeyValuePair<string, object> P(string name, object value) => new KeyValuePair<string, object>(name, value);

        /// <summary>Three classes that two numbers and a colour separate; the colour "violet" only in rows 0 and 1.</summary>
        private static RawTable Rows(int count = 90)
        {
            var table = new RawTable(new[] { "a", "b", "colour", "y" });
            var random = new Random(5);
            for (int r = 0; r < count; r++)
            {
                int c = r % 3;
                table.Add(new object[] { c + random.NextDouble(), random.NextDouble(), r < 2 ? "violet" : c == 0 ? "red" : "blue", "class" + c });
            }
            return table;
        }

        [Fact]
        public void A_fold_scores_what_training_and_testing_that_fold_by_hand_scores()
        {
            var table = Rows();
            var data = new DataOptions { Target = new[] { "y" }, UnknownCategory = UnknownCategoryPolicy.Ignore };
            var training = new TrainingOptions { Epochs = 15 };
            var experiment = new CrossValidation(table, data, training, new ExperimentOptions { Folds = 3, Seed = 4 });
            var configuration = ParameterGrid.Expand(new[] { P("HiddenLayers", new object[] { 5 }) })[0];
            var run = experiment.Runs(new[] { configuration })[1];
            var outcome = experiment.Run(run, default);

            var (train, test) = experiment.RowsOf(run);
            var model = NeuralNetworkModel.Create(new NetworkOptions { HiddenLayers = new[] { 5 }, Seed = 4 }.ToSpec());
            var prepared = TrainingSetup.Prepare(model, table.Subset(train), data, new TrainingOptions { Epochs = 15, Seed = 4 });
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, null, default);
            var report = Evaluation.EvaluateAll(model, model.Schema.Encode(table.Subset(test), true, UnknownCategoryPolicy.Ignore, scoring: true), prepared.Plan.Loss)[0];
            Assert.Equal(report.Accuracy, outcome.Score);
            Assert.Equal(Metric.Accuracy, experiment.Metric);
        }

        [Fact]
        public void Scores_do_not_depend_on_how_many_runs_go_at_once()
        {
            var table = Rows();
            var configurations = ParameterGrid.Expand(new[] { P("HiddenLayers", new object[] { 3, 6 }), P("UnknownCategory", "Ignore") });
            CrossValidation Experiment() => new CrossValidation(table, new DataOptions { Target = new[] { "y" } }, new TrainingOptions { Epochs = 5 }, new ExperimentOptions { Folds = 3 });
            var one = Experiment().Aggregate(configurations, Experiment().RunAll(Experiment().Runs(configurations), 1, null, default));
            var two = Experiment().Aggregate(configurations, Experiment().RunAll(Experiment().Runs(configurations), 2, null, default));
            Assert.Equal(one.SelectMany(r => r.Scores), two.SelectMany(r => r.Scores));
            Assert.All(one, r => Assert.Equal(3, r.Scores.Length));
            Assert.Equal(one[0].Scores.Average(), one[0].MeanScore);
        }

        [Fact]
        public void A_run_that_fails_is_reported_and_the_others_still_run()
        {
            var table = Rows();
            var configurations = ParameterGrid.Expand(new[] { P("UnknownCategory", new object[] { "Error", "Ignore" }) });
            var experiment = new CrossValidation(table, new DataOptions { Target = new[] { "y" } }, new TrainingOptions { Epochs = 3 }, new ExperimentOptions { Folds = 3 });
            var results = experiment.Aggregate(configurations, experiment.RunAll(experiment.Runs(configurations), 2, null, default));
            Assert.Equal("UnknownCategory", results[0].ErrorId);
            Assert.Contains("violet", results[0].Error);
            Assert.True(double.IsNaN(results[0].MeanScore));
            Assert.Null(results[1].Error);
            Assert.Equal(3, results[1].Scores.Length);
        }

        [Fact]
        public void A_grid_value_that_does_not_fit_its_parameter_is_refused_before_any_run()
        {
            var e = Assert.Throws<NeuralNetException>(() => ParameterGrid.Expand(new[] { P("Activation", new object[] { "ReLU", "Bogus" }) }));
            Assert.Equal("InvalidParameterGrid", e.ErrorId);
            Assert.Contains("Configuration 2 (-Activation Bogus)", e.Message);
            Assert.Equal("InvalidParameterGrid", Assert.Throws<NeuralNetException>(() => ParameterGrid.Expand(new[] { P("BatchSize", 0) })).ErrorId);
            Assert.Equal("InvalidParameterGrid", Assert.Throws<NeuralNetException>(() => ParameterGrid.Expand(new[] { P("HiddenLayerz", 4) })).ErrorId);
        }

        [Fact]
        public void Network_sizes_of_a_grid_that_no_network_can_have_are_refused_before_any_run()
        {
            var zero = Assert.Throws<NeuralNetException>(() => ParameterGrid.Expand(new[] { P("HiddenLayers", new object[] { 4, 0 }) }));
            Assert.Equal("InvalidParameterGrid", zero.ErrorId);
            Assert.Contains("Configuration 2 (-HiddenLayers 0)", zero.Message);
            Assert.Contains("between 1 and 1000000", zero.Message);
            var large = Assert.Throws<NeuralNetException>(() => ParameterGrid.Expand(new[] { P("HiddenLayers", new object[] { new[] { 1000000, 40 } }) }));
            Assert.Equal("InvalidParameterGrid", large.ErrorId);
            Assert.Contains("parameters", large.Message);
            Assert.Equal(2, ParameterGrid.Expand(new[] { P("HiddenLayers", new object[] { 4, new[] { 8, 3 } }) }).Count);
        }

        [Fact]
        public void A_metric_that_does_not_fit_the_task_is_refused_before_any_run()
        {
            var e = Assert.Throws<NeuralNetException>(() =>
                new CrossValidation(Rows(), new DataOptions { Target = new[] { "y" } }, new TrainingOptions(), new ExperimentOptions { Metric = Metric.RSquared }));
            Assert.Equal("MetricNotApplicable", e.ErrorId);
        }

        [Fact]
        public void A_holdout_scores_once_and_the_refit_trains_on_every_row()
        {
            var experiment = new CrossValidation(Rows(), new DataOptions { Target = new[] { "y" }, UnknownCategory = UnknownCategoryPolicy.Ignore },
                new TrainingOptions { Epochs = 4 }, new ExperimentOptions { ValidationSplit = 0.2, Refit = true, Seed = 7 });
            var configurations = ParameterGrid.Expand(new[] { P("HiddenLayers", 4) });
            var runs = experiment.Runs(configurations);
            Assert.Equal(2, runs.Count);
            Assert.Equal(18, experiment.RowsOf(runs[0]).Test.Length);
            var result = experiment.Aggregate(configurations, runs.Select(r => experiment.Run(r, default)))[0];
            Assert.Single(result.Scores);
            Assert.Equal(4, result.Model.EpochsTrained);
            Assert.Equal(7, result.Model.Spec.Seed);
        }
    }
}
