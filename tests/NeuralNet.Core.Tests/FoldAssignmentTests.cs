using System.Linq;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    public class FoldAssignmentTests
    {
        [Fact]
        public void Stratified_folds_keep_class_shares_and_even_sizes_and_depend_only_on_the_seed()
        {
            var labels = Enumerable.Range(0, 90).Select(i => i < 60 ? "a" : "b").ToArray();
            var folds = FoldAssignment.KFold(90, 3, seed: 5, labels);
            for (int f = 0; f < 3; f++)
            {
                Assert.Equal(20, Enumerable.Range(0, 90).Count(r => folds[r] == f && labels[r] == "a"));
                Assert.Equal(10, Enumerable.Range(0, 90).Count(r => folds[r] == f && labels[r] == "b"));
            }
            Assert.Equal(folds, FoldAssignment.KFold(90, 3, seed: 5, labels));
            Assert.NotEqual(folds, FoldAssignment.KFold(90, 3, seed: 6, labels));
        }

        [Fact]
        public void Holdout_takes_the_share_of_each_class()
        {
            var labels = Enumerable.Range(0, 100).Select(i => i % 4 == 0 ? "x" : "y").ToArray();
            var held = FoldAssignment.Holdout(100, 0.2, 1, labels);
            Assert.Equal(5, Enumerable.Range(0, 100).Count(r => held[r] == 1 && labels[r] == "x"));
            Assert.Equal(15, Enumerable.Range(0, 100).Count(r => held[r] == 1 && labels[r] == "y"));
        }

        [Fact]
        public void Too_few_rows_for_the_folds_is_an_error()
        {
            var e = Assert.Throws<NeuralNetException>(() => FoldAssignment.KFold(2, 3, 0));
            Assert.Equal("TooFewRows", e.ErrorId);
        }
    }
}
