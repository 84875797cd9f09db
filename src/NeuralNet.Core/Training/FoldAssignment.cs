using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.Random;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Which rows each cross-validation fold tests on: seeded, and stratified when rows carry class
    /// labels, so every fold keeps each class's share. The same seed and labels give the same folds on
    /// every machine, whichever runspace or session later trains them.
    /// </summary>
    public static class FoldAssignment
    {
        /// <summary>The fold (0 … folds−1) of each row; <paramref name="labels"/> null means no stratification.</summary>
        public static int[] KFold(int rows, int folds, int seed, IReadOnlyList<string> labels = null)
        {
            if (folds < 2) throw new NeuralNetException("TooFewFolds", ErrorKind.InvalidArgument, $"-Folds must be at least 2; it is {folds}.");
            if (rows < folds)
                throw new NeuralNetException("TooFewRows", ErrorKind.InvalidData, $"{folds} folds need at least {folds} rows, but there are {rows}.");
            var fold = new int[rows];
            int next = 0;
            // Dealing each shuffled class in turn round-robin keeps class shares and fold sizes even.
            foreach (var stratum in Strata(rows, seed, labels))
                foreach (int r in stratum) fold[r] = next++ % folds;
            return fold;
        }

        /// <summary>1 for the rows held out (about <paramref name="fraction"/> of each class), 0 for the rest.</summary>
        public static int[] Holdout(int rows, double fraction, int seed, IReadOnlyList<string> labels = null)
        {
            if (fraction <= 0 || fraction >= 1)
                throw new NeuralNetException("InvalidValidationSplit", ErrorKind.InvalidArgument, $"-ValidationSplit must lie between 0 and 1 (exclusive); it is {fraction}.");
            if (rows < 2) throw new NeuralNetException("TooFewRows", ErrorKind.InvalidData, "A validation split needs at least two rows.");
            var held = new int[rows];
            int count = 0;
            foreach (var stratum in Strata(rows, seed, labels))
            {
                int take = (int)Math.Round(stratum.Count * fraction);
                for (int i = 0; i < take; i++) held[stratum[i]] = 1;
                count += take;
            }
            if (count == 0) held[0] = 1;
            if (count == rows) held[rows - 1] = 0;
            return held;
        }

        private static IEnumerable<List<int>> Strata(int rows, int seed, IReadOnlyList<string> labels)
        {
            var random = new MersenneTwister(seed, threadSafe: false);
            var groups = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
            for (int r = 0; r < rows; r++)
            {
                string key = labels?[r] ?? "";
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = new List<int>();
                list.Add(r);
            }
            foreach (var list in groups.Values)
            {
                for (int i = list.Count - 1; i > 0; i--)
                {
                    int j = random.Next(i + 1);
                    (list[i], list[j]) = (list[j], list[i]);
                }
                yield return list;
            }
        }
    }
}
