using MathNet.Numerics.Random;
using NeuralNet.Core.Data;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// One epoch's pass over the training rows: shuffle (seeded), then for each batch a forward pass, the
    /// loss and metric, the loss gradient, backprop and one optimizer step. Everything the pass needs is
    /// set up once per training call, so a pass allocates nothing. The epoch's bookkeeping (divergence,
    /// history, best weights, early stopping) stays in <see cref="Trainer"/>.
    /// </summary>
    internal sealed class EpochPass : IClaimedWork, IOverlappedWork
    {
        private readonly Network _network;
        private readonly DataSet _data;
        private readonly Loss _loss;
        private readonly Activation _outputActivation;
        private readonly int[] _groups;
        private readonly Workspace _workspace;
        private readonly MetricAccumulator _metric;
        private readonly int _batch;
        private readonly int[] _order;
        private readonly double[] _uniforms;
        private readonly MersenneTwister _random;
        private readonly bool _gatherOnce;
        private readonly IClaimedWork _gatherWork;
        /// <summary>The batch's row weights, or null when the rows are not weighted.</summary>
        private double[] _weights;

        // The next batch, gathered by a helper while the caller works through this batch's layers above
        // the first (see IOverlappedWork.Start); null unless _overlap. Its inputs are float32 in single precision.
        private readonly bool _overlap;
        private double[] _spareInput, _spareTarget, _spareWeights;
        private float[] _spareSingleInput;
        /// <summary>The first row of the batch in the spare buffers, or -1.</summary>
        private int _prefetchedStart = -1;
        private int _nextStart, _nextRows;
        // Where ITeamWork.Execute copies rows to: the workspace's own buffers, or the spare ones.
        private double[] _intoInput, _intoTarget, _intoWeights;
        private float[] _intoSingleInput;

        /// <summary>A pass over <paramref name="data"/> in batches of <paramref name="batch"/>, shuffled by <paramref name="random"/> when <paramref name="shuffle"/>;
        /// <paramref name="dropout"/> rates (one per hidden layer, or null) drop outputs under masks seeded by <paramref name="seed"/>.</summary>
        public EpochPass(Network network, DataSet data, Loss loss, int batch, bool shuffle, MersenneTwister random, MetricAccumulator metric,
            System.Collections.Generic.IReadOnlyList<double> dropout = null, int seed = 0)
        {
            int n = data.Rows;
            _network = network;
            _data = data;
            _loss = loss;
            _outputActivation = network.OutputLayer.Activation;
            _groups = network.OutputLayer.SoftmaxGroups;
            _batch = batch;
            _workspace = CallScratch.Workspace(network, batch);
            if (dropout != null) _workspace.Dropout = new Dropout(network, batch, dropout, seed);
            _metric = metric;
            _weights = data.Weights != null ? new double[batch] : null;
            _order = CallScratch.Ints(n);
            for (int i = 0; i < n; i++) _order[i] = i;
            if (shuffle && batch < n)
            {
                _uniforms = CallScratch.Doubles(n);
                _random = random;
            }
            // One batch in order holds every row in the same place each epoch: it is gathered once.
            _gatherOnce = _random == null && batch == n;
            _gatherWork = this;
            if (_gatherOnce) Gather(0, n);
            // Overlapping pays where a batch's rows take a while to fetch and a second core is there to fetch them.
            _overlap = !_gatherOnce && batch < n && KernelTeam.ForCurrentThread.Size > 1 && (long)batch * network.InputSize >= ParallelGather;
            if (_overlap)
            {
                if (_workspace.Single != null) _spareSingleInput = new float[_workspace.Single.Input.Length];
                else _spareInput = new double[_workspace.Input.Length];
                _spareTarget = new double[_workspace.Target.Length];
                if (_weights != null) _spareWeights = new double[batch];
            }
        }

        /// <summary>Gives the pass's buffers back for the next training call on this thread; the pass is not run again.</summary>
        public void Release()
        {
            KernelTeam.ForCurrentThread.Finish();
            CallScratch.Return(_workspace);
            CallScratch.Return(_order);
            CallScratch.Return(_uniforms);
        }

        /// <summary>The loss summed over the rows done (not yet divided by the loss's normaliser).</summary>
        public double Sum { get; private set; }

        /// <summary>Rows whose batches completed; fewer than all when the pass was cancelled.</summary>
        public int RowsDone { get; private set; }

        /// <summary>The loss became NaN or infinite; the pass stopped at that batch, before its update.</summary>
        public bool Diverged { get; private set; }

        /// <summary>Cancellation stopped the pass between batches.</summary>
        public bool Interrupted { get; private set; }

        /// <summary>Runs the pass; <paramref name="epoch"/>, the epoch's number over the network's history, picks its dropout masks.</summary>
        [MethodImpl(Hot.Optimize)]
        public void Run(Optimizer optimizer, double[][] parameters, CancellationToken token, long epoch = 0)
        {
            _workspace.Dropout?.Epoch(epoch);
            var network = _network;
            var workspace = _workspace;
            var single = workspace.Single;
            // The weights may have changed since the last pass (a restore, a load): the first batch rounds them afresh.
            if (single != null) single.WeightsNarrowed = false;
            var metric = _metric;
            int n = _data.Rows, outputs = network.OutputSize, batch = _batch;
            double[] lastZ = workspace.Z[workspace.Z.Length - 1], lastDelta = workspace.Delta[workspace.Delta.Length - 1];
            if (_random != null) Shuffle();
            double sum = 0;
            int rowsDone = 0;
            Diverged = Interrupted = false;
            metric.Reset();
            _prefetchedStart = -1;
            try
            {
                for (int start = 0; start < n; start += batch)
                {
                    if (token.IsCancellationRequested)
                    {
                        Interrupted = true;
                        break;
                    }
                    int rows = Math.Min(batch, n - start);
                    if (_prefetchedStart == start) TakePrefetched();
                    else if (!_gatherOnce) Gather(start, rows);
                    // The next batch of this epoch is fetched while this one is worked on.
                    int next = start + rows;
                    if (_overlap && next < n)
                    {
                        _nextStart = next;
                        _nextRows = Math.Min(batch, n - next);
                        workspace.AfterFirstLayer = this;
                    }
                    var output = network.Forward(workspace, rows);
                    double batchSum = _loss.Function().Sum(_outputActivation, lastZ, output, workspace.Target, rows * outputs, outputs, _groups, _weights);
                    if (double.IsNaN(batchSum) || double.IsInfinity(batchSum))
                    {
                        Diverged = true;
                        break;
                    }
                    sum += batchSum;
                    rowsDone += rows;
                    metric.Add(output, workspace.Target, rows, outputs);
                    _loss.Function().OutputGradient(_outputActivation, lastZ, output, workspace.Target, lastDelta, rows * outputs, outputs,
                        _loss.Function().Normaliser(rows, outputs), _groups, _weights);
                    // In single precision the step widens the float32 weight gradients and rounds the updated
                    // weights for the next batch as it goes, instead of two more sweeps over every weight.
                    network.Backward(workspace, rows, widenWeightGradients: single == null);
                    optimizer.Step(parameters, workspace.GradientBlocks, single?.BlockGradients, single?.BlockWeights);
                    if (single != null) single.WeightsNarrowed = true;
                }
            }
            finally
            {
                // A pass that stopped early may leave a fetch running: it reads the order the next pass reshuffles.
                workspace.AfterFirstLayer = null;
                if (_overlap) KernelTeam.ForCurrentThread.Finish();
            }
            Sum = sum;
            RowsDone = rowsDone;
        }

        /// <summary>Starts fetching the next batch (set up by <see cref="Run"/>) into the spare buffers, on a helper.</summary>
        [MethodImpl(Hot.Optimize)]
        void IOverlappedWork.Start()
        {
            _workspace.AfterFirstLayer = null;
            _intoInput = _spareInput;
            _intoSingleInput = _spareSingleInput;
            _intoTarget = _spareTarget;
            _intoWeights = _spareWeights;
            _gatherStart = _nextStart;
            _gatherRows = _nextRows;
            _gatherClaimed = 0;
            _prefetchedStart = _nextStart;
            KernelTeam.ForCurrentThread.Start(_gatherWork, 2);
        }

        /// <summary>Makes the batch fetched during the last one the workspace's own, once the fetch is done.</summary>
        [MethodImpl(Hot.Optimize)]
        private void TakePrefetched()
        {
            KernelTeam.ForCurrentThread.Finish();
            _workspace.Exchange(ref _spareInput, ref _spareTarget, ref _spareSingleInput);
            (_weights, _spareWeights) = (_spareWeights, _weights);
            if (_workspace.Single != null) _workspace.Single.InputNarrowed = true;
            _prefetchedStart = -1;
        }

        /// <summary>Fisher–Yates with the seeded generator.</summary>
        /// <remarks>The epoch's uniforms are drawn in one call into a buffer made once: MathNet's Next(int) allocates on every call.</remarks>
        [MethodImpl(Hot.Optimize)]
        private void Shuffle()
        {
            var order = _order;
            _random.NextDoubles(_uniforms);
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = Math.Min(i, (int)(_uniforms[i] * (i + 1)));
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }

        /// <summary>Copies the batch's rows (in shuffled order) into the workspace's contiguous buffers.</summary>
        [MethodImpl(Hot.Optimize)]
        private void Gather(int start, int rows)
        {
            var data = _data;
            var workspace = _workspace;
            int outputs = _network.OutputSize;
            if (_random == null)
            {
                data.CopyFeatures(start, rows, workspace.Input, 0);
                data.CopyTargets(start, rows, workspace.Target, 0);
                data.CopyWeights(start, rows, _weights, 0);
                return;
            }
            // Rows scattered over a large data set come from memory, not cache: two threads fetch them faster.
            long values = (long)rows * _network.InputSize;
            var team = KernelTeam.ForCurrentThread;
            team.Finish();
            _intoInput = workspace.Input;
            _intoSingleInput = workspace.Single?.Input;
            _intoTarget = workspace.Target;
            _intoWeights = _weights;
            _gatherStart = start;
            _gatherRows = rows;
            _gatherClaimed = 0;
            team.RunClaimed(_gatherWork, values >= ParallelGather ? Math.Min(team.Size, 2) : 1);
            // In single precision the rows were rounded as they were copied, into the products' own input.
            if (workspace.Single != null) workspace.Single.InputNarrowed = true;
        }

        /// <summary>From this many input values a batch, two threads gather it.</summary>
        private const long ParallelGather = 1 << 15;

        private int _gatherStart, _gatherRows;

        /// <summary>Rows a thread claims at a time: a few, so that whoever is free takes the next ones.</summary>
        private const int GatherClaim = 8;

        /// <summary>Rows of the gather claimed so far.</summary>
        private int _gatherClaimed;

        /// <summary>
        /// Copies the batch's rows in claimed runs of <see cref="GatherClaim"/>, asking for each row's memory
        /// two rows ahead. Claimed, so the caller helps with the rest of a fetch started on a helper once
        /// its own work is done (<see cref="KernelTeam.Finish"/>).
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        void ITeamWork.Execute(int thread, int threads, KernelTeam team)
        {
            var data = _data;
            int inputs = _network.InputSize, outputs = _network.OutputSize;
            double[] input = _intoInput, target = _intoTarget, weights = _intoWeights;
            float[] singleInput = _intoSingleInput;
            int[] order = _order;
            int start = _gatherStart, rows = _gatherRows;
            while (true)
            {
                int first = Interlocked.Add(ref _gatherClaimed, GatherClaim) - GatherClaim;
                if (first >= rows) return;
                int last = Math.Min(rows, first + GatherClaim);
                if (first + 1 < rows) data.PrefetchFeatures(order[start + first + 1]);
                for (int r = first; r < last; r++)
                {
                    if (r + 2 < rows) data.PrefetchFeatures(order[start + r + 2]);
                    int source = order[start + r];
                    if (singleInput != null) data.CopyFeatures(source, 1, singleInput, r * inputs);
                    else data.CopyFeatures(source, 1, input, r * inputs);
                    data.CopyTargets(source, 1, target, r * outputs);
                    if (weights != null) weights[r] = data.Weights[source];
                }
            }
        }
    }
}
