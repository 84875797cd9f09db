namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Orders a rung's configurations by score: higher first (negate a loss before ranking), a failed
    /// configuration (NaN) after every scored one, and equal scores by the lower configuration number,
    /// so the same scores always give the same survivors whatever order the results arrived in.
    /// </summary>
    internal static class RungRanking
    {
        /// <summary>The configurations, best first; <paramref name="scores"/>[i] belongs to <paramref name="configurations"/>[i].</summary>
        public static int[] Rank(IReadOnlyList<int> configurations, IReadOnlyList<double> scores)
        {
            if (configurations == null) throw new ArgumentNullException(nameof(configurations));
            if (scores == null) throw new ArgumentNullException(nameof(scores));
            if (scores.Count != configurations.Count)
                throw new NeuralNetException("HalvingScoreCountMismatch", ErrorKind.InvalidOperation,
                    $"A rung of {configurations.Count} configuration(s) came back with {scores.Count} score(s); every configuration needs one score (NaN for one that failed).");
            var order = new int[configurations.Count];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            // A total order (configuration numbers are distinct), so Array.Sort's instability cannot show.
            Array.Sort(order, (x, y) =>
            {
                bool failedX = double.IsNaN(scores[x]), failedY = double.IsNaN(scores[y]);
                if (failedX != failedY) return failedX ? 1 : -1;
                if (!failedX && scores[x] != scores[y]) return scores[y].CompareTo(scores[x]);
                return configurations[x].CompareTo(configurations[y]);
            });
            var ranked = new int[order.Length];
            for (int i = 0; i < order.Length; i++) ranked[i] = configurations[order[i]];
            return ranked;
        }

        /// <summary>The best <paramref name="keep"/> configurations, in ascending configuration order.</summary>
        public static int[] Survivors(IReadOnlyList<int> configurations, IReadOnlyList<double> scores, int keep)
        {
            if (keep < 1 || keep > configurations.Count)
                throw new ArgumentOutOfRangeException(nameof(keep), keep, $"Keep between 1 and {configurations.Count} configurations.");
            var survivors = new int[keep];
            Array.Copy(Rank(configurations, scores), survivors, keep);
            Array.Sort(survivors);
            return survivors;
        }
    }
}
