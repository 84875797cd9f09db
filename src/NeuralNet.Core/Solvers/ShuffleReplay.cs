using MathNet.Numerics.Random;
using NeuralNet.Core.Data;

namespace NeuralNet.Core.Solvers
{
    /// <summary>
    /// Puts a resumed call's rows where an uninterrupted call would have them. An epoch pass shuffles its
    /// row order in place, epoch after epoch, with uniforms from one seeded generator; a new pass starts
    /// from rows in their own order. Fisher–Yates swaps positions whatever they hold, so shuffling the
    /// rows reordered by the order reached after k shuffles gives the batches that the (k+1)-th shuffle
    /// of the uninterrupted call gives. This replays the k shuffles (as EpochPass draws them: one
    /// uniform per row per epoch, in one call) and reorders the rows once; the generator is left where
    /// the uninterrupted call's would be.
    /// </summary>
    internal static class ShuffleReplay
    {
        /// <summary>The training rows in the order <paramref name="shuffles"/> shuffles from <paramref name="random"/> leave them.</summary>
        public static DataSet Replay(DataSet train, MersenneTwister random, long shuffles) => train.Reordered(Order(random, shuffles, train.Rows));

        /// <summary>Draws <paramref name="shuffles"/> shuffles of <paramref name="rows"/> rows from <paramref name="random"/>, and returns the order they reach.</summary>
        public static int[] Order(MersenneTwister random, long shuffles, int rows)
        {
            var order = new int[rows];
            for (int i = 0; i < rows; i++) order[i] = i;
            var uniforms = new double[rows];
            for (long s = 0; s < shuffles; s++)
            {
                random.NextDoubles(uniforms);
                // The same swaps as EpochPass.Shuffle (TrainingResumeTests fails if they ever part).
                for (int i = rows - 1; i > 0; i--)
                {
                    int j = Math.Min(i, (int)(uniforms[i] * (i + 1)));
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            return order;
        }
    }
}
