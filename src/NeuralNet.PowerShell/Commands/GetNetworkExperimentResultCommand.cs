namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Merges the task results of an experiment plan into the results Invoke-NetworkExperiment returns, lists the tasks still missing, and can refit the best configuration on all rows.</para>
    /// <para type="description">Reads the plan in -PlanPath (written by Invoke-NetworkExperiment -PlanPath) and every results/N.json its tasks wrote, wherever they ran, and outputs one object per configuration:
    /// the same objects, with the same scores to the last bit, as running the experiment locally (Configuration, each parameter, Parameters, Metric, MeanScore, StdScore, Scores, Budget, BudgetResource, Duration, Error).
    /// A configuration whose run failed is reported as a non-terminating ExperimentRunFailed error, as a local run reports it. Tasks without a result yet make one non-terminating ExperimentTasksMissing error
    /// that lists them as a scheduler takes them (sbatch --array=3-5,9); their configurations have MeanScore NaN and say which task is missing. A result file of another plan or a damaged one is a warning and counts as missing.</para>
    /// <para type="description">For a successive-halving plan it outputs every rung planned so far, rung by rung, each result with its Rung and Budget; once a rung is complete and more are due,
    /// a warning says to plan the next with Invoke-NetworkExperiment -PlanPath … -NextRung.</para>
    /// <para type="description">-Refit trains the best configuration (the highest mean score, or the lowest for a loss; ties to the lower number; for halving, the best of the last rung) on every row, here,
    /// and puts the network in its result's Network property; every task must have its result first.</para>
    /// </summary>
    /// <example>
    /// <code>Get-NetworkExperimentResult -PlanPath ./sweep | Sort-Object MeanScore -Descending | Format-Table</code>
    /// <para>The plan's results, best first, once its tasks ran (a Slurm array, a Kubernetes Indexed Job, Azure Batch tasks, or Invoke-NetworkExperiment -PlanPath ./sweep -TaskIndex N by hand).</para>
    /// </example>
    /// <example>
    /// <code>Get-NetworkExperimentResult -PlanPath ./sweep -ErrorVariable missing -ErrorAction SilentlyContinue | Out-Null
    /// if ($missing) { sbatch --array=$($missing[0].TargetObject -join ',') ./task.sh }</code>
    /// <para>Resubmits only the tasks without a result: the ExperimentTasksMissing error's target is their numbers.</para>
    /// </example>
    /// <example>
    /// <code>$best = Get-NetworkExperimentResult -PlanPath ./sweep -Refit | Where-Object Network
    /// $best.Network | Export-NeuralNetwork -Path ./best.json</code>
    /// <para>Trains the best configuration on all rows and saves the network.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "NetworkExperimentResult")]
    [OutputType("NeuralNet.ExperimentResult")]
    public sealed class GetNetworkExperimentResultCommand : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        /// <summary>
        /// <para type="description">The plan's folder, as given to Invoke-NetworkExperiment -PlanPath (for halving, the search's folder, not a rung's). Takes the PlanPath of plan objects from the pipeline.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string PlanPath { get; set; }

        /// <summary>
        /// <para type="description">Also train the best configuration on every row (here, on this machine) and put the network in its result's Network property.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Refit { get; set; }

        /// <summary>Merges one plan.</summary>
        protected override void ProcessRecord()
        {
            var folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(PlanPath);
            try
            {
                var plan = ExperimentPlan.Read(folder);
                if (plan.IsHalvingRoot) MergeHalving(plan);
                else
                {
                    var merge = PlanMerge.Of(plan);
                    Report(merge);
                    if (Refit) merge = merge.WithRefit(_cancellation.Token);
                    Write(merge.Results);
                }
            }
            catch (NeuralNetException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, folder));
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                // Ctrl+C during the refit: nothing more to write.
            }
        }

        private void MergeHalving(ExperimentPlan root)
        {
            var (results, latest, finished) = HalvingPlan.Merge(root, false, _cancellation.Token);
            Report(latest);
            if (latest.IsComplete && !finished)
                WriteWarning($"Rung {latest.Plan.Rung} of the search in '{root.Folder}' is complete and {root.Halving.RungCount - latest.Plan.Rung - 1} more are due. Plan the next with Invoke-NetworkExperiment -PlanPath '{root.Folder}' -NextRung, then run its tasks.");
            if (Refit) results = HalvingPlan.Merge(root, true, _cancellation.Token).Results;
            Write(results);
        }

        /// <summary>Damaged or foreign result files as warnings; the tasks still missing as one error whose target is their numbers.</summary>
        private void Report(PlanMerge merge)
        {
            foreach (var problem in merge.Problems) WriteWarning($"Not merged: {problem}. That task counts as missing; running it again replaces the file.");
            if (merge.IsComplete) return;
            WriteError(new ErrorRecord(new InvalidOperationException(
                    $"{merge.Missing.Count} of the {merge.Plan.TaskCount} tasks of the plan in '{merge.Plan.Folder}' have no result yet: {merge.MissingRanges}. " +
                    $"Run them (sbatch --array={merge.MissingRanges} …, or Invoke-NetworkExperiment -PlanPath '{merge.Plan.Folder}' -TaskIndex N), then merge again; their configurations' MeanScore is NaN until then."),
                "ExperimentTasksMissing", ErrorCategory.ObjectNotFound, merge.Missing.ToArray()));
        }

        private void Write(System.Collections.Generic.IEnumerable<ConfigurationResult> results)
        {
            foreach (var result in results)
            {
                if (result.Error != null && result.ErrorId != PlanMerge.MissingErrorId) WriteError(ExperimentResultWriter.Failure(result));
                WriteObject(ExperimentResultWriter.ToPSObject(result));
            }
        }

        /// <summary>Ctrl+C stops a refit.</summary>
        protected override void StopProcessing() => _cancellation.Cancel();

        public void Dispose() => _cancellation.Dispose();
    }
}
