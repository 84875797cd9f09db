using System.IO;
using System.Threading;
using NeuralNet.Core.Persistence;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Runs one task of a plan here: the run the task stands for, trained and scored by the same code
    /// a local run uses (<see cref="CrossValidation.Run"/>, then <see cref="RunExecution"/>), its
    /// result written whole or not at all to results/&lt;task&gt;.json. A task whose result is there
    /// already does nothing, so resubmitting a whole array resumes it; a task cancelled or killed on
    /// the way writes nothing, and runs again when resubmitted.
    /// </summary>
    public static class PlanTask
    {
        /// <summary>The task's result: the earlier one (<see cref="TaskResult.AlreadyDone"/>), or a new one just written.</summary>
        /// <exception cref="NeuralNetException">No such task, or the data is gone or changed (PlanDataChanged).</exception>
        /// <exception cref="FileSaveException">The result could not be written.</exception>
        /// <exception cref="System.OperationCanceledException">The token was cancelled; nothing was written.</exception>
        public static TaskResult Run(ExperimentPlan plan, int task, CancellationToken token)
        {
            var run = plan.RunOf(task);
            var earlier = TaskResult.TryRead(plan, task, out _);
            if (earlier != null)
            {
                earlier.AlreadyDone = true;
                return earlier;
            }
            var experiment = plan.Open(token);
            var outcome = experiment.Run(run, token);
            var result = TaskResult.Of(plan, task, outcome);
            Directory.CreateDirectory(Path.GetDirectoryName(result.Path));
            AtomicFile.WriteText(result.Path, result.ToJson());
            return result;
        }
    }
}
