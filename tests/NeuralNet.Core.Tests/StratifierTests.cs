using System.Linq;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>The one stratifier: folds and hold-outs keep each class's share and depend only on the seed.</summary>
    public class StratifierTests
    {
        [Fact]
        public void Stratified_folds_keep_class_shares_and_even_sizes_and_depend_only_on_the_seed()
        {
            var classes = Enumerable.Range(0, 90).Select(i => i < 60 ? 0 : 1).ToArray();
            var folds = Stratifier.Folds(classes, 90, 3, seed: 5);
            for (int f = 0; f < 3; f++)
            {
                Assert.Equal(20, Enumerable.Range(0, 90).Count(r => folds[r] == f && classes[r] == 0));
                Assert.Equal(10, Enumerable.Range(0, 90).Count(r => folds[r] == f && classes[r] == 1));
            }
            Assert.Equal(folds, Stratifier.Folds(classes, 90, 3, seed: 5));
            Assert.NotEqual(folds, Stratifier.Folds(classes, 90, 3, seed: 6));
        }

        [Fact]
        public void Holdout_takes_the_share_of_each_class_in_row_order()
        {
            var classes = Enumerable.Range(0, 100).Select(i => i % 4 == 0 ? 0 : 1).ToArray();
            var held = Stratifier.Holdout(classes, 100, 0.2, 1);
            Assert.Equal(5, held.Count(r => classes[r] == 0));
            Assert.Equal(15, held.Count(r => classes[r] == 1));
            Assert.Equal(held.OrderBy(r => r), held);
        }

        [Fact]
        public void Holdout_keeps_at_least_one_row_on_each_side()
        {
            Assert.Single(Stratifier.Holdout(null, 3, 0.01, 0));
            Assert.Equal(2, Stratifier.Holdout(null, 3, 0.99, 0).Length);
        }

        [Fact]
        public void Too_few_rows_for_the_folds_is_an_error()
        {
            var e = Assert.Throws<NeuralNetException>(() => Stratifier.Folds(null, 2, 3, 0));
            Assert.Equal("TooFewRows", e.ErrorId);
        }

        [Theory]
        // Hand-computed largest-remainder shares: 7 rows of 60/25/15 → 4.2, 1.75, 1.05 → 4, 1, 1 and the one left to 1.75.
        [InlineData(7, new[] { 4, 2, 1 })]
        [InlineData(50, new[] { 30, 13, 7 })]     // 30, 12.5, 7.5: the tie of remainders goes to the lower class
        [InlineData(1, new[] { 1, 0, 0 })]
        [InlineData(100, new[] { 60, 25, 15 })]
        public void Subsample_keeps_exactly_the_count_with_each_class_within_one_of_its_share(int count, int[] expected)
        {
            var classes = Enumerable.Range(0, 100).Select(i => i < 60 ? 0 : i < 85 ? 1 : 2).ToArray();
            var kept = Stratifier.Subsample(classes, 100, count, seed: 3);
            Assert.Equal(count, kept.Length);
            Assert.Equal(expected, Enumerable.Range(0, 3).Select(c => kept.Count(r => classes[r] == c)));
            Assert.Equal(kept.OrderBy(r => r).Distinct(), kept);
            Assert.Equal(kept, Stratifier.Subsample(classes, 100, count, seed: 3));
        }

        [Fact]
        public void Subsample_takes_the_rows_the_same_shuffle_deals_first_so_a_larger_budget_keeps_the_smaller_ones()
        {
            // The reference: the rows of a fold's first positions in the same seeded shuffle Holdout and Folds use.
            var classes = Enumerable.Range(0, 40).Select(i => i % 2).ToArray();
            var small = Stratifier.Subsample(classes, 40, 10, seed: 8);
            var large = Stratifier.Subsample(classes, 40, 30, seed: 8);
            Assert.Subset(large.ToHashSet(), small.ToHashSet());
            Assert.Equal(Stratifier.Holdout(classes, 40, 0.25, 8), small);   // 5 of each class, as a 25 % hold-out takes them
            Assert.NotEqual(small, Stratifier.Subsample(classes, 40, 10, seed: 9));
            Assert.Equal(Enumerable.Range(0, 40), Stratifier.Subsample(null, 40, 40, 1));
        }
    }
}
