namespace NeuralNet.PowerShell.Internal
{
    /// <summary>The objects the plan cmdlets write: a plan (what to submit) and a task's result (what a job's log shows).</summary>
    internal static class PlanObjects
    {
        public const string PlanTypeName = "NeuralNet.ExperimentPlan";
        public const string TaskTypeName = "NeuralNet.ExperimentTaskResult";

        /// <summary>A plan: its folder (PlanPath, so it pipes to Get-NetworkExperimentResult), search, counts, and the array its tasks form.</summary>
        public static PSObject Plan(ExperimentPlan plan)
        {
            var o = new PSObject();
            o.TypeNames.Insert(0, PlanTypeName);
            void Add(string name, object value) => o.Properties.Add(new PSNoteProperty(name, value));
            Add("PlanPath", plan.Folder);
            Add("Search", plan.Search.ToString());
            Add("Rung", plan.Rung);
            Add("Budget", plan.Budget?.Amount);
            Add("BudgetResource", plan.Budget?.Resource.ToString());
            Add("Configurations", plan.Configurations.Count);
            Add("Folds", plan.FoldCount);
            Add("Tasks", plan.TaskCount);
            Add("ArrayRange", plan.TaskCount == 0 ? null : "0-" + (plan.TaskCount - 1));
            Add("Metric", plan.Metric.ToString());
            Add("DataFiles", plan.Source.Files.Select(f => f.Resolve(plan.Folder)).ToArray());
            Add("Sha256", plan.Source.Files.Select(f => f.Sha256).ToArray());
            DisplaySet.Apply(o, new[] { "PlanPath", "Configurations", "Tasks", "ArrayRange" });
            return o;
        }

        /// <summary>A task's result, with its fold counted from 1 as messages count it.</summary>
        public static PSObject Task(TaskResult result)
        {
            var o = new PSObject();
            o.TypeNames.Insert(0, TaskTypeName);
            void Add(string name, object value) => o.Properties.Add(new PSNoteProperty(name, value));
            Add("Task", result.Task);
            Add("Configuration", result.Configuration);
            Add("Fold", result.Fold + 1);
            Add("Budget", result.Budget?.Amount);
            Add("BudgetResource", result.Budget?.Resource.ToString());
            Add("Score", result.Score);
            Add("Duration", System.TimeSpan.FromSeconds(result.Seconds));
            Add("Error", result.Error);
            Add("AlreadyDone", result.AlreadyDone);
            Add("Host", result.Host);
            Add("Path", result.Path);
            DisplaySet.Apply(o, new[] { "Task", "Configuration", "Fold", "Score" });
            return o;
        }
    }
}
