using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>Invoke-NetworkExperiment's plan modes: writing a plan (-PlanPath with data), running one task (-PlanPath, -TaskIndex), planning a halving rung (-NextRung).</summary>
    public sealed partial class InvokeNetworkExperimentCommand
    {
        /// <summary>The plan's folder as a file-system path, relative to the current location.</summary>
        private string PlanFolder => SessionState.Path.GetUnresolvedProviderPathFromPSPath(PlanPath);

        /// <summary>Writes the experiment as a plan, with the rows it keeps (pipeline rows, matrices) or the files' hashes, and outputs the plan.</summary>
        private void WritePlan(ExperimentSearch search, CrossValidation experiment, RawTable table)
        {
            var folder = PlanFolder;
            Guard(folder, () =>
            {
                PlanSource source;
                if (ParameterSetName == PathSet) source = PlanSource.FromFiles(FileSystemPaths.Resolve(this, Path).ToList());
                else if (ParameterSetName == MatrixSet) source = PlanSource.FromMatrices(FeatureMatrix, TargetMatrix);
                else source = PlanSource.FromRows(table, experiment.Data, search.Candidates);
                var plan = PlanWriter.Write(folder, search, experiment, source, BoundOptions.Bind<CsvOptions>(this));
                WriteVerbose($"Wrote the plan in '{plan.Folder}': {plan.Configurations.Count} configuration(s) × {plan.FoldCount} fold(s).");
                WriteObject(PlanObjects.Plan(plan.IsHalvingRoot ? HalvingPlan.Rungs(plan)[0] : plan));
            });
        }

        /// <summary>Runs tasks here: -TaskIndex, or the index a scheduler put in the environment; reports each as it ends, on the pipeline thread.</summary>
        private void RunTask()
        {
            var folder = PlanFolder;
            Guard(folder, () =>
            {
                var tasks = TaskIndex;
                if (tasks == null)
                {
                    var found = SchedulerTaskIndex.Find(Environment.GetEnvironmentVariable);
                    if (found == null)
                        throw new NeuralNetException("TaskIndexMissing", ErrorKind.InvalidArgument, $"Which task of the plan in '{folder}' should run? {SchedulerTaskIndex.Missing}");
                    tasks = new[] { found.Value.Index };
                    WriteVerbose($"Task {found.Value.Index}, from {found.Value.Variable}.");
                }
                var plan = ExperimentPlan.Read(folder);
                var finished = new BlockingCollection<TaskResult>();
                var work = Task.Run(() =>
                {
                    try
                    {
                        PlanTask.Run(plan, tasks, ThrottleLimit, finished.Add, _cancellation.Token);
                    }
                    finally
                    {
                        finished.CompleteAdding();
                    }
                });
                foreach (var result in finished.GetConsumingEnumerable())
                {
                    if (result.AlreadyDone) WriteVerbose($"Task {result.Task} has its result already ({result.Path}); nothing to do.");
                    else if (result.Error != null)
                        WriteWarning($"Task {result.Task} ({plan.RunOf(result.Task)}) failed: {result.Error} The failure is its result ({result.Path}); the other tasks go on, and merging reports it.");
                    WriteObject(PlanObjects.Task(result));
                }
                try
                {
                    work.GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
                {
                    // Stopped: the tasks that had not finished wrote nothing, so they run again when resubmitted.
                }
            });
        }

        /// <summary>Ranks the latest rung of a halving plan and writes the next one; nothing once the search is done.</summary>
        private void PlanNextRung()
        {
            var folder = PlanFolder;
            Guard(folder, () =>
            {
                var next = HalvingPlan.Advance(ExperimentPlan.Read(folder));
                if (next == null) WriteVerbose($"The successive-halving search in '{folder}' is done: its last rung has all its results. Merge them with Get-NetworkExperimentResult -PlanPath '{folder}'.");
                else WriteObject(PlanObjects.Plan(next));
            });
        }

        /// <summary>Runs a plan operation, turning the core's errors and failed writes into terminating ErrorRecords that name the plan's folder.</summary>
        private void Guard(string folder, Action action)
        {
            try
            {
                action();
            }
            catch (NeuralNetException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, e.ErrorId == "TaskIndexOutOfRange" ? (object)TaskIndex : folder));
            }
            catch (FileSaveException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, ErrorRecords.Category(e.Kind), folder));
            }
        }
    }
}
