using NeuralNet.Core.Persistence;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// What one task of a plan wrote to results/&lt;task&gt;.json: its run (configuration, fold,
    /// budget), the score or the error that stopped it, how long it took and where it ran, and the
    /// SHA-256 of the plan it belongs to, so a result of another plan is never merged.
    /// </summary>
    public sealed class TaskResult
    {
        private const string Format = "NeuralNet.ExperimentTaskResult";

        internal TaskResult(int task, int configuration, int fold, RunBudget budget, double score, double seconds, string errorId, string error, string host, DateTime finished, string plan, string path)
        {
            Task = task;
            Configuration = configuration;
            Fold = fold;
            Budget = budget;
            Score = score;
            Seconds = seconds;
            ErrorId = errorId;
            Error = error;
            Host = host;
            Finished = finished;
            PlanSha256 = plan;
            Path = path;
        }

        internal static TaskResult Of(ExperimentPlan plan, int task, RunOutcome outcome) =>
            new TaskResult(task, outcome.Run.Configuration.Index, outcome.Run.Fold, outcome.Run.Budget, outcome.Score, outcome.Duration.TotalSeconds,
                outcome.ErrorId, outcome.Error, Environment.MachineName, DateTime.UtcNow, plan.Sha256, plan.ResultPath(task));

        public int Task { get; }

        public int Configuration { get; }

        /// <summary>The fold scored, from 0.</summary>
        public int Fold { get; }

        public RunBudget Budget { get; }

        /// <summary>NaN for a failed run.</summary>
        public double Score { get; }

        public double Seconds { get; }

        public string ErrorId { get; }

        public string Error { get; }

        public string Host { get; }

        public DateTime Finished { get; }

        public string PlanSha256 { get; }

        public string Path { get; }

        /// <summary>True when the task had run before and this is its earlier result (a rerun does nothing).</summary>
        public bool AlreadyDone { get; internal set; }

        /// <summary>The run's outcome, as a local run would have reported it.</summary>
        internal RunOutcome Outcome(ExperimentRun run)
        {
            var duration = TimeSpan.FromSeconds(Seconds);
            return Error != null ? RunOutcome.Failed(run, ErrorId, Error, duration) : RunOutcome.Scored(run, Score, duration);
        }

        internal string ToJson()
        {
            var w = new DocumentWriter();
            w.Open('{');
            w.Property("format", Json.Quote(Format));
            w.Property("formatVersion", "1");
            w.Property("plan", Json.Quote(PlanSha256));
            w.Property("task", DocumentWriter.Int(Task));
            w.Property("configuration", DocumentWriter.Int(Configuration));
            w.Property("fold", DocumentWriter.Int(Fold));
            w.Property("budget", Budget == null ? "null" : "{ \"resource\": " + Json.Quote(Budget.Resource.ToString()) + ", \"amount\": " + DocumentWriter.Int(Budget.Amount) + " }");
            w.Property("score", DocumentWriter.NumberOrNull(Score));
            w.Property("seconds", Json.Number(Seconds));
            w.Property("errorId", ErrorId == null ? "null" : Json.Quote(ErrorId));
            w.Property("error", Error == null ? "null" : Json.Quote(Error));
            w.Property("host", Json.Quote(Host ?? ""));
            w.Property("finished", Json.Quote(Finished.ToString("o", CultureInfo.InvariantCulture)));
            w.Close('}');
            return w.ToString();
        }

        /// <summary>
        /// The result file of task <paramref name="task"/> of <paramref name="plan"/>,
        /// or null with the reason when there is none, it cannot be read, or it belongs to another plan or task.
        /// </summary>
        internal static TaskResult TryRead(ExperimentPlan plan, int task, out string problem)
        {
            var path = plan.ResultPath(task);
            problem = null;
            if (!File.Exists(path)) return null;
            try
            {
                var root = PlanNode.Parse(File.ReadAllText(path), path);
                if (root.Field("format").String() != Format) throw root.Field("format").Error("'" + Format + "'");
                var budget = root.Field("budget");
                var score = root.Field("score");
                var errorId = root.Field("errorId");
                var error = root.Field("error");
                var result = new TaskResult(root.Field("task").Int(0), root.Field("configuration").Int(1), root.Field("fold").Int(0),
                    budget.IsNull ? null : new RunBudget(budget.Field("resource").Enum<BudgetResource>(), budget.Field("amount").Int(1)),
                    score.IsNull ? double.NaN : score.Number(), root.Field("seconds").Number(), errorId.IsNull ? null : errorId.String(), error.IsNull ? null : error.String(),
                    root.Field("host").String(), DateTime.Parse(root.Field("finished").String(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    root.Field("plan").String(), path);
                if (result.PlanSha256 != plan.Sha256) problem = $"'{path}' belongs to another plan (one written before this one in the same folder)";
                else if (result.Task != task) problem = $"'{path}' holds the result of task {result.Task}";
                else if (result.Error == null && double.IsNaN(result.Score)) problem = $"'{path}' has neither a score nor an error";
                return problem == null ? result : null;
            }
            catch (Exception e) when (e is NeuralNetException || e is IOException || e is UnauthorizedAccessException || e is FormatException)
            {
                problem = e.Message;
                return null;
            }
        }
    }
}
