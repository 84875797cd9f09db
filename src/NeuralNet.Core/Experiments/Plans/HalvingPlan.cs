namespace NeuralNet.Core.Experiments
{
    /// <summary>A successive-halving schedule as a plan keeps it: enough numbers to rebuild it exactly in another process.</summary>
    public sealed class HalvingSchedule
    {
        internal HalvingSchedule(BudgetResource resource, int candidates, int minBudget, int maxBudget, int factor)
        {
            Resource = resource;
            Candidates = candidates;
            MinBudget = minBudget;
            MaxBudget = maxBudget;
            Factor = factor;
            Halving = new SuccessiveHalving(candidates, minBudget, maxBudget, factor);
        }

        internal static HalvingSchedule Of(ExperimentSearch search) =>
            new HalvingSchedule(search.Resource, search.Halving.Candidates, search.Halving.MinBudget, search.Halving.MaxBudget, search.Halving.Factor);

        public BudgetResource Resource { get; }

        public int Candidates { get; }

        public int MinBudget { get; }

        public int MaxBudget { get; }

        public int Factor { get; }

        internal SuccessiveHalving Halving { get; }

        public int RungCount => Halving.Schedule.Count;

        public RunBudget BudgetOf(int rung) => new RunBudget(Resource, Halving.Schedule[rung].Budget);

        internal string Json() =>
            string.Format(CultureInfo.InvariantCulture, "{{ \"resource\": \"{0}\", \"candidates\": {1}, \"minBudget\": {2}, \"maxBudget\": {3}, \"factor\": {4}, \"schedule\": [{5}] }}",
                Resource, Candidates, MinBudget, MaxBudget, Factor, string.Join(", ", Halving.Schedule.Select(r => $"[{r.Candidates}, {r.Budget}]")));

        internal static HalvingSchedule Read(PlanNode node)
        {
            try
            {
                return new HalvingSchedule(node.Field("resource").Enum<BudgetResource>(), node.Field("candidates").Int(1), node.Field("minBudget").Int(1), node.Field("maxBudget").Int(1), node.Field("factor").Int(2));
            }
            catch (NeuralNetException e) when (e.ErrorId != "InvalidExperimentPlan")
            {
                throw node.Error("a valid halving schedule (" + e.Message.TrimEnd('.') + ")");
            }
        }
    }

    /// <summary>
    /// Successive halving as plans: the root plan holds every candidate and the schedule; each rung is
    /// a plan of its own in rung-&lt;i&gt;, with the rung's survivors and budget. A scheduler runs one
    /// rung's tasks; <see cref="Advance"/> then ranks that rung (as a local search does) and writes
    /// the next one, until the last rung is done.
    /// </summary>
    public static class HalvingPlan
    {
        public static string RungFolder(int rung) => "rung-" + rung.ToString(CultureInfo.InvariantCulture);

        /// <summary>The rung plans written so far, in order.</summary>
        public static IReadOnlyList<ExperimentPlan> Rungs(ExperimentPlan root)
        {
            RequireRoot(root);
            var rungs = new List<ExperimentPlan>();
            for (int i = 0; i < root.Halving.RungCount && File.Exists(Path.Combine(root.Folder, RungFolder(i), ExperimentPlan.FileName)); i++)
                rungs.Add(ExperimentPlan.Read(Path.Combine(root.Folder, RungFolder(i))));
            return rungs;
        }

        /// <summary>
        /// Ranks the latest rung and writes the next rung's plan; null when the latest rung was the last
        /// one. HalvingRungIncomplete, listing the tasks to run, while the latest rung has missing results.
        /// </summary>
        public static ExperimentPlan Advance(ExperimentPlan root)
        {
            var rungs = Rungs(root);
            var last = rungs[rungs.Count - 1];
            var merge = PlanMerge.Of(last);
            if (!merge.IsComplete)
                throw new NeuralNetException("HalvingRungIncomplete", ErrorKind.InvalidOperation,
                    $"Rung {last.Rung} ({last.Folder}) has tasks without results: {merge.MissingRanges}. Run them (sbatch --array={merge.MissingRanges} …) before the next rung is planned.");
            var next = root.Halving.Halving.Next(RungOf(last), merge.Results.Select(r => r.OrientedScore).ToArray());
            if (next == null) return null;
            var configurations = next.Configurations.Select(c => root.Configurations[c]).ToList();
            return PlanWriter.WriteRung(root, next.Index, configurations);
        }

        /// <summary>
        /// Every rung's results so far (rung by rung, each result with its rung and budget), as a local
        /// halving search returns them; with <paramref name="refit"/>, the winner of the last rung
        /// trained on every row (HalvingNotFinished before the last rung has all its results).
        /// </summary>
        public static (IReadOnlyList<ConfigurationResult> Results, PlanMerge Latest, bool Finished) Merge(ExperimentPlan root, bool refit, CancellationToken token)
        {
            var rungs = Rungs(root);
            var merges = rungs.Select(PlanMerge.Of).ToList();
            var latest = merges[merges.Count - 1];
            bool finished = rungs.Count == root.Halving.RungCount && latest.IsComplete;
            if (refit)
            {
                if (!finished)
                    throw new NeuralNetException("HalvingNotFinished", ErrorKind.InvalidOperation,
                        $"The search in '{root.Folder}' has done {rungs.Count - (latest.IsComplete ? 0 : 1)} of its {root.Halving.RungCount} rungs, so it has no winner to refit yet. " +
                        "Finish the rungs (run each rung's tasks, then Invoke-NetworkExperiment -PlanPath … -NextRung), then merge with -Refit.");
                var last = rungs[rungs.Count - 1];
                int winner = root.Halving.Halving.Best(RungOf(last), latest.Results.Select(r => r.OrientedScore).ToArray());
                merges[merges.Count - 1] = latest = latest.WithRefitOf(root.Configurations[winner], token);
            }
            return (merges.SelectMany(m => m.Results).ToList(), latest, finished);
        }

        private static HalvingRung RungOf(ExperimentPlan rung) => new HalvingRung(rung.Rung.Value, rung.Budget.Amount, rung.Configurations.Select(c => c.Index - 1).ToArray());

        private static void RequireRoot(ExperimentPlan plan)
        {
            if (!plan.IsHalvingRoot)
                throw new NeuralNetException("NotAHalvingPlan", ErrorKind.InvalidOperation,
                    plan.Rung.HasValue
                        ? $"'{plan.Folder}' is rung {plan.Rung} of a successive-halving plan; give the search's own folder, '{Path.GetDirectoryName(plan.Folder)}'."
                        : $"'{plan.Folder}' is a {plan.Search.ToString().ToLowerInvariant()} plan; -NextRung belongs to plans written with -Search Halving. Its tasks all run at once.");
        }
    }
}
