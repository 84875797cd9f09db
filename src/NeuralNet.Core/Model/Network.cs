using NeuralNet.Core.Kernels;

namespace NeuralNet.Core.Model
{
    /// <summary>A feed-forward stack of dense layers. Holds parameters only; buffers live in a <see cref="Workspace"/>.</summary>
    public sealed class Network
    {
        private readonly DenseLayer[] _layers;

        public Network(IEnumerable<DenseLayer> layers)
        {
            _layers = layers.ToArray();
            if (_layers.Length == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
            for (int l = 1; l < _layers.Length; l++)
            {
                if (_layers[l].Inputs != _layers[l - 1].Units)
                    throw new ArgumentException($"Layer {l + 1} takes {_layers[l].Inputs} inputs but layer {l} has {_layers[l - 1].Units} units.");
            }
            var blocks = new List<double[]>();
            foreach (var layer in _layers)
            {
                blocks.Add(layer.Weights);
                if (layer.HasBias) blocks.Add(layer.Bias);
            }
            ParameterBlocks = blocks.ToArray();
        }

        /// <summary>
        /// Builds layers of the given sizes (input, hidden…, output): hidden layers use
        /// <paramref name="hidden"/>, the last one <paramref name="output"/>. Weights start at zero.
        /// </summary>
        public static Network Create(IReadOnlyList<int> sizes, Activation hidden, Activation output, bool hasBias, int[] outputGroups = null)
        {
            if (sizes.Count < 2) throw new ArgumentException("A network needs at least an input and an output size.", nameof(sizes));
            var layers = new DenseLayer[sizes.Count - 1];
            for (int l = 0; l < layers.Length; l++)
            {
                layers[l] = new DenseLayer(sizes[l], sizes[l + 1], l == layers.Length - 1 ? output : hidden, hasBias, l == layers.Length - 1 ? outputGroups : null);
            }
            return new Network(layers);
        }

        public IReadOnlyList<DenseLayer> Layers => _layers;

        public int InputSize => _layers[0].Inputs;

        public int OutputSize => _layers[_layers.Length - 1].Units;

        public DenseLayer OutputLayer => _layers[_layers.Length - 1];

        /// <summary>The sizes input, hidden…, output.</summary>
        public int[] LayerSizes => new[] { InputSize }.Concat(_layers.Select(l => l.Units)).ToArray();

        public int ParameterCount => _layers.Sum(l => l.ParameterCount);

        /// <summary>Every trainable array, in a fixed order (W₁, b₁, W₂, b₂, …): the view optimizers update.</summary>
        public double[][] ParameterBlocks { get; }

        /// <summary>The precision of the matrix products; weights are stored in double either way.</summary>
        public Precision Precision { get; set; }

        public Network Clone() => new Network(_layers.Select(l => l.Clone())) { Precision = Precision };

        /// <summary>
        /// Forward pass of <paramref name="rows"/> rows already in <c>workspace.Input</c>; fills every
        /// layer's Z and A. Returns the output layer's activations (rows × outputs, row-major).
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public double[] Forward(Workspace workspace, int rows)
        {
            if (workspace.Single != null) return ForwardSingle(workspace, rows);
            double[] x = workspace.Input;
            var dropout = workspace.Dropout;
            for (int l = 0; l < _layers.Length; l++)
            {
                var layer = _layers[l];
                double[] z = workspace.Z[l], a = workspace.A[l];
                FusedLayer.Forward(x, layer.Weights, layer.Bias, layer.Activation, z, a, rows, layer.Inputs, layer.Units, layer.SoftmaxGroups);
                if (l == 0) workspace.AfterFirstLayer?.Start();
                x = dropout != null && l < _layers.Length - 1 ? dropout.Forward(l, a, rows * layer.Units) : a;
            }
            return x;
        }

        /// <summary>
        /// Backward pass after <see cref="Forward"/>: <c>workspace.Delta[last]</c> must hold dL/dz of the
        /// output layer. Fills the gradient blocks (same order as <see cref="ParameterBlocks"/>).
        /// </summary>
        public void Backward(Workspace workspace, int rows) => Backward(workspace, rows, true);

        /// <summary>
        /// <see cref="Backward(Workspace, int)"/>; in single precision, unless <paramref name="widenWeightGradients"/>,
        /// the weight gradients are left in float32 (<see cref="SingleBuffers.BlockGradients"/>) for a step that widens them itself.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        internal void Backward(Workspace workspace, int rows, bool widenWeightGradients)
        {
            if (workspace.Single != null)
            {
                BackwardSingle(workspace, rows, widenWeightGradients);
                return;
            }
            var gradients = workspace.GradientBlocks;
            var dropout = workspace.Dropout;
            int block = gradients.Length;
            for (int l = _layers.Length - 1; l >= 0; l--)
            {
                var layer = _layers[l];
                double[] delta = workspace.Delta[l];
                double[] x = l == 0 ? workspace.Input : dropout?.Input(l - 1, workspace.A[l - 1]) ?? workspace.A[l - 1];
                if (layer.HasBias) MatrixKernels.SumColumns(delta, gradients[--block], rows, layer.Units);
                // g_W = Xᵀ·δ  (inputs × units)
                MatrixKernels.MultiplyTransposeA(x, delta, gradients[--block], rows, layer.Inputs, layer.Units);
                if (l == 0) break;
                // δ_prev = (δ·Wᵀ) ⊙ f'(z_prev), and ⊙ the dropout mask of the layer below (elementwise, so in either order)
                var below = _layers[l - 1];
                double[] previous = workspace.Delta[l - 1];
                int count = rows * below.Units;
                if (dropout != null && dropout.Drops(l - 1) && !below.Activation.Function().IsElementwise)
                {
                    // softmax's Jacobian mixes a row's units, so the mask comes first
                    MatrixKernels.MultiplyTransposeB(delta, layer.Weights, previous, rows, layer.Units, layer.Inputs);
                    dropout.Backward(l - 1, previous, count);
                    below.Activation.Function().Backward(workspace.Z[l - 1], workspace.A[l - 1], previous, count, below.Units, below.SoftmaxGroups);
                    continue;
                }
                FusedLayer.Backward(delta, layer.Weights, previous, below.Activation, workspace.Z[l - 1], workspace.A[l - 1], rows, layer.Units, layer.Inputs, below.SoftmaxGroups);
                dropout?.Backward(l - 1, previous, count);
            }
        }

        /// <summary>
        /// <see cref="Forward"/> with the products in float32: the inputs, each layer's weights and the
        /// activations a product reads are rounded, the product is widened back into Z, and bias and
        /// activation work in double as before.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private double[] ForwardSingle(Workspace workspace, int rows)
        {
            var single = workspace.Single;
            if (!single.InputNarrowed) SingleBuffers.Narrow(workspace.Input, single.Input, rows * InputSize);
            bool weightsNarrowed = single.WeightsNarrowed;
            single.InputNarrowed = single.WeightsNarrowed = false;
            float[] x = single.Input;
            for (int l = 0; l < _layers.Length; l++)
            {
                var layer = _layers[l];
                double[] z = workspace.Z[l], a = workspace.A[l];
                float[] weights = single.Weights[l], product = single.Product[l];
                int count = rows * layer.Units;
                if (!weightsNarrowed) SingleBuffers.Narrow(layer.Weights, weights, weights.Length);
                MatrixKernels.Multiply(x, weights, product, rows, layer.Inputs, layer.Units);
                if (l == 0) workspace.AfterFirstLayer?.Start();
                SingleBuffers.Widen(product, z, count);
                if (layer.HasBias) MatrixKernels.AddRowVector(z, layer.Bias, rows, layer.Units);
                layer.Activation.Function().Forward(z, a, count, layer.Units, layer.SoftmaxGroups);
                if (l == _layers.Length - 1) return a;
                SingleBuffers.Narrow(workspace.Dropout?.Forward(l, a, count) ?? a, single.Activation[l], count);
                x = single.Activation[l];
            }
            return null;
        }

        /// <summary><see cref="Backward(Workspace, int)"/> with the products in float32, reading the rounded weights of the forward pass.</summary>
        [MethodImpl(Hot.Optimize)]
        private void BackwardSingle(Workspace workspace, int rows, bool widenWeightGradients)
        {
            var single = workspace.Single;
            var gradients = workspace.GradientBlocks;
            int block = gradients.Length;
            for (int l = _layers.Length - 1; l >= 0; l--)
            {
                var layer = _layers[l];
                double[] delta = workspace.Delta[l];
                float[] singleDelta = single.Delta[l], gradient = single.Gradient[l];
                float[] x = l == 0 ? single.Input : single.Activation[l - 1];
                if (layer.HasBias) MatrixKernels.SumColumns(delta, gradients[--block], rows, layer.Units);
                SingleBuffers.Narrow(delta, singleDelta, rows * layer.Units);
                MatrixKernels.MultiplyTransposeA(x, singleDelta, gradient, rows, layer.Inputs, layer.Units);
                --block;
                if (widenWeightGradients) SingleBuffers.Widen(gradient, gradients[block], gradient.Length);
                if (l == 0) break;
                float[] previous = single.Product[l - 1];
                MatrixKernels.MultiplyTransposeB(singleDelta, single.Weights[l], previous, rows, layer.Units, layer.Inputs);
                var below = _layers[l - 1];
                SingleBuffers.Widen(previous, workspace.Delta[l - 1], rows * below.Units);
                workspace.Dropout?.Backward(l - 1, workspace.Delta[l - 1], rows * below.Units);
                below.Activation.Function().Backward(workspace.Z[l - 1], workspace.A[l - 1], workspace.Delta[l - 1], rows * below.Units, below.Units, below.SoftmaxGroups);
            }
        }

        /// <summary>Predicts <paramref name="rows"/> rows (rows × inputs) into a new rows × outputs array.</summary>
        public double[] Predict(double[] inputs, int rows)
        {
            var workspace = new Workspace(this, Math.Max(1, rows));
            Array.Copy(inputs, workspace.Input, rows * InputSize);
            var output = Forward(workspace, rows);
            var result = new double[rows * OutputSize];
            Array.Copy(output, result, result.Length);
            return result;
        }
    }
}
