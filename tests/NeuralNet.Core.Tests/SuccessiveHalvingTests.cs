using System;
using System.Collections.Generic;
using System.Linq;
using NeuralNet.Core.Experiments;
using Xunit;

namespace NeuralNet.Core.Tests
{
    public class SuccessiveHalvingTests
    {
        private static string Schedule(SuccessiveHalving halving) => string.Join(" ", halving.Schedule.Select(r => $"{r.Candidates}@{r.Budget}"));

        // Each schedule worked out by hand from scikit-learn's rules: rungs = min(1 + ⌊log_η n⌋,
        // 1 + ⌊log_η ⌊R/r⌋⌋), candidates nᵢ = ⌈nᵢ₋₁/η⌉, budget r·ηⁱ.
        [Theory]
        [InlineData(27, 1, 27, 3, "27@1 9@3 3@9 1@27")]          // a power of η: thins to one
        [InlineData(10, 2, 1000, 3, "10@2 4@6 2@18")]            // 1 + ⌊log₃ 10⌋ = 3 rungs; the last has fewer than η
        [InlineData(100, 1, 10, 3, "100@1 34@3 12@9")]           // the budget runs out first: 1 + ⌊log₃ 10⌋ = 3 rungs
        [InlineData(243, 1, 1000, 3, "243@1 81@3 27@9 9@27 3@81 1@243")]   // scikit-learn's float log finds 5 rungs here
        [InlineData(8, 1, 8, 2, "8@1 4@2 2@4 1@8")]              // η = 2: plain halving
        [InlineData(20, 5, 100, 3, "20@5 7@15 3@45")]            // ⌊100/5⌋ = 20 candidates exhaust the budget
        [InlineData(1, 4, 100, 3, "1@4")]                        // one candidate: one rung
        [InlineData(9, 10, 10, 3, "9@10")]                       // r = R: one rung, the best of all wins
        [InlineData(5, 1, 2, 3, "5@1")]                          // R/r below η: one rung
        public void The_schedule_matches_the_hand_computed_rungs(int candidates, int min, int max, int factor, string expected)
        {
            Assert.Equal(expected, Schedule(new SuccessiveHalving(candidates, min, max, factor)));
        }

        [Fact]
        public void The_factor_is_three_unless_given_and_the_total_budget_adds_up()
        {
            var halving = new SuccessiveHalving(27, 1, 27);
            Assert.Equal(3, halving.Factor);
            Assert.Equal(27 * 1 + 9 * 3 + 3 * 9 + 1 * 27, halving.TotalBudget);
            Assert.Equal(27, SuccessiveHalving.ExhaustingCandidates(1, 27));
            Assert.Equal(20, SuccessiveHalving.ExhaustingCandidates(5, 100));
        }

        [Fact]
        public void Survivors_are_the_best_third_ties_going_to_the_lower_configuration_and_failures_last()
        {
            var halving = new SuccessiveHalving(9, 1, 9);
            var first = halving.First();
            Assert.Equal(Enumerable.Range(0, 9), first.Configurations);
            Assert.Equal((0, 1), (first.Index, first.Budget));
            //                          0    1    2    3         4    5    6    7    8
            var second = halving.Next(first, new[] { 0.5, 0.9, 0.7, 0.9, double.NaN, 0.1, 0.8, 0.9, 0.2 });
            Assert.Equal(new[] { 1, 3, 7 }, second.Configurations);   // three tie at 0.9; 6 (0.8) just misses
            Assert.Equal((1, 3), (second.Index, second.Budget));
            var third = halving.Next(second, new[] { 0.6, 0.95, 0.6 });
            Assert.Equal(new[] { 3 }, third.Configurations);
            Assert.Equal((2, 9), (third.Index, third.Budget));
            Assert.Null(halving.Next(third, new[] { 0.97 }));
            Assert.Equal(3, halving.Best(third, new[] { 0.97 }));
        }

