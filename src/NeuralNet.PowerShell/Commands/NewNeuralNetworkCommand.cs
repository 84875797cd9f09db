using MathNet.Numerics.Random;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a feed-forward neural network.</para>
    /// <para type="description">Creates a network of dense layers. With -LayerSizes you spell out every size
    /// (input, hidden..., output), as in the tutorial; -Activation then applies to every layer, the output
    /// included, unless -OutputActivation says otherwise. With -HiddenLayers you give only the hidden sizes:
    /// the first training fixes the input and output sizes from the data (after one-hot encoding) and chooses
    /// the output activation from the target (softmax for classes, sigmoid for two classes, identity for
    /// numbers). -Seed makes the initial weights the same on every run, platform and PowerShell edition.</para>
    /// </summary>
    /// <example>
    /// <code>$net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
    /// $rows | Invoke-NetworkTraining -Network $net -Target species -Epochs 500</code>
    /// <para>Creates a network with one hidden layer of 8 ReLU units. Its input and output sizes are fixed by its first training, after categories are one-hot encoded; the output activation is chosen from the target (softmax for classes).</para>
    /// </example>
    /// <example>
    /// <code>New-NeuralNetwork -LayerSizes 3, 4, 1 -Activation Sigmoid -NoBias -InitialWeights $wij, $wjk</code>
    /// <para>The tutorial's network: 3 inputs, 4 hidden sigmoid units, 1 sigmoid output, no biases, and the tutorial's starting weights (one inputs × units matrix per layer).</para>
    /// </example>
    /// <example>
    /// <code>$net = New-NeuralNetwork -HiddenLayers 256 -Precision Single -Seed 0
    /// Invoke-NetworkTraining -Network $net -FeatureMatrix $x -TargetMatrix $y -Loss CrossEntropy -BatchSize 128</code>
    /// <para>A wide network whose matrix products run in single precision (float32), its products about twice as fast as in Double; the weights are still kept in double.</para>
    /// </example>
    /// <example>
    /// <code>New-NeuralNetwork -HiddenLayers 64, 32 -Activation Tanh -OutputActivation Identity -WeightInit Glorot -Seed 42</code>
    /// <para>Two hidden tanh layers and an identity output for regression, with Glorot-uniform weights drawn from seed 42: the same seed gives the same weights on every platform.</para>
    /// </example>
    [BindsOptions(typeof(NetworkOptions))]
    [Cmdlet(VerbsCommon.New, "NeuralNetwork", DefaultParameterSetName = HiddenLayersSet)]
    [OutputType(typeof(NeuralNetwork))]
    public sealed class NewNeuralNetworkCommand : PSCmdlet
    {
        private const string LayerSizesSet = "LayerSizes";
        private const string HiddenLayersSet = "HiddenLayers";

        /// <summary>
        /// <para type="description">Every layer size: input, hidden..., output. For example 3,4,1 is the tutorial's network.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = LayerSizesSet)]
        [ValidateNotNullOrEmpty]
        public int[] LayerSizes { get; set; }

        /// <summary>
        /// <para type="description">The hidden layer sizes (default: one layer of 16 units). Input and output sizes come from the data at the first training. An empty array makes a network without hidden layers.</para>
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = HiddenLayersSet)]
        [AllowEmptyCollection]
        public int[] HiddenLayers { get; set; }

        /// <summary>
        /// <para type="description">The hidden layers' activation (with -LayerSizes also the output's). Default: Sigmoid with -LayerSizes, ReLU with -HiddenLayers.</para>
        /// </summary>
        [Parameter]
        public Activation Activation { get; set; }

        /// <summary>
        /// <para type="description">The output layer's activation. Default: -Activation with -LayerSizes; chosen from the target with -HiddenLayers.</para>
        /// </summary>
        [Parameter]
        public Activation OutputActivation { get; set; }

        /// <summary>
        /// <para type="description">Build layers without bias terms (the tutorial's network has none).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter NoBias { get; set; }

        /// <summary>
        /// <para type="description">Seed for the initial weights (and, unless training gets its own, for shuffling). Without it a random seed is drawn and recorded in the network's Seed property.</para>
        /// </summary>
        [Parameter]
        public int Seed { get; set; }

        /// <summary>
        /// <para type="description">How initial weights are drawn: Auto (Glorot for sigmoid/tanh, He for the ReLU family), Glorot or He. Both are uniform.</para>
        /// </summary>
        [Parameter]
        public WeightInit WeightInit { get; set; }

        /// <summary>
        /// <para type="description">The precision of the matrix products, which are most of the work: Double (the default) or Single. Single multiplies and sums in float32 (the products run about twice as fast, so training on wide layers about 1.3 times as fast) while weights, activations, the loss and the optimizer stay in float64, so results differ from Double in about the seventh significant digit. Tiny networks gain nothing from it. The gradient check (Test-NetworkGradient) always works in Double.</para>
        /// </summary>
        [Parameter]
        public Precision Precision { get; set; }

        /// <summary>
        /// <para type="description">Initial weights, one inputs x units matrix per layer (the tutorial's w_ij, w_jk), for example from numpy. Needs -LayerSizes.</para>
        /// </summary>
        [Parameter(ParameterSetName = LayerSizesSet)]
        public double[][][] InitialWeights { get; set; }

        /// <summary>
        /// <para type="description">Initial biases, one vector of units values per layer. Default: zeros.</para>
        /// </summary>
        [Parameter(ParameterSetName = LayerSizesSet)]
        public double[][] InitialBiases { get; set; }

        /// <summary>Performs execution of the command.</summary>
        protected override void EndProcessing()
        {
            try
            {
                WriteObject(new NeuralNetwork(NeuralNetworkModel.Create(BoundOptions.Bind<NetworkOptions>(this).ToSpec())));
            }
            catch (NeuralNetException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, ParameterSetName == LayerSizesSet ? (object)LayerSizes : HiddenLayers));
            }
        }
    }
}
