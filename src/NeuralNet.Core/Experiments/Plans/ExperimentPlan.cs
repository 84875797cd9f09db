using NeuralNet.Core.Data;
using NeuralNet.Core.Options;
using NeuralNet.Core.Persistence;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// An experiment written down instead of run: a folder with plan.json (the configurations, folds,
    /// seed, options, metric, and the data's files with their SHA-256) whose tasks, numbered
    /// configuration × fold from 0, any machine can run one at a time (<see cref="PlanTask"/>) and
    /// whose results merge into what a local run returns (<see cref="PlanMerge"/>). Every number a
    /// task needs follows from the file and the data, so a scheduler's task scores exactly what a
    /// local run scores. A successive-halving search is a root plan with no tasks of its own and one
    /// plan per rung in its rung-&lt;i&gt; folders (<see cref="HalvingPlan"/>).
    /// </summary>
    /// <param name="Folder">The plan's folder (full path).</param>
    /// <param name="Source">Where the rows come from: the plan's own data file, or the files with their SHA-256.</param>
    /// <param name="Experiment">The experiment's options (folds, seed, metric, search).</param>
    /// <param name="Training">The training options every configuration starts from.</param>
    /// <param name="Data">The data options (targets, features, scaling, …).</param>
    /// <param name="Csv">How the data files are read.</param>
    /// <param name="Metric">What the tasks score.</param>
    /// <param name="IsClassification">Whether the targets are classes.</param>
    /// <param name="Rows">The rows the data holds.</param>
    /// <param name="FoldCount">The folds each configuration is scored on.</param>
    /// <param name="Configurations">The configurations its tasks run (a rung's survivors, or every candidate of a halving root).</param>
    /// <param name="Budget">A halving rung's budget; null when each configuration trains for its own epochs.</param>
    /// <param name="Rung">A halving rung's number (from 0); null for a grid, a random search, or a halving root.</param>
    /// <param name="Halving">For halving plans (root and rungs): the schedule.</param>
    public sealed record ExperimentPlan(string Folder, PlanSource Source, ExperimentOptions Experiment, TrainingOptions Training, DataOptions Data, CsvOptions Csv,
        Metric Metric, bool IsClassification, int Rows, int FoldCount, IReadOnlyList<Configuration> Configurations, RunBudget Budget, int? Rung, HalvingSchedule Halving)
    {
        public const string FileName = "plan.json";
        public const string ResultsFolder = "results";
        private const string Format = "NeuralNet.ExperimentPlan";
        private const int FormatVersion = 1;

        // The options a task is rebuilt from are the module's business, not part of the plan's face.
        internal ExperimentOptions Experiment { get; } = Experiment;

        internal TrainingOptions Training { get; } = Training;

        internal DataOptions Data { get; } = Data;

        internal CsvOptions Csv { get; } = Csv;

        public SearchMode Search => Experiment.Search;

        /// <summary>A halving search's root: it plans rungs, and has no tasks of its own.</summary>
        public bool IsHalvingRoot => Halving != null && Rung == null;

        /// <summary>Tasks: configuration × fold (none for a halving root).</summary>
        public int TaskCount => IsHalvingRoot ? 0 : Configurations.Count * FoldCount;

        /// <summary>The SHA-256 of plan.json: every task result names the plan it belongs to.</summary>
        public string Sha256 { get; private set; }

        /// <summary>Where task <paramref name="task"/>'s result goes: results/&lt;task&gt;.json.</summary>
        public string ResultPath(int task) => Path.Combine(Folder, ResultsFolder, task.ToString(CultureInfo.InvariantCulture) + ".json");

        /// <summary>The run task <paramref name="task"/> stands for: configuration ⌊task / folds⌋ (in plan order), fold task mod folds.</summary>
        public ExperimentRun RunOf(int task)
        {
            RequireTask(task);
            var configuration = Configurations[task / FoldCount];
            return new ExperimentRun(configuration, task % FoldCount, Budget ?? new RunBudget(BudgetResource.Epochs, configuration.Training(Training).Epochs));
        }

        internal void RequireTask(int task)
        {
            if (IsHalvingRoot)
                throw new NeuralNetException("HalvingPlanNeedsRung", ErrorKind.InvalidOperation,
                    $"'{Folder}' is a successive-halving plan; its tasks belong to its rungs. Run a task of the current rung, for example -PlanPath '{System.IO.Path.Combine(Folder, HalvingPlan.RungFolder(0))}' -TaskIndex {Math.Max(0, task)}.");
            if (task < 0 || task >= TaskCount)
                throw new NeuralNetException("TaskIndexOutOfRange", ErrorKind.InvalidArgument,
                    $"The plan in '{Folder}' has tasks 0 to {TaskCount - 1} ({Configurations.Count} configuration(s) × {FoldCount} fold(s)); there is no task {task}. Submit the array as 0-{TaskCount - 1} (sbatch --array=0-{TaskCount - 1}).");
        }

        /// <summary>
        /// Reads the plan's data (checking every file's SHA-256) and rebuilds the experiment exactly as
        /// it was planned; stops with PlanDataChanged when the data gives another metric, row count or task.
        /// </summary>
        internal CrossValidation Open(CancellationToken token)
        {
            var (table, matrices) = Source.Read(Folder, Csv, token);
            var experiment = table != null ? new CrossValidation(table, Data, Training, Experiment) : new CrossValidation(matrices, Training, Experiment);
            if (experiment.RowCount != Rows || experiment.Metric != Metric || experiment.FoldCount != FoldCount || experiment.IsClassification != IsClassification)
                throw new NeuralNetException("PlanDataChanged", ErrorKind.InvalidData,
                    $"The data of the plan in '{Folder}' no longer reads as it did when the plan was written ({Rows} rows scored by {Metric}; now {experiment.RowCount} rows scored by {experiment.Metric}). Write the plan again.");
            return experiment;
        }

        /// <summary>Reads the plan in <paramref name="folder"/>; PlanNotFound when there is none, InvalidExperimentPlan naming what is wrong.</summary>
        public static ExperimentPlan Read(string folder)
        {
            folder = Path.GetFullPath(folder);
            var file = Path.Combine(folder, FileName);
            if (!File.Exists(file))
                throw new NeuralNetException("PlanNotFound", ErrorKind.ObjectNotFound,
                    Directory.Exists(folder)
                        ? $"'{folder}' holds no experiment plan ({FileName} is missing). Write one with Invoke-NetworkExperiment … -PlanPath '{folder}'."
                        : $"There is no folder '{folder}'. Write a plan there with Invoke-NetworkExperiment … -PlanPath '{folder}', or give the folder a plan was written to.");
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new NeuralNetException("PlanReadFailed", ErrorKind.PermissionDenied, $"'{file}' could not be read: {e.Message}");
            }
            var plan = Parse(folder, text, file);
            plan.Sha256 = PlanSource.Sha256OfText(text);
            return plan;
        }

        private static ExperimentPlan Parse(string folder, string text, string file)
        {
            var root = PlanNode.Parse(text, file);
            if (root.Field("format").String() != Format)
                throw PlanNode.Invalid(file, $"its format is '{root.Field("format").String()}', not '{Format}'");
            int version = root.Field("formatVersion").Int(1);
            if (version > FormatVersion)
                throw PlanNode.Invalid(file, $"it was written by a newer version of the module (format version {version}; this one reads {FormatVersion})");
            try
            {
                var experiment = OptionsFormat.Read(root.Field("experiment").Object(), new ExperimentOptions());
                var training = OptionsFormat.Read(root.Field("training").Object(), new TrainingOptions());
                var data = OptionsFormat.Read(root.Field("data").Object(), new DataOptions());
                var csv = OptionsFormat.Read(root.Field("csv").Object(), new CsvOptions());
                var configurations = root.Field("configurations").Items().Select(c => new Configuration(c.Field("index").Int(1),
                    c.Field("values").Properties().Select(p => new KeyValuePair<string, object>(p.Key, p.Value.Value)))).ToList();
                var budgetNode = root.Field("budget");
                var budget = budgetNode.IsNull ? null : new RunBudget(budgetNode.Field("resource").Enum<BudgetResource>(), budgetNode.Field("amount").Int(1));
                var halvingNode = root.Field("halving");
                return new ExperimentPlan(folder, PlanSource.Read(root.Field("source")), experiment, training, data, csv,
                    root.Field("metric").Enum<Metric>(), root.Field("classification").Bool(), root.Field("rows").Int(1), root.Field("foldCount").Int(1, 100),
                    configurations, budget, root.Field("rung").NullableInt(0), halvingNode.IsNull ? null : HalvingSchedule.Read(halvingNode));
            }
            catch (NeuralNetException e) when (e.ErrorId == "InvalidOptionValue" || e.ErrorId == "InvalidParameterGrid")
            {
                throw PlanNode.Invalid(file, e.Message.TrimEnd('.'));
            }
        }

        /// <summary>plan.json's text: the same plan always gives the same text, so rewriting an unchanged plan is recognised.</summary>
        internal string ToJson()
        {
            var w = new DocumentWriter();
            w.Open('{');
            w.Property("format", Json.Quote(Format));
            w.Property("formatVersion", DocumentWriter.Int(FormatVersion));
            w.Property("search", Json.Quote(Search.ToString()));
            w.Property("rung", DocumentWriter.Int(Rung));
            w.Property("tasks", DocumentWriter.Int(TaskCount));
            w.Property("metric", Json.Quote(Metric.ToString()));
            w.Property("classification", DocumentWriter.Bool(IsClassification));
            w.Property("rows", DocumentWriter.Int(Rows));
            w.Property("foldCount", DocumentWriter.Int(FoldCount));
            w.Property("budget", Budget == null ? "null" : "{ \"resource\": " + Json.Quote(Budget.Resource.ToString()) + ", \"amount\": " + DocumentWriter.Int(Budget.Amount) + " }");
            w.Property("halving", Halving == null ? "null" : Halving.Json());
            Options(w, "experiment", Experiment);
            Options(w, "training", Training);
            Options(w, "data", Data);
            Options(w, "csv", Csv);
            w.Property("source", Indent(Source.Json()));
            w.Name("configurations");
            w.Open('[');
            foreach (var configuration in Configurations)
            {
                w.Item();
                w.Inline("{ \"index\": " + DocumentWriter.Int(configuration.Index) + ", \"values\": { " +
                    string.Join(", ", configuration.Values.Select(v => Json.Quote(v.Key) + ": " + OptionsFormat.Value(v.Value))) + " } }");
            }
            w.Close(']');
            w.Close('}');
            return w.ToString();
        }

        private static void Options(DocumentWriter w, string name, object options) =>
            w.Property(name, "{ " + string.Join(", ", OptionsFormat.Write(options).Select(p => Json.Quote(p.Key) + ": " + p.Value)) + " }");

        private static string Indent(string json) => json.Replace("\n", "\n  ");
    }
}
