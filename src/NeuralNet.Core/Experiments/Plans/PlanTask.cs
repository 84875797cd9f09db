using NeuralNet.Core.Persistence;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Runs tasks of a plan here: the run each task stands for, trained and scored by the same code a
    /// local run uses (<see cref="CrossValidation.Run"/>, then <see cref="RunExecution"/>), its result
    /// written whole or not at all to results/&lt;task&gt;.json. A task whose result is there already
    /// does nothing, so resubmitting a whole array resumes it; a task cancelled or killed on the way
    /// writes nothing, and runs again when resubmitted. Several tasks in one process (a block of an
    /// array, so that the process starts once for many short tasks) read the data once and run on up
    /// to <c>degree</c> threads.
    /// </summary>
    public static class PlanTask
    {
        /// <summary>The task's result: the earlier one (<see cref="TaskResult.AlreadyDone"/>), or a new one just written.</summary>
        /// <exception cref="NeuralNetException">No such task, or the data is gone or changed (PlanDataChanged).</exception>
        /// <exception cref="FileSaveException">The result could not be written.</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled; nothing was written.</exception>
        public static TaskResult Run(ExperimentPlan plan, int task, CancellationToken token)
        {
            TaskResult only = null;
            Run(plan, new[] { task }, 1, r => only = r, token);
            return only;
        }

        /// <summary>
        /// Runs every task of <paramref name="tasks"/> (each once, in order as threads free up), handing
        /// each result to <paramref name="completed"/> as it is written (from worker threads). Every
        /// index is checked before anything runs; the data is read once, and only when some task has
        /// no result yet. Once <paramref name="token"/> is cancelled no task starts and the running ones
        /// stop without a result; then OperationCanceledException.
        /// </summary>
        public static void Run(ExperimentPlan plan, IReadOnlyList<int> tasks, int degree, Action<TaskResult> completed, CancellationToken token)
        {
            var distinct = tasks.Distinct().ToList();
            foreach (int task in distinct) plan.RequireTask(task);
            var pending = new List<int>();
            foreach (int task in distinct)
            {
                var earlier = TaskResult.TryRead(plan, task, out _);
                if (earlier == null)
                {
                    pending.Add(task);
                    continue;
                }
                earlier.AlreadyDone = true;
                completed(earlier);
            }
            if (pending.Count == 0) return;
            var experiment = plan.Open(token);
            Directory.CreateDirectory(Path.Combine(plan.Folder, ExperimentPlan.ResultsFolder));
            Work.ForEach(pending, degree, task =>
            {
                var outcome = experiment.Run(plan.RunOf(task), token);
                var result = TaskResult.Of(plan, task, outcome);
                AtomicFile.WriteText(result.Path, result.ToJson());
                completed(result);
            }, token);
            token.ThrowIfCancellationRequested();
        }
    }
}
