using System;
using System.Collections.Generic;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// Searches against hand-worked schedules, with a stand-in executor that scores each configuration
    /// by a fixed table instead of training, so what is checked is the search's own bookkeeping.
    /// </summary>
    public class ExperimentSearchTests
    {
        private static KeyValuePair<string, object> P(string name, object value) => new KeyValuePair<string, object>(name, value);

        /// <summary>Two classes, 60 rows.</summary>
        private static RawTable Rows()
        {
            var table = new RawTable(new[] { "a", "y" });
            for (int r = 0; r < 60; r++) table.Add(new object[] { r * 0.1, r % 2 == 0 ? "even" : "odd" });
            return table;
        }

        private static CrossValidation Experiment(ExperimentOptions options, int epochs = 27) =>
            new CrossValidation(Rows(), new DataOptions { Target = new[] { "y" } }, new TrainingOptions { Epochs = epochs }, options);

        private static string Schedule(ExperimentSearch search) => string.Join(" ", search.Schedule.Select(r => $"{r.Candidates}@{r.Budget}"));

        private static object[] Sizes(int n) => Enumerable.Range(1, n).Cast<object>().ToArray();

        [Theory]
        // r = max(1, ⌊R / η^⌊log_η n⌋⌋), scikit-learn's 'exhaust', worked by hand:
        [InlineData(9, 27, 3, "9@3 3@9 1@27")]        // 27 / 3² = 3
        [InlineData(10, 100, 3, "10@11 4@33 2@99")]   // 100 / 3² = 11; 3 rungs as 1 + ⌊log₃ 10⌋ = 3
        [InlineData(4, 8, 2, "4@2 2@4 1@8")]          // 8 / 2² = 2
        [InlineData(30, 10, 3, "30@1 10@3 4@9")]      // 10 / 3³ < 1, so 1; the budget runs out after 3 rungs
        public void Halving_over_a_grid_starts_every_configuration_on_the_budget_that_lets_the_last_rung_reach_the_maximum(int n, int epochs, int factor, string expected)
        {
            var search = ExperimentSearch.Create(Experiment(new ExperimentOptions { Search = SearchMode.Halving, HalvingFactor = factor }, epochs), new[] { P("HiddenLayers", Sizes(n)) }, null);
            Assert.Equal(expected, Schedule(search));
            Assert.Equal(n, search.Candidates.Count);
        }

        [Fact]
        public void Halving_over_a_space_without_trials_starts_as_many_candidates_as_one_epoch_each_thins_to_one()
        {
            var search = ExperimentSearch.Create(Experiment(new ExperimentOptions { Search = SearchMode.Halving, Seed = 2 }, 9), null, new[] { P("LearningRate", "LogUniform(1e-3,1e-1)") });
            Assert.Equal("9@1 3@3 1@9", Schedule(search));
            var given = ExperimentSearch.Create(Experiment(new ExperimentOptions { Search = SearchMode.Halving, MinBudget = 3, Seed = 2 }, 9), null, new[] { P("LearningRate", "LogUniform(1e-3,1e-1)") });
            Assert.Equal("3@3 1@9", Schedule(given));
        }

        [Fact]
        public void Halving_over_rows_grows_the_training_rows_from_two_per_fold_and_class_up_to_a_folds_rows()
        {
            // 60 rows in 3 folds: each trains on 40. Smallest: 2 × 3 folds × 2 classes = 12; 40 / 3 = 13 for 3 candidates.
            var experiment = Experiment(new ExperimentOptions { Search = SearchMode.Halving, HalvingResource = BudgetResource.Rows });
            Assert.Equal(40, experiment.MaxTrainingRows);
            var search = ExperimentSearch.Create(experiment, new[] { P("HiddenLayers", Sizes(3)) }, null);
            Assert.Equal("3@13 1@39", Schedule(search));
            Assert.Equal(BudgetResource.Rows, search.BudgetOf(1).Resource);
            var nine = ExperimentSearch.Create(experiment, new[] { P("HiddenLayers", Sizes(9)) }, null);
            Assert.Equal("9@12 3@36", Schedule(nine));   // 40 / 9 = 4 is below the smallest, 12
            // A run on a row budget trains on that many of its fold's training rows, half of each class.
            var run = experiment.Runs(search.Candidates.Take(1).ToList(), search.BudgetOf(0))[0];
            var (train, test) = experiment.RowsOf(run);
            Assert.Equal(13, train.Length);
            Assert.Equal(20, test.Length);
            Assert.Empty(train.Intersect(test));
            Assert.InRange(train.Count(r => r % 2 == 0), 6, 7);
        }

        [Fact]
        public void Each_rung_runs_the_best_third_of_the_one_before_on_three_times_the_budget_and_only_the_winner_is_refit()
        {
            var experiment = Experiment(new ExperimentOptions { Search = SearchMode.Halving, Refit = true, Folds = 3 });
            var search = ExperimentSearch.Create(experiment, new[] { P("HiddenLayers", Sizes(9)) }, null);
            // Stand-in scores: configuration k scores these (a tie between 4 and 8 goes to 4).
            var score = new Dictionary<int, double> { [1] = 0.5, [2] = 0.9, [3] = 0.1, [4] = 0.7, [5] = 0.2, [6] = 0.3, [7] = 0.6, [8] = 0.7, [9] = 0.4 };
            var stages = new List<SearchStage>();
            var results = search.Run(stage =>
            {
                stages.Add(stage);
                return stage.Runs.Select(r => r.IsRefit ? experiment.Run(r, default) : RunOutcome.Scored(r, score[r.Configuration.Index] + 0.01 * (stage.Rung ?? 0), TimeSpan.Zero)).ToList();
            }, default);
            Assert.Equal(new[] { 27, 9, 3, 1 }, stages.Select(s => s.Runs.Count));
            Assert.Equal(new[] { "1,2,3,4,5,6,7,8,9", "2,4,8", "2", "2" }, stages.Select(s => string.Join(",", s.Configurations.Select(c => c.Index))));
            Assert.Equal(new[] { 3, 9, 27 }, stages.Take(3).Select(s => s.Budget.Amount));
            Assert.True(stages[3].IsRefit);
            Assert.Equal(27, stages[3].Runs[0].Budget.Amount);
            Assert.All(stages.Take(3), s => Assert.All(s.Runs, r => Assert.Equal(s.Budget, r.Budget)));
            Assert.Equal(9 + 3 + 1, results.Count);
            Assert.Equal(new int?[] { 0, 1, 2 }, results.Select(r => r.Rung).Distinct());
            var winner = results.Last();
            Assert.Equal((2, 27, 2), (winner.Configuration.Index, winner.Budget.Amount, winner.Rung.Value));
            Assert.Equal(27, winner.Model.EpochsTrained);
            Assert.Single(results, r => r.Model != null);
            Assert.Equal("rung 2 of 3: 3 configurations × 3 folds on 9 epochs", stages[1].Description);
        }

        [Fact]
        public void A_loss_metric_keeps_the_lowest_scores()
        {
            var experiment = Experiment(new ExperimentOptions { Search = SearchMode.Halving, Metric = Metric.LogLoss });
            var search = ExperimentSearch.Create(experiment, new[] { P("HiddenLayers", Sizes(3)) }, null);
            var kept = new List<int>();
            search.Run(stage =>
            {
                kept = stage.Configurations.Select(c => c.Index).ToList();
                return stage.Runs.Select(r => RunOutcome.Scored(r, r.Configuration.Index == 3 ? 0.1 : 0.9, TimeSpan.Zero)).ToList();
            }, default);
            Assert.Equal(new[] { 3 }, kept);
        }

        [Fact]
        public void A_grid_hands_out_each_configuration_once_it_and_every_one_before_it_are_complete_in_order()
        {
            var experiment = Experiment(new ExperimentOptions { Folds = 3 });
            var search = ExperimentSearch.Create(experiment, new[] { P("HiddenLayers", Sizes(3)) }, null);
            var finished = new List<ConfigurationResult>();
            var seen = new List<string>();
            var results = search.Run(stage =>
            {
                var runs = stage.Runs;
                // Configuration 1's first fold, all of 3, the rest of 1, then 2: as threads might end them.
                var order = new[] { runs[0], runs[6], runs[7], runs[8], runs[1], runs[2], runs[3], runs[4], runs[5] };
                var outcomes = new List<RunOutcome>();
                foreach (var run in order)
                {
                    var outcome = RunOutcome.Scored(run, run.Configuration.Index + 0.1 * run.Fold, TimeSpan.FromSeconds(1));
                    outcomes.Add(outcome);
                    stage.Report(outcome);
                    seen.Add(string.Join(",", finished.Select(r => r.Configuration.Index)));
                }
                return outcomes;
            }, default, finished.Add);
            Assert.Equal(new[] { "", "", "", "", "", "1", "1", "1", "1,2,3" }, seen);
            Assert.Equal(results.Select(r => r.Configuration.Index), finished.Select(r => r.Configuration.Index));
            for (int i = 0; i < results.Count; i++)
            {
                Assert.Equal(results[i].Scores, finished[i].Scores);
                Assert.Equal(results[i].MeanScore, finished[i].MeanScore);
                Assert.Equal(results[i].Duration, finished[i].Duration);
            }
        }

        [Fact]
        public void A_cancelled_grid_hands_out_only_the_configurations_complete_before_the_stop()
        {
            var experiment = Experiment(new ExperimentOptions { Folds = 2 });
            var search = ExperimentSearch.Create(experiment, new[] { P("HiddenLayers", Sizes(3)) }, null);
            var finished = new List<ConfigurationResult>();
            using (var stop = new System.Threading.CancellationTokenSource())
            {
                search.Run(stage =>
                {
                    var outcomes = stage.Runs.Take(3).Select(r => RunOutcome.Scored(r, 0.5, TimeSpan.Zero)).ToList();
                    foreach (var outcome in outcomes) stage.Report(outcome);
                    stop.Cancel();
                    return outcomes;
                }, stop.Token, finished.Add);
            }
            Assert.Equal(new[] { 1 }, finished.Select(r => r.Configuration.Index));
        }

        [Fact]
        public void Halving_with_refit_hands_out_a_rung_once_it_is_ranked_and_the_last_after_the_winners_refit()
        {
            var experiment = Experiment(new ExperimentOptions { Search = SearchMode.Halving, Refit = true, Folds = 3 });
            var search = ExperimentSearch.Create(experiment, new[] { P("HiddenLayers", Sizes(9)) }, null);
            var finished = new List<ConfigurationResult>();
            var before = new List<int>();
            var results = search.Run(stage =>
            {
                before.Add(finished.Count);
                var outcomes = stage.Runs.Select(r => r.IsRefit ? experiment.Run(r, default) : RunOutcome.Scored(r, r.Configuration.Index, TimeSpan.Zero)).ToList();
                foreach (var outcome in outcomes) stage.Report(outcome);
                Assert.Equal(before[before.Count - 1], finished.Count);
                return outcomes;
            }, default, finished.Add);
            Assert.Equal(new[] { 0, 9, 12, 12 }, before);
            Assert.Equal(results, finished);
            Assert.NotNull(finished.Last().Model);
        }

        [Fact]
        public void Random_search_draws_its_trials_from_the_seed_and_checks_each_draw()
        {
            var options = new ExperimentOptions { Search = SearchMode.Random, Trials = 7, Seed = 11 };
            var space = new[] { P("LearningRate", "LogUniform(1e-4,1e-1)"), P("HiddenLayers", new object[] { 8, 16, 32 }) };
            var first = ExperimentSearch.Create(Experiment(options), null, space).Candidates;
            Assert.Equal(7, first.Count);
            Assert.Equal(Enumerable.Range(1, 7), first.Select(c => c.Index));
            Assert.Equal(ParameterSpace.Parse(space).Sample(7, 11).Select(c => c.ToString()), first.Select(c => c.ToString()));
            Assert.Empty(ExperimentSearch.Create(Experiment(options), null, space).Schedule);
            Assert.Equal(ExperimentSearch.DefaultTrials, ExperimentSearch.Create(Experiment(new ExperimentOptions { Search = SearchMode.Random }), null, space).Candidates.Count);
        }

        [Theory]
        [InlineData(SearchMode.Grid, true, true, "ParameterGridAndSpace")]
        [InlineData(SearchMode.Grid, false, true, "SpaceNeedsSearch")]
        [InlineData(SearchMode.Grid, false, false, "ParametersMissing")]
        [InlineData(SearchMode.Random, true, false, "RandomNeedsSpace")]
        [InlineData(SearchMode.Random, false, false, "ParametersMissing")]
        [InlineData(SearchMode.Halving, false, false, "ParametersMissing")]
        public void A_search_without_the_parameters_it_draws_from_is_refused_saying_which_to_give(SearchMode mode, bool grid, bool space, string errorId)
        {
            var e = Assert.Throws<NeuralNetException>(() => ExperimentSearch.Create(Experiment(new ExperimentOptions { Search = mode }),
                grid ? new[] { P("HiddenLayers", 4) } : null, space ? new[] { P("LearningRate", "Uniform(0.01,0.1)") } : null));
            Assert.Equal(errorId, e.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        }

        [Fact]
        public void Options_that_belong_to_another_search_are_refused()
        {
            NeuralNetException Refusal(ExperimentOptions o, IEnumerable<KeyValuePair<string, object>> g, IEnumerable<KeyValuePair<string, object>> s, int epochs = 27) =>
                Assert.Throws<NeuralNetException>(() => ExperimentSearch.Create(Experiment(o, epochs), g, s));
            var grid = new[] { P("HiddenLayers", Sizes(3)) };
            Assert.Equal("TrialsNeedSearch", Refusal(new ExperimentOptions { Trials = 4 }, grid, null).ErrorId);
            Assert.Equal("TrialsNeedSearch", Refusal(new ExperimentOptions { Search = SearchMode.Halving, Trials = 4 }, grid, null).ErrorId);
            Assert.Equal("MinBudgetNeedsHalving", Refusal(new ExperimentOptions { MinBudget = 2 }, grid, null).ErrorId);
            Assert.Equal("HalvingVariesBudget", Refusal(new ExperimentOptions { Search = SearchMode.Halving }, new[] { P("Epochs", new object[] { 5, 10 }) }, null).ErrorId);
            var tooLarge = Refusal(new ExperimentOptions { Search = SearchMode.Halving, MinBudget = 50 }, grid, null, epochs: 20);
            Assert.Equal("InvalidHalvingBudget", tooLarge.ErrorId);
            Assert.Contains("-Epochs", tooLarge.Message);
        }

        [Fact]
        public void Progress_counts_a_configuration_done_when_all_its_folds_are_and_keeps_the_best_mean()
        {
            var experiment = Experiment(new ExperimentOptions { Folds = 2 });
            var configurations = ParameterGrid.Expand(new[] { P("HiddenLayers", Sizes(2)) });
            var runs = experiment.Runs(configurations);
            var stage = new SearchStage(runs, configurations, 2, null, null, 0);
            var progress = new ExperimentProgress(stage, Metric.Accuracy);
            progress.Add(RunOutcome.Scored(runs[0], 0.9, TimeSpan.Zero));
            Assert.Equal((1, 0), (progress.RunsDone, progress.ConfigurationsDone));
            Assert.True(double.IsNaN(progress.BestScore));
            progress.Add(RunOutcome.Scored(runs[2], 0.8, TimeSpan.Zero));
            progress.Add(RunOutcome.Scored(runs[3], 0.9, TimeSpan.Zero));
            Assert.Equal((2, (0.8 + 0.9) / 2), (progress.BestConfiguration.Value, progress.BestScore));
            progress.Add(RunOutcome.Scored(runs[1], 0.95, TimeSpan.Zero));
            Assert.Equal((1, (0.9 + 0.95) / 2, 100), (progress.BestConfiguration.Value, progress.BestScore, progress.PercentComplete));
            Assert.Equal("2 configurations × 2 folds: 2 of 2 configurations done (4 of 4 runs); best mean Accuracy so far 0.925 (configuration 1); last: configuration 1, fold 2", progress.Status);
        }
    }
}
