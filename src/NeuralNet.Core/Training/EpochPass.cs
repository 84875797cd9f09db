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
    internal sealed class EpochPass : ITeamWork
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
        private readonly ITeamWork _gatherWork;
        /// <summary>The batch's row weights, or null when the rows are not weighted.</summary>
        private readonly double[] _weights;

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
        }

        /// <summary>Gives the pass's buffers back for the next training call on this thread; the pass is not run again.</summary>
        public void Release()
        {
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
            for (int start = 0; start < n; start += batch)
            {
                if (token.IsCancellationRequested)
                {
                    Interrupted = true;
                    break;
                }
                int rows = Math.Min(batch, n - start);
                if (!_gatherOnce) Gather(start, rows);
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
            Sum = sum;
            RowsDone = rowsDone;
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
            _gatherStart = start;
            _gatherRows = rows;
            team.Run(_gatherWork, values >= ParallelGather ? Math.Min(team.Size, 2) : 1);
            // In single precision the rows were rounded as they were copied, into the products' own input.
            if (workspace.Single != null) workspace.Single.InputNarrowed = true;
        }

        /// <summary>From this many input values a batch, two threads gather it.</summary>
        private const long ParallelGather = 1 << 15;

        private int _gatherStart, _gatherRows;

        /// <summary>A share of the batch's rows, for each thread of the team.</summary>
        [MethodImpl(Hot.Optimize)]
        void ITeamWork.Execute(int thread, int threads, KernelTeam team)
        {
            var data = _data;
            var workspace = _workspace;
            int inputs = _network.InputSize, outputs = _network.OutputSize;
            int first = _gatherRows * thread / threads, last = _gatherRows * (thread + 1) / threads;
            for (int r = first; r < last; r++)
            {
                int source = _order[_gatherStart + r];
                if (workspace.Single != null) data.CopyFeatures(source, 1, workspace.Single.Input, r * inputs);
                else data.CopyFeatures(source, 1, workspace.Input, r * inputs);
                data.CopyTargets(source, 1, workspace.Target, r * outputs);
                if (_weights != null) _weights[r] = data.Weights[source];
            }
        }
    }
}
