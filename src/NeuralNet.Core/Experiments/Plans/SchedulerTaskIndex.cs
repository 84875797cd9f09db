using System.Text.RegularExpressions;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// The task index a scheduler gives each copy of a job, from its environment: Slurm job arrays
    /// (SLURM_ARRAY_TASK_ID), Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX), Azure Batch
    /// (AZ_BATCH_TASK_ID, whose task ids are names: the number they end in, as in "task-7"), and PBS
    /// Pro job arrays (PBS_ARRAY_INDEX), looked at in that order. All of them count from 0 when the
    /// array is submitted from 0, which is how the plan numbers its tasks.
    /// </summary>
    public static class SchedulerTaskIndex
    {
        /// <summary>The variables read, in order.</summary>
        public static readonly string[] Variables = { "SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AZ_BATCH_TASK_ID", "PBS_ARRAY_INDEX" };

        private static readonly Regex TrailingNumber = new Regex(@"(\d+)$", RegexOptions.CultureInvariant);

        /// <summary>The index and the variable it came from, or null when none is set; InvalidTaskIndex when one is set to something that is not an index.</summary>
        /// <param name="environment">Reads a variable (null when unset), such as Environment.GetEnvironmentVariable.</param>
        public static (int Index, string Variable)? Find(Func<string, string> environment)
        {
            foreach (var name in Variables)
            {
                var value = environment(name)?.Trim();
                if (string.IsNullOrEmpty(value)) continue;
                string digits = value;
                if (name == "AZ_BATCH_TASK_ID")
                {
                    var match = TrailingNumber.Match(value);
                    digits = match.Success ? match.Groups[1].Value : "";
                }
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                    throw new NeuralNetException("InvalidTaskIndex", ErrorKind.InvalidArgument,
                        $"The environment variable {name} is '{value}', which is not a task index (a whole number from 0)" +
                        (name == "AZ_BATCH_TASK_ID" ? "; name Azure Batch tasks so that their ids end in the index, such as 'task-7'." : ".") +
                        " Give -TaskIndex to choose the task yourself.");
                return (index, name);
            }
            return null;
        }

        /// <summary>The sentence an error uses when no index is given.</summary>
        public static string Missing =>
            "Give -TaskIndex, or run the task under a scheduler that sets one of " + string.Join(", ", Variables) +
            " (a Slurm job array, a Kubernetes Indexed Job, Azure Batch, PBS).";
    }
}
