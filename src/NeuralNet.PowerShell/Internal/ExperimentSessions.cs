using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Persistence;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Runs an experiment's runs on PowerShell remoting sessions, one at a time per session: each run's
    /// rows go to the session, which imports the module once and runs the core's code through
    /// <see cref="ExperimentEndpoint"/>. A session that closes hands its run back to the others and
    /// takes no more; with none left, the remaining runs fail saying so. <see cref="Stop"/> stops every run.
    /// </summary>
    internal sealed class ExperimentSessions
    {
        private const string Script = @"
param($ModulePath, $Index, $Names, $Values, $Fold, $Epochs, $Train, $Test, $Options, $Metric, $Matrix)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module NeuralNet)) {
    Import-Module NeuralNet -ErrorAction SilentlyContinue
    if (-not (Get-Module NeuralNet)) { Import-Module $ModulePath }
}
[NeuralNet.PowerShell.ExperimentEndpoint]::Run($Index, $Names, $Values, $Fold, $Epochs, $Train, $Test, $Options, $Metric, $Matrix)
";

        private readonly string _modulePath;
        private readonly PSSession[] _sessions;
        private readonly ConcurrentDictionary<System.Management.Automation.PowerShell, bool> _running = new ConcurrentDictionary<System.Management.Automation.PowerShell, bool>();
        private volatile bool _stopping;

        public ExperimentSessions(string modulePath, PSSession[] sessions)
        {
            _modulePath = modulePath;
            _sessions = sessions;
        }

        /// <summary>Runs every run; <paramref name="completed"/> receives each outcome as it arrives (from worker threads).</summary>
        /// <param name="runs">The runs.</param>
        /// <param name="ship">A run's training and test rows as remoting carries them.</param>
        /// <param name="options">The experiment's bound options.</param>
        /// <param name="metric">The metric's name.</param>
        /// <param name="matrix">Whether the rows are matrices.</param>
        /// <param name="completed">Receives outcomes.</param>
        public void Run(IReadOnlyList<ExperimentRun> runs, Func<ExperimentRun, (object[] Train, object[] Test)> ship, Hashtable options, string metric, bool matrix, Action<RunOutcome> completed)
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
                    var outcome = Execute(session, run, ship, options, metric, matrix);
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

        /// <summary>The run's outcome, or null when the session closed under it.</summary>
        private RunOutcome Execute(PSSession session, ExperimentRun run, Func<ExperimentRun, (object[] Train, object[] Test)> ship, Hashtable options, string metric, bool matrix)
        {
            if (session.Runspace.RunspaceStateInfo.State != RunspaceState.Opened) return null;
            var (train, test) = ship(run);
            var values = run.Configuration.Values;
            using (var ps = System.Management.Automation.PowerShell.Create())
            {
                ps.Runspace = session.Runspace;
                ps.AddScript(Script)
                    .AddParameter("ModulePath", _modulePath).AddParameter("Index", run.Configuration.Index)
                    .AddParameter("Names", values.Select(v => v.Key).ToArray()).AddParameter("Values", values.Select(v => Remotable(v.Value)).ToArray())
                    .AddParameter("Fold", run.Fold).AddParameter("Epochs", run.Budget?.Resource == BudgetResource.Epochs ? run.Budget.Amount : 0)
                    .AddParameter("Train", train).AddParameter("Test", test)
                    .AddParameter("Options", options).AddParameter("Metric", metric).AddParameter("Matrix", matrix);
                _running[ps] = true;
                try
                {
                    if (_stopping) return null;
                    var result = ps.Invoke().LastOrDefault();
                    if (session.Runspace.RunspaceStateInfo.State != RunspaceState.Opened) return null;
                    if (result == null)
                    {
                        var error = ps.Streams.Error.FirstOrDefault();
                        return RunOutcome.Failed(run, "ExperimentRunFailed", $"the session to '{session.ComputerName}' returned no result: {error?.Exception?.Message ?? "no error was reported"}", TimeSpan.Zero);
                    }
                    return Outcome(run, result);
                }
                catch (Exception e) when (e is RuntimeException || e is InvalidRunspaceStateException || e is System.Management.Automation.Remoting.PSRemotingTransportException)
                {
                    if (session.Runspace.RunspaceStateInfo.State != RunspaceState.Opened) return null;
                    return RunOutcome.Failed(run, "ExperimentRunFailed", $"the session to '{session.ComputerName}' failed: {e.Message}", TimeSpan.Zero);
                }
                finally
                {
                    _running.TryRemove(ps, out _);
                }
            }
        }

        private static RunOutcome Outcome(ExperimentRun run, PSObject result)
        {
            object Get(string name) => BoundOptions.Plain(result.Properties[name]?.Value);
            var duration = TimeSpan.FromSeconds(Convert.ToDouble(Get("Seconds"), System.Globalization.CultureInfo.InvariantCulture));
            if (Get("Error") is string error) return RunOutcome.Failed(run, Get("ErrorId") as string, error, duration);
            if (run.IsRefit) return RunOutcome.Refitted(run, ModelFile.Read((string)Get("ModelJson"), "the refit network"), duration);
            return RunOutcome.Scored(run, Convert.ToDouble(Get("Score"), System.Globalization.CultureInfo.InvariantCulture), duration);
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
