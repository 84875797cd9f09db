namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Successive halving (Jamieson &amp; Talwalkar 2016) with scikit-learn's HalvingRandomSearchCV
    /// schedule: n candidates start on the minimum budget r; rung i gives r·ηⁱ to the best ⌈nᵢ₋₁/η⌉
    /// of the rung before. It stops when the last rung has fewer than η candidates (1 + ⌊log_η n⌋
    /// rungs) or when the next budget would pass the maximum R (1 + ⌊log_η ⌊R/r⌋⌋ rungs), whichever
    /// comes first; the best of the last rung wins. The logarithms are counted in integers, so exact
    /// powers are exact (scikit-learn's floating-point log gives one rung fewer for n = 243, η = 3).
    /// Pure: it plans and selects, and whoever runs the rungs (locally, over sessions, or as one plan
    /// per rung) feeds the scores back through <see cref="Next"/>.
    /// </summary>
    internal sealed class SuccessiveHalving
    {
        public const int DefaultFactor = 3;

        private readonly (int Candidates, int Budget)[] _schedule;

        public SuccessiveHalving(int candidates, int minBudget, int maxBudget, int factor = DefaultFactor)
        {
            if (candidates < 1)
                throw new NeuralNetException("HalvingNeedsCandidates", ErrorKind.InvalidArgument, $"Successive halving needs at least one configuration to start with; it was given {candidates}.");
            if (factor < 2)
                throw new NeuralNetException("InvalidHalvingFactor", ErrorKind.InvalidArgument, $"The halving factor must be a whole number of at least 2 (each rung keeps 1/factor of the one before); it is {factor}. The usual value is 3.");
            if (minBudget < 1)
                throw new NeuralNetException("InvalidHalvingBudget", ErrorKind.InvalidArgument, $"The first rung's budget must be at least 1 epoch (or row); it is {minBudget}.");
            if (maxBudget < minBudget)
                throw new NeuralNetException("InvalidHalvingBudget", ErrorKind.InvalidArgument, $"The maximum budget {maxBudget} is below the first rung's budget {minBudget}; raise the maximum or lower the minimum.");
            Candidates = candidates;
            MinBudget = minBudget;
            MaxBudget = maxBudget;
            Factor = factor;
            int rungs = Math.Min(1 + FloorLog(candidates, factor), 1 + FloorLog(maxBudget / minBudget, factor));
            _schedule = new (int, int)[rungs];
            long budget = minBudget;
            int count = candidates;
            for (int i = 0; i < rungs; i++)
            {
                _schedule[i] = (count, (int)budget);
                budget *= factor;
                count = (count + factor - 1) / factor;
            }
        }

        public int Candidates { get; }

        public int MinBudget { get; }

        public int MaxBudget { get; }

        public int Factor { get; }

        /// <summary>How many configurations each rung runs, and on what budget; known before anything runs.</summary>
        public IReadOnlyList<(int Candidates, int Budget)> Schedule => _schedule;

        /// <summary>Total budget the whole search spends per fold: Σ candidatesᵢ · budgetᵢ.</summary>
        public long TotalBudget => _schedule.Sum(r => (long)r.Candidates * r.Budget);

        /// <summary>
        /// scikit-learn's 'exhaust': ⌊R/r⌋ candidates, as many as the budgets can thin down to one
        /// before the last rung would exceed the maximum budget.
        /// </summary>
        public static int ExhaustingCandidates(int minBudget, int maxBudget) => Math.Max(1, maxBudget / Math.Max(1, minBudget));

        /// <summary>The first rung: every candidate, on the minimum budget.</summary>
        public HalvingRung First() => new HalvingRung(0, _schedule[0].Budget, Enumerable.Range(0, Candidates).ToArray());

        /// <summary>
        /// The rung after <paramref name="finished"/>, given its scores (aligned with its
        /// configurations; higher is better, NaN for a failure); null when it was the last rung.
        /// </summary>
        public HalvingRung Next(HalvingRung finished, IReadOnlyList<double> scores)
        {
            Check(finished);
            int next = finished.Index + 1;
            if (next == _schedule.Length)
            {
                RungRanking.Rank(finished.Configurations, scores);   // still checks the scores
                return null;
            }
            var survivors = RungRanking.Survivors(finished.Configurations, scores, _schedule[next].Candidates);
            return new HalvingRung(next, _schedule[next].Budget, survivors);
        }

        /// <summary>The winner: the best configuration of the last rung.</summary>
        public int Best(HalvingRung last, IReadOnlyList<double> scores)
        {
            Check(last);
            if (last.Index != _schedule.Length - 1)
                throw new NeuralNetException("HalvingNotFinished", ErrorKind.InvalidOperation, $"Rung {last.Index} is not the last of {_schedule.Length}; the winner comes from the last rung.");
            return RungRanking.Rank(last.Configurations, scores)[0];
        }

        private void Check(HalvingRung rung)
        {
            if (rung == null) throw new ArgumentNullException(nameof(rung));
            if (rung.Index < 0 || rung.Index >= _schedule.Length || rung.Budget != _schedule[rung.Index].Budget || rung.Configurations.Count != _schedule[rung.Index].Candidates)
                throw new NeuralNetException("HalvingRungMismatch", ErrorKind.InvalidOperation,
                    $"{rung} does not belong to this schedule ({Describe()}); was the plan changed after it started?");
        }

        private string Describe() => string.Join(", ", _schedule.Select((r, i) => $"rung {i}: {r.Candidates} on {r.Budget}"));

        /// <summary>⌊log_b x⌋ for x ≥ 1, counted in integers; 0 for x &lt; b.</summary>
        private static int FloorLog(long x, int b)
        {
            int k = 0;
            for (long p = b; p <= x; p *= b) k++;
            return k;
        }
    }
}
