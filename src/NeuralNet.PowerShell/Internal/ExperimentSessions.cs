using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Runs an experiment's runs on PowerShell remoting sessions, one at a time per session. The rows
    /// cross once per session, as CSV text that reads back to the same numbers and labels
    /// (<see cref="PlanSource"/>, as a plan keeps them), and each run then sends only its configuration
    /// and the numbers of its training and test rows; the session imports the module once and runs the
    /// core's code through <see cref="ExperimentEndpoint"/>. A session that closes hands its run back to
    /// the others and takes no more; with none left, the remaining runs fail saying so.
    /// <see cref="Stop"/> stops every run.
    /// </summary>
    internal sealed class ExperimentSessions
    {
        private const string Script = @"
param($ModulePath, $Data, $Index, $Names, $Values, $Fold, $Epochs, $Train, $Test, $Options, $Metric)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module NeuralNet)) {
    Import-Module NeuralNet -ErrorAction SilentlyContinue
    if (-not (Get-Module NeuralNet)) { Import-Module $ModulePath }
}
[NeuralNet.PowerShell.ExperimentEndpoint]::Run($Data, $Index, $Names, $Values, $Fold, $Epochs, $Train, $Test, $Options, $Metric)
";

        private readonly string _modulePath;
        private readonly PSSession[] _sessions;
        private readonly PlanSource _data;
        private readonly ConcurrentDictionary<System.Management.Automation.PowerShell, bool> _running = new ConcurrentDictionary<System.Management.Automation.PowerShell, bool>();
        private readonly ConcurrentDictionary<Guid, bool> _holdsData = new ConcurrentDictionary<Guid, bool>();
        private volatile bool _stopping;

        /// <param name="modulePath">Where this machine loaded the module from (for sessions that cannot import it by name).</param>
        /// <param name="sessions">The sessions.</param>
        /// <param name="data">The experiment's rows (or matrices) as text, sent to each session once.</param>
        public ExperimentSessions(string modulePath, PSSession[] sessions, PlanSource data)
        {
            _modulePath = modulePath;
            _sessions = sessions;
            _data = data;
        }

        /// <summary>Runs every run; <paramref name="completed"/> receives each outcome as it arrives (from worker threads).</summary>
        /// <param name="runs">The runs.</param>
        /// <param name="rowsOf">A run's training and test rows (0-based).</param>
        /// <param name="options">The experiment's bound options.</param>
        /// <param name="metric">The metric's name.</param>
        /// <param name="completed">Receives outcomes.</param>
        public void Run(IReadOnlyList<ExperimentRun> runs, Func<ExperimentRun, (int[] Train, int[] Test)> rowsOf, Hashtable options, string metric, Action<RunOutcome> completed)
        {
            var queue = new ConcurrentQueue<ExperimentRun>(runs);
            int open = _sessions.Length, pending = runs.Count;
            var workers = _sessions.Select(session => Task.Run(() =>
            {
                while (!_stopping && Volatile.Read(ref pending) > 0)
                {
                    if (!queue.TryDequeue(out var run))
                    {
                        Thread.Sleep(5);
                        continue;
                    }
                    var outcome = Execute(session, run, rowsOf, options, metric);
                    if (outcome == null)
                    {
                        // This session closed: its run goes back to the queue for the sessions still open.
                        queue.Enqueue(run);
                        if (Interlocked.Decrement(ref open) == 0) FailAll(queue, session, completed, ref pending);
                        return;
                    }
                    Interlocked.Decrement(ref pending);
                    completed(outcome);
                }
            })).ToArray();
            Task.WaitAll(workers);
        }

        private static void FailAll(ConcurrentQueue<ExperimentRun> queue, PSSession last, Action<RunOutcome> completed, ref int pending)
        {
            while (queue.TryDequeue(out var run))
            {
                Interlocked.Decrement(ref pending);
                completed(RunOutcome.Failed(run, "SessionClosed",
                    $"every session closed before this run could finish (the last was to '{last.ComputerName}'). Open new sessions (New-PSSession) and run the experiment again.", TimeSpan.Zero));
            }
        }

        /// <summary>The run's outcome, or null when the session closed under it. Sends the rows first when the session does not hold them.</summary>
        private RunOutcome Execute(PSSession session, ExperimentRun run, Func<ExperimentRun, (int[] Train, int[] Test)> rowsOf, Hashtable options, string metric)
        {
            var (train, test) = rowsOf(run);
            var result = Invoke(session, run, train, test, options, metric, withData: !_holdsData.ContainsKey(session.InstanceId), out var outcome);
            if (result == null) return outcome;
            // A session that lost its copy (its process restarted under it) gets the rows again, once.
            if (Get(result, "ErrorId") as string == ExperimentEndpoint.DataNotHeld)
            {
                _holdsData.TryRemove(session.InstanceId, out _);
                result = Invoke(session, run, train, test, options, metric, withData: true, out outcome);
                if (result == null) return outcome;
            }
            return Outcome(run, result);
        }

        /// <summary>One call to the session: its result, or null with <paramref name="outcome"/> set (null too when the session closed).</summary>
        private PSObject Invoke(PSSession session, ExperimentRun run, int[] train, int[] test, Hashtable options, string metric, bool withData, out RunOutcome outcome)
        {
            outcome = null;
            if (session.Runspace.RunspaceStateInfo.State != RunspaceState.Opened) return null;
            var values = run.Configuration.Values;
            var data = new Hashtable
            {
                ["Sha256"] = _data.ContentSha256,
                ["Text"] = withData ? _data.ContentText : null,
                ["Kind"] = _data.Kind.ToString(),
                ["TextColumns"] = _data.TextColumns.ToArray(),
                ["Features"] = _data.Features,
                ["Targets"] = _data.Targets,
            };
            using (var ps = System.Management.Automation.PowerShell.Create())
            {
                ps.Runspace = session.Runspace;
                ps.AddScript(Script)
                    .AddParameter("ModulePath", _modulePath).AddParameter("Data", data).AddParameter("Index", run.Configuration.Index)
                    .AddParameter("Names", values.Select(v => v.Key).ToArray()).AddParameter("Values", values.Select(v => Remotable(v.Value)).ToArray())
                    .AddParameter("Fold", run.Fold).AddParameter("Epochs", run.Budget?.Resource == BudgetResource.Epochs ? run.Budget.Amount : 0)
                    .AddParameter("Train", train).AddParameter("Test", test)
                    .AddParameter("Options", options).AddParameter("Metric", metric);
                _running[ps] = true;
                try
                {
                    if (_stopping) return null;
                    var result = ps.Invoke().LastOrDefault();
                    if (session.Runspace.RunspaceStateInfo.State != RunspaceState.Opened) return null;
                    if (result == null)
                    {
                        var error = ps.Streams.Error.FirstOrDefault();
                        outcome = RunOutcome.Failed(run, "ExperimentRunFailed", $"the session to '{session.ComputerName}' returned no result: {error?.Exception?.Message ?? "no error was reported"}", TimeSpan.Zero);
                        return null;
                    }
                    if (withData) _holdsData[session.InstanceId] = true;
                    return result;
                }
                catch (Exception e) when (e is RuntimeException || e is InvalidRunspaceStateException || e is System.Management.Automation.Remoting.PSRemotingTransportException)
                {
                    if (session.Runspace.RunspaceStateInfo.State != RunspaceState.Opened) return null;
                    outcome = RunOutcome.Failed(run, "ExperimentRunFailed", $"the session to '{session.ComputerName}' failed: {e.Message}", TimeSpan.Zero);
                    return null;
                }
                finally
                {
                    _running.TryRemove(ps, out _);
                }
            }
        }

        private static object Get(PSObject result, string name) => BoundOptions.Plain(result.Properties[name]?.Value);

        private static RunOutcome Outcome(ExperimentRun run, PSObject result)
        {
            var duration = TimeSpan.FromSeconds(Convert.ToDouble(Get(result, "Seconds"), System.Globalization.CultureInfo.InvariantCulture));
            if (Get(result, "Error") is string error) return RunOutcome.Failed(run, Get(result, "ErrorId") as string, error, duration);
            if (run.IsRefit) return RunOutcome.Refitted(run, ModelFile.Read((string)Get(result, "ModelJson"), "the refit network"), duration);
            return RunOutcome.Scored(run, Convert.ToDouble(Get(result, "Score"), System.Globalization.CultureInfo.InvariantCulture), duration);
        }

        /// <summary>Values as remoting carries them faithfully: enums by name.</summary>
        private static object Remotable(object value) => value is Enum e ? e.ToString() : value;

        public void Stop()
        {
            _stopping = true;
            foreach (var ps in _running.Keys) ps.BeginStop(null, null);
        }
    }
}
