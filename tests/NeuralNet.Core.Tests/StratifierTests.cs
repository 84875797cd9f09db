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
    }
}
