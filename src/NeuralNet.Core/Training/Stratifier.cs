using MathNet.Numerics.Random;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Which rows are held out: seeded, and stratified when rows carry a class, so every part keeps each
    /// class's share. The one stratifier of the module: training's -ValidationSplit and experiments'
    /// folds and hold-out splits all ask it, so the same seed and classes give the same parts on every
    /// machine, whichever runspace, session or scheduler later trains them.
    /// </summary>
    public static class Stratifier
    {
        /// <summary>
        /// The rows held out, in row order: about <paramref name="fraction"/> of each stratum, at least one
        /// row and never every row.
        /// </summary>
        /// <param name="strata">Each row's stratum (its class index), or null for one stratum.</param>
        /// <param name="rows">The row count.</param>
        /// <param name="fraction">The share held out, between 0 and 1 (exclusive).</param>
        /// <param name="seed">Seeds the shuffle.</param>
        public static int[] Holdout(int[] strata, int rows, double fraction, int seed)
        {
            if (fraction <= 0 || fraction >= 1)
                throw new NeuralNetException("InvalidValidationSplit", ErrorKind.InvalidArgument, $"-ValidationSplit must lie between 0 and 1 (exclusive); it is {fraction}.");
            if (rows < 2) throw new NeuralNetException("TooFewRows", ErrorKind.InvalidData, "A validation split needs at least two rows.");
            var held = new List<int>();
            foreach (var stratum in Strata(strata, rows, seed)) held.AddRange(stratum.Take((int)Math.Round(stratum.Count * fraction)));
            if (held.Count == 0) held.Add(0);
            if (held.Count == rows) held.RemoveAt(held.Count - 1);
            held.Sort();
            return held.ToArray();
        }

        /// <summary>The fold (0 … folds−1) of each row: each stratum's shuffled rows dealt round-robin, which keeps class shares and fold sizes even.</summary>
        public static int[] Folds(int[] strata, int rows, int folds, int seed)
        {
            if (folds < 2) throw new NeuralNetException("TooFewFolds", ErrorKind.InvalidArgument, $"-Folds must be at least 2; it is {folds}.");
            if (rows < folds) throw new NeuralNetException("TooFewRows", ErrorKind.InvalidData, $"{folds} folds need at least {folds} rows, but there are {rows}.");
            var fold = new int[rows];
            int next = 0;
            foreach (var stratum in Strata(strata, rows, seed))
                foreach (int r in stratum) fold[r] = next++ % folds;
            return fold;
        }

        /// <summary>
        /// Exactly <paramref name="count"/> of the rows, in row order, each stratum keeping its share: a
        /// stratum of nₛ rows gives ⌊count·nₛ/rows⌋, and the rows still owed go one each to the strata with
        /// the largest remainders (ties to the lower stratum), so every count is within one of its exact
        /// share. What successive halving trains on when its budget is rows.
        /// </summary>
        /// <param name="strata">Each row's stratum (its class index), or null for one stratum.</param>
        /// <param name="rows">The row count.</param>
        /// <param name="count">How many rows to keep, from 1 to <paramref name="rows"/>.</param>
        /// <param name="seed">Seeds the shuffle.</param>
        public static int[] Subsample(int[] strata, int rows, int count, int seed)
        {
            if (count < 1 || count > rows) throw new ArgumentOutOfRangeException(nameof(count), count, $"Keep between 1 and {rows} rows.");
            var groups = Strata(strata, rows, seed).ToList();
            var quota = new int[groups.Count];
            var remainder = new long[groups.Count];
            int given = 0;
            for (int s = 0; s < groups.Count; s++)
            {
                long share = (long)count * groups[s].Count;   // exact: quota = ⌊share / rows⌋, remainder = share mod rows
                quota[s] = (int)(share / rows);
                remainder[s] = share % rows;
                given += quota[s];
            }
            var order = Enumerable.Range(0, groups.Count).OrderByDescending(s => remainder[s]).ThenBy(s => s).ToArray();
            for (int i = 0; given < count; i++, given++) quota[order[i]]++;
            var kept = new List<int>(count);
            for (int s = 0; s < groups.Count; s++) kept.AddRange(groups[s].Take(quota[s]));
            kept.Sort();
            return kept.ToArray();
        }

        /// <summary>The rows of each stratum in ascending stratum order, each shuffled (Fisher–Yates) by one seeded generator.</summary>
        private static IEnumerable<List<int>> Strata(int[] strata, int rows, int seed)
        {
            var random = new MersenneTwister(seed, threadSafe: false);
            var groups = new SortedDictionary<int, List<int>>();
            for (int r = 0; r < rows; r++)
            {
                int key = strata?[r] ?? 0;
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
