using NeuralNet.Core.Data;
using NeuralNet.Core.Persistence;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Writes an experiment as a plan (<see cref="ExperimentPlan"/>): the data file first when the
    /// plan keeps its rows, then plan.json, each atomically, so a plan.json that exists is a complete
    /// plan. Writing the same plan again changes nothing (its results stay); a different plan in the
    /// same folder is refused.
    /// </summary>
    public static class PlanWriter
    {
        /// <summary>Writes the plan of <paramref name="search"/> on <paramref name="experiment"/> into <paramref name="folder"/> (created if needed), and returns it as read back.</summary>
        /// <param name="folder">The plan's folder.</param>
        /// <param name="search">The configurations (and for halving, the schedule; its first rung is written too).</param>
        /// <param name="experiment">The folds, options and metric, computed from the same data.</param>
        /// <param name="source">Where the rows are (files) or what to keep of them.</param>
        /// <param name="csv">How the files are read.</param>
        /// <exception cref="FileSaveException">A file could not be written.</exception>
        public static ExperimentPlan Write(string folder, ExperimentSearch search, CrossValidation experiment, PlanSource source, CsvOptions csv)
        {
            if (experiment.Options.Refit)
                throw new NeuralNetException("PlanRefitAtMerge", ErrorKind.InvalidArgument,
                    "A plan's tasks score folds only; the refit on all rows comes when the results are merged. Leave out -Refit here, and use Get-NetworkExperimentResult -PlanPath … -Refit.");
            folder = Path.GetFullPath(folder);
            source = source.RelativeTo(folder);
            var halving = search.Halving == null ? null : HalvingSchedule.Of(search);
            var plan = new ExperimentPlan(folder, source, experiment.Options.Clone(), experiment.Training, experiment.Data ?? new DataOptions(), csv ?? new CsvOptions(),
                experiment.Metric, experiment.IsClassification, experiment.RowCount, experiment.FoldCount, search.Candidates, null, null, halving);
            var text = plan.ToJson();
            bool exists = Existing(folder, text);
            CreateFolder(folder);
            if (source.Content != null)
            {
                var kept = source.Files[0];
                var path = kept.Resolve(folder);
                if (!File.Exists(path) || PlanSource.Sha256Of(path) != kept.Sha256) AtomicFile.WriteText(path, source.Content);
                if (!exists) Verify(plan, experiment);
            }
            if (halving != null) WriteRung(plan, 0, search.Candidates);
            if (!exists) AtomicFile.WriteText(Path.Combine(folder, ExperimentPlan.FileName), text);
            return ExperimentPlan.Read(folder);
        }

        /// <summary>Writes rung <paramref name="rung"/> of a halving plan: its configurations on the rung's budget.</summary>
        internal static ExperimentPlan WriteRung(ExperimentPlan root, int rung, IReadOnlyList<Configuration> configurations)
        {
            var folder = Path.Combine(root.Folder, HalvingPlan.RungFolder(rung));
            var plan = new ExperimentPlan(folder, root.Source.From(root.Folder, folder), root.Experiment, root.Training, root.Data, root.Csv,
                root.Metric, root.IsClassification, root.Rows, root.FoldCount, configurations, root.Halving.BudgetOf(rung), rung, root.Halving);
            var text = plan.ToJson();
            if (!Existing(folder, text))
            {
                CreateFolder(folder);
                AtomicFile.WriteText(Path.Combine(folder, ExperimentPlan.FileName), text);
            }
            return ExperimentPlan.Read(folder);
        }

        /// <summary>True when the folder holds this very plan already; PlanExists when it holds another.</summary>
        private static bool Existing(string folder, string text)
        {
            var file = Path.Combine(folder, ExperimentPlan.FileName);
            if (!File.Exists(file)) return false;
            if (File.ReadAllText(file) == text) return true;
            throw new NeuralNetException("PlanExists", ErrorKind.ResourceExists,
                $"'{folder}' holds another experiment plan already (and perhaps its results). Write this one to a new folder, or remove the old one first (Remove-Item -Recurse '{folder}').");
        }

        private static void CreateFolder(string folder)
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new FileSaveException("WriteFailed", e is UnauthorizedAccessException ? ErrorKind.PermissionDenied : ErrorKind.WriteError,
                    $"The plan folder '{folder}' could not be created: {e.Message.TrimEnd('.')}. Check the path and that its parent is writable.", e);
            }
        }

        /// <summary>
        /// Reads the kept rows back as a task will and checks they make the same experiment: the same
        /// rows in the same folds, scored by the same metric. A difference would be a bug in the CSV
        /// round trip; better found here than as scores that differ from a local run.
        /// </summary>
        private static void Verify(ExperimentPlan plan, CrossValidation experiment)
        {
            var reread = plan.Open(CancellationToken.None);
            if (!reread.Assignment.SequenceEqual(experiment.Assignment) || reread.ClassCount != experiment.ClassCount)
                throw new NeuralNetException("PlanRowsNotFaithful", ErrorKind.InvalidData,
                    $"The rows written to '{plan.Source.Files[0].Resolve(plan.Folder)}' do not read back as the same experiment (folds or classes differ). Give the data as a CSV file with -Path instead.");
        }
    }
}