        [Fact]
        public void Ranking_puts_higher_scores_first_then_lower_numbers_then_failures_whatever_the_order_results_came_in()
        {
            Assert.Equal(new[] { 2, 4, 9, 5 }, RungRanking.Rank(new[] { 9, 4, 5, 2 }, new[] { 0.5, 0.5, double.NaN, 0.5 }));
            Assert.Equal(new[] { 1, 0 }, RungRanking.Rank(new[] { 0, 1 }, new[] { double.NaN, double.NegativeInfinity }));
            Assert.Equal(new[] { 3, 1, 2 }, RungRanking.Rank(new[] { 1, 2, 3 }, new[] { -0.0, -1.0, double.PositiveInfinity }));
            Assert.Equal(new[] { 4, 5 }, RungRanking.Rank(new[] { 5, 4 }, new[] { -0.0, 0.0 }));   // −0 and +0 are one score
            var configurations = new[] { 0, 1, 2, 3, 4, 5, 6, 7 };
            var scores = new[] { 0.3, 0.8, 0.8, double.NaN, 0.1, 0.8, 0.5, 0.3 };
            var expected = RungRanking.Rank(configurations, scores);
            Assert.Equal(new[] { 1, 2, 5, 6, 0, 7, 4, 3 }, expected);
            var random = new Random(3);
            for (int trial = 0; trial < 20; trial++)
            {
                var order = Enumerable.Range(0, 8).OrderBy(_ => random.Next()).ToArray();
                Assert.Equal(expected, RungRanking.Rank(order.Select(i => configurations[i]).ToArray(), order.Select(i => scores[i]).ToArray()));
            }
            Assert.Equal(new[] { 1, 2, 5 }, RungRanking.Survivors(configurations, scores, 3));
            Assert.Equal(new[] { 1, 2, 5, 6 }, RungRanking.Survivors(configurations, scores, 4));
        }

        [Fact]
        public void A_search_driven_by_a_known_objective_keeps_the_best_configuration_to_the_end()
        {
            // Configuration 13 is best on every budget; the others trail by their distance from it.
            var halving = new SuccessiveHalving(27, 1, 27);
            var visited = new List<string>();
            HalvingRung rung = halving.First(), last = null;
            double[] scores = null;
            while (rung != null)
            {
                visited.Add($"{rung.Index}:{string.Join(",", rung.Configurations)}@{rung.Budget}");
                scores = rung.Configurations.Select(c => -Math.Abs(c - 13) + 0.001 * rung.Budget).ToArray();
                last = rung;
                rung = halving.Next(rung, scores);
            }
            Assert.Equal(new[]
            {
                "0:" + string.Join(",", Enumerable.Range(0, 27)) + "@1",
                "1:" + string.Join(",", Enumerable.Range(9, 9)) + "@3",
                "2:12,13,14@9",
                "3:13@27",
            }, visited);
            Assert.Equal(13, halving.Best(last, scores));
        }

        [Fact]
        public void A_rung_read_back_from_a_plan_continues_the_search_and_a_foreign_rung_is_refused()
        {
            var halving = new SuccessiveHalving(9, 1, 9);
            var next = halving.Next(new HalvingRung(1, 3, new[] { 1, 3, 7 }), new[] { 0.1, 0.2, 0.3 });
            Assert.Equal(new[] { 7 }, next.Configurations);
            Assert.Equal("HalvingRungMismatch", Assert.Throws<NeuralNetException>(() => halving.Next(new HalvingRung(1, 4, new[] { 1, 3, 7 }), new[] { 0.1, 0.2, 0.3 })).ErrorId);
            Assert.Equal("HalvingRungMismatch", Assert.Throws<NeuralNetException>(() => halving.Next(new HalvingRung(1, 3, new[] { 1, 3 }), new[] { 0.1, 0.2 })).ErrorId);
            Assert.Equal("HalvingRungMismatch", Assert.Throws<NeuralNetException>(() => halving.Next(new HalvingRung(3, 27, new[] { 1 }), new[] { 0.1 })).ErrorId);
            var scores = Assert.Throws<NeuralNetException>(() => halving.Next(halving.First(), new[] { 0.1 }));
            Assert.Equal("HalvingScoreCountMismatch", scores.ErrorId);
            Assert.Equal(ErrorKind.InvalidOperation, scores.Kind);
            Assert.Equal("HalvingNotFinished", Assert.Throws<NeuralNetException>(() => halving.Best(halving.First(), new double[9])).ErrorId);
        }

        [Theory]
        [InlineData(0, 1, 10, 3, "HalvingNeedsCandidates", "at least one configuration")]
        [InlineData(9, 1, 10, 1, "InvalidHalvingFactor", "at least 2")]
        [InlineData(9, 0, 10, 3, "InvalidHalvingBudget", "at least 1 epoch")]
        [InlineData(9, 20, 10, 3, "InvalidHalvingBudget", "raise the maximum or lower the minimum")]
        public void Impossible_settings_are_refused_with_what_to_change(int candidates, int min, int max, int factor, string id, string fix)
        {
            var e = Assert.Throws<NeuralNetException>(() => new SuccessiveHalving(candidates, min, max, factor));
            Assert.Equal(id, e.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
            Assert.Contains(fix, e.Message);
        }
    }
}
