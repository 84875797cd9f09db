using NeuralNet.Core.Data;
using NeuralNet.Core.Model;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// The loss of a whole data set and its exact gradient with respect to every parameter, computed in
    /// chunks so memory stays bounded however many rows there are. Used by full-batch optimizers
    /// (L-BFGS), by Get-NetworkGradient and by the finite-difference check. Buffers are allocated once.
    /// </summary>
    public sealed class GradientEvaluator
    {
        public const int DefaultChunk = 1024;

        private readonly Network _network;
        private readonly Loss _loss;
        private readonly double _l2;
        private readonly Workspace _workspace;
        private readonly bool[] _isWeight;

        /// <param name="network">The network whose parameters are differentiated.</param>
        /// <param name="loss">The loss, averaged as the loss defines (SumSquaredError: summed).</param>
        /// <param name="l2">L2 penalty λ: adds ½λ‖W‖² to the loss (weights only, never biases).</param>
        /// <param name="maxRows">The largest data set to be evaluated (sizes the chunk buffers).</param>
        /// <param name="precision">The precision of the products; null for the network's own.</param>
        public GradientEvaluator(Network network, Loss loss, double l2, int maxRows, Precision? precision = null)
        {
            _network = network;
            _loss = loss;
            _l2 = l2;
            _workspace = new Workspace(network, Math.Max(1, Math.Min(DefaultChunk, maxRows)), precision ?? network.Precision);
            var gradients = new List<double[]>();
            var isWeight = new List<bool>();
            foreach (var layer in network.Layers)
            {
                isWeight.Add(true);
                if (layer.HasBias) isWeight.Add(false);
            }
            foreach (var block in network.ParameterBlocks) gradients.Add(new double[block.Length]);
            Gradients = gradients;
            _isWeight = isWeight.ToArray();
        }

        /// <summary>The gradient of the last <see cref="Evaluate"/>, parallel to <see cref="Network.ParameterBlocks"/>.</summary>
        public IReadOnlyList<double[]> Gradients { get; }

        /// <summary>½λ‖W‖² at the parameters of the last <see cref="Evaluate"/> (its gradient is already in <see cref="Gradients"/>).</summary>
        public double Penalty { get; private set; }

        /// <summary>
        /// The data loss of <paramref name="data"/> at the current parameters (without <see cref="Penalty"/>);
        /// fills <see cref="Gradients"/> when asked and feeds <paramref name="metric"/> the outputs when given.
        /// </summary>
        public double Evaluate(DataSet data, bool withGradient = true, MetricAccumulator metric = null)
        {
            int n = data.Rows, inputs = _network.InputSize, outputs = _network.OutputSize;
            if (n == 0) throw new NeuralNetException("NoRows", ErrorKind.InvalidData, "No rows to compute a gradient on.");
            if (withGradient) foreach (var g in Gradients) Array.Clear(g, 0, g.Length);
            double normaliser = _loss.Function().Normaliser(n, outputs);
            var activation = _network.OutputLayer.Activation;
            double[] lastZ = _workspace.Z[_workspace.Z.Length - 1], lastDelta = _workspace.Delta[_workspace.Delta.Length - 1];
            double sum = 0;
            var weights = data.Weights != null ? Weights(_workspace.Capacity) : null;
            for (int start = 0; start < n; start += _workspace.Capacity)
            {
                int rows = Math.Min(_workspace.Capacity, n - start);
                data.CopyFeatures(start, rows, _workspace.Input, 0);
                Array.Copy(data.Targets, start * outputs, _workspace.Target, 0, rows * outputs);
                data.CopyWeights(start, rows, weights, 0);
                var output = _network.Forward(_workspace, rows);
                sum += _loss.Function().Sum(activation, lastZ, output, _workspace.Target, rows * outputs, outputs, _network.OutputLayer.SoftmaxGroups, weights);
                metric?.Add(output, _workspace.Target, rows, outputs);
                if (!withGradient) continue;
                // Dividing by the whole set's normaliser makes the chunks' gradients add up to the set's.
                _loss.Function().OutputGradient(activation, lastZ, output, _workspace.Target, lastDelta, rows * outputs, outputs, normaliser, _network.OutputLayer.SoftmaxGroups, weights);
                _network.Backward(_workspace, rows);
                for (int b = 0; b < Gradients.Count; b++)
                {
                    double[] total = Gradients[b], part = _workspace.GradientBlocks[b];
                    for (int i = 0; i < total.Length; i++) total[i] += part[i];
                }
            }
            Penalty = 0;
            if (_l2 > 0)
            {
                var parameters = _network.ParameterBlocks;
                for (int b = 0; b < parameters.Length; b++)
                {
                    if (!_isWeight[b]) continue;
                    double[] w = parameters[b], g = Gradients[b];
                    double squares = 0;
                    for (int i = 0; i < w.Length; i++)
                    {
                        squares += w[i] * w[i];
                        if (withGradient) g[i] += _l2 * w[i];
                    }
                    Penalty += 0.5 * _l2 * squares;
                }
            }
            return sum / normaliser;
        }

        private double[] _weights;

        /// <summary>A chunk's row weights, made on the first weighted evaluation and kept.</summary>
        private double[] Weights(int capacity) => _weights ?? (_weights = new double[capacity]);
    }
}
