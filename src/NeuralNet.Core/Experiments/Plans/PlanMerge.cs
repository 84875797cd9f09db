namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// A plan's task results gathered into one result per configuration, exactly as a local run
    /// aggregates its runs (<see cref="ConfigurationResult.All"/>), so the scores are the same numbers.
    /// A configuration with a task that has no result yet carries an ExperimentTaskMissing error;
    /// <see cref="Missing"/> lists those tasks as a scheduler takes them (sbatch --array=3-5,9).
    /// </summary>
    /// <param name="Plan">The plan merged.</param>
    /// <param name="Results">One per configuration of the plan, in plan order.</param>
    /// <param name="Missing">Tasks without a (readable) result, ascending.</param>
    /// <param name="Problems">Result files that were there but not merged, and why (damaged, another plan's).</param>
    /// <param name="Outcomes">Every merged task's outcome, as the halving ranking reads them.</param>
    public sealed record PlanMerge(ExperimentPlan Plan, IReadOnlyList<ConfigurationResult> Results, IReadOnlyList<int> Missing, IReadOnlyList<string> Problems,
        IReadOnlyList<RunOutcome> Outcomes)
    {
        public const string MissingErrorId = "ExperimentTaskMissing";

        internal IReadOnlyList<RunOutcome> Outcomes { get; } = Outcomes;

        public bool IsComplete => Missing.Count == 0;

        /// <summary>The missing tasks as an array range: "3-5,9".</summary>
        public string MissingRanges => Ranges(Missing);

        /// <summary>Reads every task's result.</summary>
        public static PlanMerge Of(ExperimentPlan plan)
        {
            var outcomes = new List<RunOutcome>();
            var missing = new List<int>();
            var problems = new List<string>();
            for (int task = 0; task < plan.TaskCount; task++)
            {
                var run = plan.RunOf(task);
                var result = TaskResult.TryRead(plan, task, out string problem);
                if (problem != null) problems.Add(problem);
                if (result != null)
                {
                    outcomes.Add(result.Outcome(run));
                    continue;
                }
                missing.Add(task);
                outcomes.Add(RunOutcome.Failed(run, MissingErrorId, $"task {task} has no result yet ({plan.ResultPath(task)}); run it, then merge again.", TimeSpan.Zero));
            }
            return new PlanMerge(plan, ConfigurationResult.All(plan.Configurations, plan.Metric, outcomes, plan.Rung), missing, problems, outcomes);
        }

        /// <summary>
        /// The same merge with the best configuration (by mean score; ties to the lower number) trained
        /// on every row here, its network in the result; every task must have its result.
        /// </summary>
        public PlanMerge WithRefit(CancellationToken token) => WithRefitOf(ConfigurationResult.Best(Results)?.Configuration, token);

        /// <summary>As <see cref="WithRefit"/>, for a configuration chosen by the caller (a halving search's winner).</summary>
        internal PlanMerge WithRefitOf(Configuration configuration, CancellationToken token)
        {
            if (!IsComplete)
                throw new NeuralNetException("ExperimentTasksMissing", ErrorKind.InvalidOperation,
                    $"The best configuration can only be chosen once every task has its result; tasks {MissingRanges} of the plan in '{Plan.Folder}' have none yet. Run them (sbatch --array={MissingRanges} …), then merge with -Refit again.");
            if (configuration == null)
                throw new NeuralNetException("NothingToRefit", ErrorKind.InvalidOperation,
                    $"Every configuration of the plan in '{Plan.Folder}' failed, so there is no best one to refit; see each result's Error.");
            var experiment = Plan.Open(token);
            var refit = experiment.Run(experiment.RefitOf(configuration, Plan.Budget), token);
            var results = Results.Select(r => r.Configuration.Index != configuration.Index ? r
                : ConfigurationResult.Of(configuration, Plan.Metric, Outcomes.Concat(new[] { refit }), Plan.Rung)).ToList();
            return new PlanMerge(Plan, results, Missing, Problems, Outcomes.Concat(new[] { refit }).ToList());
        }

        /// <summary>Ascending numbers as ranges: 0,1,2,5 → "0-2,5".</summary>
        internal static string Ranges(IReadOnlyList<int> numbers)
        {
            var parts = new List<string>();
            for (int i = 0; i < numbers.Count;)
            {
                int j = i;
                while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1) j++;
                parts.Add(j == i ? numbers[i].ToString(CultureInfo.InvariantCulture) : string.Format(CultureInfo.InvariantCulture, "{0}-{1}", numbers[i], numbers[j]));
                i = j + 1;
            }
            return string.Join(",", parts);
        }
    }
}
