using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Plans against the plain reference: the same experiment run here, in one process.</summary>
    public sealed class ExperimentPlanTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "nn-plan-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        private static KeyValuePair<string, object> P(string name, object value) => new KeyValuePair<string, object>(name, value);

        /// <summary>
        /// Rows as the pipeline brings them, with what a CSV round trip could lose: numbers and numeric
        /// strings, a categorical code spelled "1.50", a label with a comma and quotes, booleans, a gap.
        /// </summary>
        private static RawTable Rows()
        {
            var table = new RawTable(new[] { "x", "code", "note", "flag", "y" });
            var random = new Random(3);
            for (int r = 0; r < 60; r++)
            {
                int c = r % 3;
                object x = r % 4 == 0 ? (object)(c + random.NextDouble()).ToString("R", System.Globalization.CultureInfo.InvariantCulture) : c + random.NextDouble() / 3;
                table.Add(new object[] { x, r % 2 == 0 ? "1.50" : "10", r % 5 == 0 ? "say \"hi\", twice" : "plain\nline", r % 3 == 0, "k" + c });
            }
            table.Add(new object[] { 0.5, "10", "", true, "k1" });
            return table;
        }

        private static DataOptions Data() => new DataOptions { Target = new[] { "y" }, Categorical = new[] { "code" }, MissingValue = MissingValuePolicy.Mean };

        private (CrossValidation Experiment, ExperimentSearch Search) Experiment(ExperimentOptions options, params KeyValuePair<string, object>[] grid)
        {
            var experiment = new CrossValidation(Rows(), Data(), new TrainingOptions { Epochs = 8 }, options);
            return (experiment, ExperimentSearch.Create(experiment, grid, null));
        }

        [Fact]
        public void Rows_written_as_csv_read_back_to_the_same_numbers_labels_and_gaps()
        {
            var table = Rows();
            var path = Path.Combine(Directory.CreateDirectory(_folder).FullName, "rows.csv");
            File.WriteAllText(path, TableCsvWriter.Write(table));
            var back = CsvSource.Read(new[] { path }, null, new[] { "code" });
            Assert.Equal(table.RowCount, back.RowCount);
            Assert.Equal(table.Columns, back.Columns);
            for (int r = 0; r < table.RowCount; r++)
            {
                Assert.Equal(ValueParser.TryParse(table[r, 0], out double x) ? x : double.NaN, back.Numeric(0)[r]);
                Assert.Equal(ValueParser.ToLabel(table[r, 1]), ValueParser.ToLabel(back[r, 1]));
                Assert.Equal(ValueParser.IsMissing(table[r, 2]), back.IsMissing(r, 2));
                if (!back.IsMissing(r, 2)) Assert.Equal(ValueParser.ToLabel(table[r, 2]), ValueParser.ToLabel(back[r, 2]));
                Assert.Equal(ValueParser.ToLabel(table[r, 3]), ValueParser.ToLabel(back[r, 3]));
            }
            Assert.Equal("1.50", back[0, 1]);
        }

        [Fact]
        public void Every_task_run_in_any_order_then_merged_scores_what_the_local_run_scores_bit_for_bit()
        {
            var (experiment, search) = Experiment(new ExperimentOptions { Folds = 3, Seed = 5 }, P("HiddenLayers", new object[] { 3, 5 }), P("LearningRate", new object[] { 0.01, 0.05 }));
            var local = experiment.Aggregate(search.Candidates, experiment.RunAll(experiment.Runs(search.Candidates), 2, null, default));
            var plan = PlanWriter.Write(_folder, search, experiment, PlanSource.FromRows(Rows(), Data(), search.Candidates), null);
            Assert.Equal(12, plan.TaskCount);
            Assert.Equal(new[] { "code" }, plan.Source.TextColumns);
            var reread = ExperimentPlan.Read(_folder);
            Assert.Equal(search.Candidates.Select(c => c.ToString()), reread.Configurations.Select(c => c.ToString()));
            Assert.All(reread.Configurations.SelectMany(c => c.Values), v => Assert.IsType(v.Key == "HiddenLayers" ? typeof(int) : typeof(double), v.Value));
            foreach (int task in Enumerable.Range(0, 12).Reverse()) PlanTask.Run(reread, task, default);
            var merged = PlanMerge.Of(ExperimentPlan.Read(_folder));
            Assert.True(merged.IsComplete);
            Assert.Equal(local.SelectMany(r => r.Scores).Select(BitConverter.DoubleToInt64Bits), merged.Results.SelectMany(r => r.Scores).Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(local.Select(r => r.MeanScore), merged.Results.Select(r => r.MeanScore));
            Assert.All(merged.Results, r => Assert.Equal(new RunBudget(BudgetResource.Epochs, 8), r.Budget));
        }

        [Fact]
        public void A_finished_task_does_nothing_when_run_again_and_a_changed_data_file_stops_the_others()
        {
            var (experiment, search) = Experiment(new ExperimentOptions { Folds = 2 }, P("HiddenLayers", 3));
            var plan = PlanWriter.Write(_folder, search, experiment, PlanSource.FromRows(Rows(), Data(), search.Candidates), null);
            var first = PlanTask.Run(plan, 0, default);
            Assert.False(first.AlreadyDone);
            var text = File.ReadAllText(first.Path);
            var again = PlanTask.Run(plan, 0, default);
            Assert.True(again.AlreadyDone);
            Assert.Equal(text, File.ReadAllText(first.Path));
            Assert.Equal(first.Score, again.Score);

            File.AppendAllText(Path.Combine(_folder, PlanSource.RowsFile), "9,10,,True,k2\n");
            var changed = Assert.Throws<NeuralNetException>(() => PlanTask.Run(plan, 1, default));
            Assert.Equal("PlanDataChanged", changed.ErrorId);
            Assert.Contains("rows.csv", changed.Message);
            Assert.False(File.Exists(plan.ResultPath(1)));
            Assert.Equal("TaskIndexOutOfRange", Assert.Throws<NeuralNetException>(() => PlanTask.Run(plan, 2, default)).ErrorId);
        }

        [Fact]
        public void Writing_the_same_plan_again_keeps_its_results_and_another_plan_in_the_folder_is_refused()
        {
            var (experiment, search) = Experiment(new ExperimentOptions { Folds = 2 }, P("HiddenLayers", 3));
            var plan = PlanWriter.Write(_folder, search, experiment, PlanSource.FromRows(Rows(), Data(), search.Candidates), null);
            PlanTask.Run(plan, 0, default);
            PlanWriter.Write(_folder, search, experiment, PlanSource.FromRows(Rows(), Data(), search.Candidates), null);
            Assert.True(File.Exists(plan.ResultPath(0)));
            var (other, otherSearch) = Experiment(new ExperimentOptions { Folds = 2 }, P("HiddenLayers", 4));
            Assert.Equal("PlanExists", Assert.Throws<NeuralNetException>(() => PlanWriter.Write(_folder, otherSearch, other, PlanSource.FromRows(Rows(), Data(), otherSearch.Candidates), null)).ErrorId);
            var (refit, refitSearch) = Experiment(new ExperimentOptions { Folds = 2, Refit = true }, P("HiddenLayers", 4));
            Assert.Equal("PlanRefitAtMerge", Assert.Throws<NeuralNetException>(() => PlanWriter.Write(_folder + "-2", refitSearch, refit, PlanSource.FromRows(Rows(), Data(), refitSearch.Candidates), null)).ErrorId);
        }

        [Fact]
        public void Missing_tasks_are_listed_as_array_ranges_and_their_configurations_carry_the_reason()
        {
            var (experiment, search) = Experiment(new ExperimentOptions { Folds = 3 }, P("HiddenLayers", new object[] { 2, 3, 4 }));
            var plan = PlanWriter.Write(_folder, search, experiment, PlanSource.FromRows(Rows(), Data(), search.Candidates), null);
            foreach (int task in new[] { 0, 1, 2, 6 }) PlanTask.Run(plan, task, default);
            var merged = PlanMerge.Of(plan);
            Assert.Equal(new[] { 3, 4, 5, 7, 8 }, merged.Missing);
            Assert.Equal("3-5,7-8", merged.MissingRanges);
            Assert.Null(merged.Results[0].Error);
            Assert.Equal(PlanMerge.MissingErrorId, merged.Results[1].ErrorId);
            Assert.Contains("task 3 has no result yet", merged.Results[1].Error);
            Assert.True(double.IsNaN(merged.Results[2].MeanScore));
            Assert.Equal("ExperimentTasksMissing", Assert.Throws<NeuralNetException>(() => merged.WithRefit(default)).ErrorId);
            Assert.Equal("0,2,4-6", PlanMerge.Ranges(new[] { 0, 2, 4, 5, 6 }));
        }

        [Fact]
        public void The_refit_at_merge_trains_the_best_configuration_as_a_local_refit_does()
        {
            var (experiment, search) = Experiment(new ExperimentOptions { Folds = 2, Seed = 2 }, P("HiddenLayers", new object[] { 2, 6 }));
            var plan = PlanWriter.Write(_folder, search, experiment, PlanSource.FromRows(Rows(), Data(), search.Candidates), null);
            foreach (int task in Enumerable.Range(0, plan.TaskCount)) PlanTask.Run(plan, task, default);
            var merged = PlanMerge.Of(plan).WithRefit(default);
            var best = ConfigurationResult.Best(merged.Results);
            Assert.Single(merged.Results, r => r.Model != null);
            Assert.NotNull(best.Model);
            var local = experiment.Run(experiment.RefitOf(best.Configuration), default).Model;
            Assert.Equal(local.Network.Layers.SelectMany(l => l.Weights), best.Model.Network.Layers.SelectMany(l => l.Weights));
        }

        [Fact]
        public void Halving_plans_rank_each_rung_as_a_local_search_does()
        {
            var options = new ExperimentOptions { Search = SearchMode.Halving, Folds = 2, Seed = 4 };
            var (experiment, search) = Experiment(options, P("HiddenLayers", new object[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }));
            var local = search.Run(stage => experiment.RunAll(stage.Runs, 2, null, default), default);
            var root = PlanWriter.Write(_folder, search, experiment, PlanSource.FromRows(Rows(), Data(), search.Candidates), null);
            Assert.True(root.IsHalvingRoot);
            Assert.Equal("HalvingPlanNeedsRung", Assert.Throws<NeuralNetException>(() => PlanTask.Run(root, 0, default)).ErrorId);
            var rung = HalvingPlan.Rungs(root)[0];
            Assert.Equal("../rows.csv", rung.Source.Files[0].Path);
            Assert.Equal("HalvingRungIncomplete", Assert.Throws<NeuralNetException>(() => HalvingPlan.Advance(root)).ErrorId);
            var budgets = new List<int>();
            while (rung != null)
            {
                budgets.Add(rung.Budget.Amount);
                foreach (int task in Enumerable.Range(0, rung.TaskCount)) PlanTask.Run(rung, task, default);
                rung = HalvingPlan.Advance(root);
            }
            Assert.Equal(search.Schedule.Select(s => s.Budget), budgets);
            var (results, _, finished) = HalvingPlan.Merge(root, false, default);
            Assert.True(finished);
            Assert.Equal(local.Select(r => $"{r.Rung}/{r.Configuration.Index}/{r.Budget}"), results.Select(r => $"{r.Rung}/{r.Configuration.Index}/{r.Budget}"));
            Assert.Equal(local.SelectMany(r => r.Scores), results.SelectMany(r => r.Scores));
            Assert.Null(HalvingPlan.Advance(root));
        }

        [Theory]
        [InlineData("SLURM_ARRAY_TASK_ID", "7", 7)]
        [InlineData("JOB_COMPLETION_INDEX", "0", 0)]
        [InlineData("AZ_BATCH_TASK_ID", "task-12", 12)]
        [InlineData("AZ_BATCH_TASK_ID", "31", 31)]
        [InlineData("PBS_ARRAY_INDEX", " 4 ", 4)]
        public void A_schedulers_task_index_is_read_from_its_variable(string variable, string value, int index)
        {
            var found = SchedulerTaskIndex.Find(name => name == variable ? value : null);
            Assert.Equal((index, variable), found.Value);
        }

        [Fact]
        public void Slurms_index_comes_first_an_unset_environment_gives_none_and_a_bad_value_names_its_variable()
        {
            var both = new Dictionary<string, string> { ["PBS_ARRAY_INDEX"] = "1", ["SLURM_ARRAY_TASK_ID"] = "2" };
            Assert.Equal(("SLURM_ARRAY_TASK_ID"), SchedulerTaskIndex.Find(n => both.TryGetValue(n, out var v) ? v : null).Value.Variable);
            Assert.Null(SchedulerTaskIndex.Find(_ => null));
            var bad = Assert.Throws<NeuralNetException>(() => SchedulerTaskIndex.Find(n => n == "JOB_COMPLETION_INDEX" ? "-1" : null));
            Assert.Equal("InvalidTaskIndex", bad.ErrorId);
            Assert.Contains("JOB_COMPLETION_INDEX", bad.Message);
            Assert.Equal("InvalidTaskIndex", Assert.Throws<NeuralNetException>(() => SchedulerTaskIndex.Find(n => n == "AZ_BATCH_TASK_ID" ? "merge" : null)).ErrorId);
        }
    }
}
