using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>One training-and-scoring run: a configuration on one fold (or the refit on all rows).</summary>
    internal sealed class ExperimentItem
    {
        public ExperimentConfiguration Configuration { get; set; }

        /// <summary>The fold tested on, or −1 for the refit on every row.</summary>
        public int Fold { get; set; }

        public object Train { get; set; }

        public object Test { get; set; }

        public double Score { get; set; }

        public TimeSpan Duration { get; set; }

        public object Network { get; set; }

        public Exception Error { get; set; }
    }

    /// <summary>
    /// Runs experiment items on PowerShell's own engines: a pool of local runspaces (-ThrottleLimit), or
    /// the given PSSessions (one item at a time per session), each importing the module once. Items
    /// are independent and seeded, so results do not depend on where or in which order they run.
    /// The caller's thread only waits and reports; <see cref="Stop"/> stops every running item.
    /// </summary>
    internal sealed class ExperimentRunner : IDisposable
    {
        /// <summary>Runs in each worker: imports the module if needed, trains a new network, scores it (or returns it for a refit).</summary>
        private const string Script = @"
param($ModulePath, $NetworkParameters, $TrainingParameters, $Train, $Test, $Target, $Metric, $Matrix, $Refit, $ImportLock)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module NeuralNet)) {
    # The runspaces of a pool share one InitialSessionState, whose lists of type and format files
    # PowerShell does not guard: two imports at once can fail, so they take turns.
    [System.Threading.Monitor]::Enter($ImportLock)
    try {
        Import-Module NeuralNet -ErrorAction SilentlyContinue
        if (-not (Get-Module NeuralNet)) { Import-Module $ModulePath }
    }
    finally { [System.Threading.Monitor]::Exit($ImportLock) }
}
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$net = New-NeuralNetwork @NetworkParameters
if ($Matrix) { $null = Invoke-NetworkTraining -Network $net -FeatureMatrix $Train[0] -TargetMatrix $Train[1] @TrainingParameters }
else { $null = $Train | Invoke-NetworkTraining -Network $net -Target $Target @TrainingParameters }
if ($Refit) { return [pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; Network = $net } }
$scores = if ($Matrix) { Test-NeuralNetwork -Network $net -FeatureMatrix $Test[0] -TargetMatrix $Test[1] } else { $Test | Test-NeuralNetwork -Network $net }
$first = @($scores)[0]
if ($null -eq $first.PSObject.Properties[$Metric]) { throw ""The metric '$Metric' does not apply to this network's task; Test-NeuralNetwork gives: $(($first.PSObject.Properties.Name | Where-Object { $_ -notin 'Task','Target','PerClass','ConfusionMatrix','LossFunction','Classes' }) -join ', ')."" }
[pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; Score = [double]$first.$Metric }
";

        /// <summary>Held by a worker while it imports the module (see the script).</summary>
        private static readonly object ImportLock = new object();

        private readonly string _modulePath;
        private readonly RunspacePool _pool;
        private readonly PSSession[] _sessions;
        private readonly ConcurrentDictionary<System.Management.Automation.PowerShell, bool> _running = new ConcurrentDictionary<System.Management.Automation.PowerShell, bool>();
        private volatile bool _stopping;

        public ExperimentRunner(string modulePath, int throttleLimit, PSSession[] sessions)
        {
            _modulePath = modulePath;
            _sessions = sessions;
            if (sessions == null || sessions.Length == 0)
            {
                _pool = RunspaceFactory.CreateRunspacePool(1, throttleLimit);
                _pool.Open();
            }
        }

        private int Workers => _pool != null ? _pool.GetMaxRunspaces() : _sessions.Length;

        /// <summary>Runs every item; <paramref name="completed"/> receives each as it finishes (from worker threads).</summary>
        public void Run(IReadOnlyList<ExperimentItem> items, string target, string metric, bool matrix, BlockingCollection<ExperimentItem> completed)
        {
            var queue = new ConcurrentQueue<ExperimentItem>(items);
            var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(() =>
            {
                while (!_stopping && queue.TryDequeue(out var item))
                {
                    Execute(item, w, target, metric, matrix);
                    completed.Add(item);
                }
            })).ToArray();
            Task.WhenAll(workers).ContinueWith(_ => completed.CompleteAdding());
        }

        private void Execute(ExperimentItem item, int worker, string target, string metric, bool matrix)
        {
            using (var ps = System.Management.Automation.PowerShell.Create())
            {
                if (_pool != null) ps.RunspacePool = _pool;
                else ps.Runspace = _sessions[worker].Runspace;
                ps.AddScript(Script)
                    .AddParameter("ModulePath", _modulePath)
                    .AddParameter("NetworkParameters", item.Configuration.NetworkParameters)
                    .AddParameter("TrainingParameters", item.Configuration.TrainingParameters)
                    .AddParameter("Train", item.Train)
                    .AddParameter("Test", item.Test)
                    .AddParameter("Target", target)
                    .AddParameter("Metric", metric)
                    .AddParameter("Matrix", matrix)
                    .AddParameter("Refit", item.Fold < 0)
                    .AddParameter("ImportLock", ImportLock);
                _running[ps] = true;
                try
                {
                    if (_stopping) return;
                    var output = ps.Invoke();
                    if (ps.HadErrors && output.Count == 0)
                    {
                        var error = ps.Streams.Error.FirstOrDefault();
                        item.Error = error?.Exception ?? new InvalidOperationException("The run failed without an error record.");
                        return;
                    }
                    var result = output.LastOrDefault();
                    if (result == null)
                    {
                        item.Error = new InvalidOperationException("The run returned nothing.");
                        return;
                    }
                    item.Duration = TimeSpan.FromSeconds(Convert.ToDouble(result.Properties["Seconds"].Value, System.Globalization.CultureInfo.InvariantCulture));
                    if (item.Fold < 0) item.Network = Live(result.Properties["Network"].Value);
                    else item.Score = Convert.ToDouble(result.Properties["Score"].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (!(e is OutOfMemoryException))
                {
                    item.Error = e is RuntimeException runtime && runtime.ErrorRecord?.Exception != null ? runtime.ErrorRecord.Exception : e;
                }
                finally
                {
                    _running.TryRemove(ps, out _);
                }
            }
        }

        /// <summary>A network from a remote session arrives as a property bag; rebuild it from its ModelJson.</summary>
        private static NeuralNetwork Live(object value)
        {
            if (value is NeuralNetwork network) return network;
            if (value is PSObject bag && bag.BaseObject is NeuralNetwork inner) return inner;
            return (NeuralNetwork)new NeuralNetworkConverter().ConvertFrom(value, typeof(NeuralNetwork), null, true);
        }

        public void Stop()
        {
            _stopping = true;
            foreach (var ps in _running.Keys) ps.BeginStop(null, null);
        }

        public void Dispose()
        {
            _pool?.Dispose();
        }
    }
}
