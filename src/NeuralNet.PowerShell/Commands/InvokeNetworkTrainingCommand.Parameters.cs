using NeuralNet.Core.Optimizers;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>Invoke-NetworkTraining's parameters: each option's name is its core option's (<see cref="TrainingOptions"/>, <see cref="DataOptions"/>, <see cref="CheckpointOptions"/>).</summary>
    public sealed partial class InvokeNetworkTrainingCommand
    {
        #region Parameters

        /// <summary>
        /// <para type="description">The network to train. It is changed in place and written to the output.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = RowsSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = NetworkPipelineSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = MatrixSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PathSet)]
        [ValidateNotNull]
        [NeuralNetworkArgument]
        public NeuralNetwork Network { get; set; }

        /// <summary>
        /// <para type="description">The training rows: objects whose properties are the features and targets. Accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RowsSet)]
        [Parameter(Mandatory = true, ParameterSetName = NetworkPipelineSet)]
        [AllowNull]
        // object[], not PSObject[], so that an array binds as it is (see RowReader.AddRange).
        public object[] InputObject { get; set; }

        /// <summary>
        /// <para type="description">The target properties (what the network learns to predict). Strings are class labels; numbers are regression targets unless they are whole numbers with few distinct values.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = RowsSet)]
        [Parameter(Mandatory = true, ParameterSetName = NetworkPipelineSet)]
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CsvColumnCompleter))]
        public string[] Target { get; set; }

        /// <summary>
        /// <para type="description">The feature properties, in order. Default: every property that is not a target.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = NetworkPipelineSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CsvColumnCompleter))]
        public string[] Feature { get; set; }

        /// <summary>
        /// <para type="description">Properties to one-hot encode as categories even though their values are numbers (a target named here becomes a class target).</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = NetworkPipelineSet)]
        [Parameter(ParameterSetName = PathSet)]
        public string[] Categorical { get; set; }

        /// <summary>
        /// <para type="description">How numeric features are rescaled on the first training: Standard (default), MinMax or None. A network created with -InitialWeights defaults to None, since those weights were chosen for the raw inputs.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = NetworkPipelineSet)]
        [Parameter(ParameterSetName = PathSet)]
        public Scaling Scaling { get; set; }

        /// <summary>
        /// <para type="description">What to do with empty cells, nulls and missing properties: Error (default), Skip the row, or fill in the training Mean (most frequent category for categories).</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = NetworkPipelineSet)]
        [Parameter(ParameterSetName = PathSet)]
        public MissingValuePolicy MissingValue { get; set; }

        /// <summary>
        /// <para type="description">Classification or Regression; Auto (default) decides from -Loss, else from the target values.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = NetworkPipelineSet)]
        [Parameter(ParameterSetName = PathSet)]
        public TaskKind Task { get; set; }



        /// <summary>
        /// <para type="description">Feature values as an array of rows (double[][]): the network's raw inputs, no scaling or encoding.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] FeatureMatrix { get; set; }

        /// <summary>
        /// <para type="description">Target values as an array of rows (double[][]), one row per feature row: the network's raw targets.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] TargetMatrix { get; set; }

        /// <summary>
        /// <para type="description">Passes over the data. Default 100.</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(TrainingOptions), nameof(Epochs))]
        public int Epochs { get; set; }

        /// <summary>
        /// <para type="description">Step size. Default: the optimizer's (Adam 0.001, GradientDescent and Momentum 0.01).</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(TrainingOptions), nameof(LearningRate))]
        public double LearningRate { get; set; }

        /// <summary>
        /// <para type="description">Rows per gradient step. Default 32 (every row for Rprop). A size at least the row count means full-batch gradient descent.</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(TrainingOptions), nameof(BatchSize))]
        public int BatchSize { get; set; }

        /// <summary>
        /// <para type="description">The loss: SumSquaredError (the tutorial's), MeanSquaredError, CrossEntropy, BinaryCrossEntropy or Huber. Default: chosen from the output activation and target.</para>
        /// </summary>
        [Parameter]
        public Loss Loss { get; set; }

        /// <summary>
        /// <para type="description">The update rule: GradientDescent, Momentum, Adam, AdamW, RMSProp, Rprop (iRPROP−, full batch by default, no learning rate) or Lbfgs (full batch, MathNet's L-BFGS; each epoch is one accepted step). Default: the previous training's; for a new network GradientDescent with -Loss SumSquaredError (the tutorial's pairing), otherwise Adam.</para>
        /// </summary>
        [Parameter]
        public OptimizerKind Optimizer { get; set; }

        /// <summary>
        /// <para type="description">Use Nesterov momentum with -Optimizer Momentum.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Nesterov { get; set; }

        /// <summary>
        /// <para type="description">L2 weight decay on weights (not biases).</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(TrainingOptions), nameof(L2))]
        public double L2 { get; set; }

        /// <summary>
        /// <para type="description">Shuffle rows before every epoch, seeded (default on). Use -Shuffle:$false to keep the row order.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Shuffle { get; set; }

        /// <summary>
        /// <para type="description">Seed for shuffling and validation splits. Default: the network's seed.</para>
        /// </summary>
        [Parameter]
        public int Seed { get; set; }

        /// <summary>
        /// <para type="description">Share of rows (0 to 1) held out to measure validation loss each epoch; stratified by class for classification. The best epoch's weights are kept.</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(TrainingOptions), nameof(ValidationSplit))]
        public double ValidationSplit { get; set; }

        /// <summary>
        /// <para type="description">Labelled rows held out to measure validation loss each epoch (instead of -ValidationSplit), mapped like the training rows. The best epoch's weights are kept.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = NetworkPipelineSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public PSObject[] ValidationData { get; set; }

        /// <summary>
        /// <para type="description">Validation inputs as an array of rows (double[][]), with -ValidationTargetMatrix, for the matrix form.</para>
        /// </summary>
        [Parameter(ParameterSetName = MatrixSet)]
        public double[][] ValidationFeatureMatrix { get; set; }

        /// <summary>
        /// <para type="description">Validation targets as an array of rows (double[][]), one per -ValidationFeatureMatrix row.</para>
        /// </summary>
        [Parameter(ParameterSetName = MatrixSet)]
        public double[][] ValidationTargetMatrix { get; set; }

        /// <summary>
        /// <para type="description">Stop after this many epochs without improvement of the validation loss (the training loss without validation data).</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(TrainingOptions), nameof(Patience))]
        public int Patience { get; set; }

        /// <summary>
        /// <para type="description">The smallest decrease of the monitored loss that counts as an improvement for -Patience.</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(TrainingOptions), nameof(MinDelta))]
        public double MinDelta { get; set; }

        /// <summary>
        /// <para type="description">On a NaN or infinite loss, halve the learning rate and retry from the last good weights (with a warning) instead of failing.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter AutoReduceLearningRate { get; set; }

        /// <summary>
        /// <para type="description">How the learning rate changes: Constant (default), Step, Exponential or Plateau.</para>
        /// </summary>
        [Parameter]
        public LearningRateSchedule LearningRateSchedule { get; set; }

        /// <summary>
        /// <para type="description">With -LearningRateSchedule Step, the epochs between multiplications by -ScheduleFactor; with Plateau, the epochs without improvement that trigger one. Default 10.</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(TrainingOptions), nameof(ScheduleStep))]
        public int ScheduleStep { get; set; }

        /// <summary>
        /// <para type="description">The multiplier (above 0, at most 1) of the Step, Exponential (every epoch) and Plateau schedules. Default 0.5.</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(TrainingOptions), nameof(ScheduleFactor))]
        public double ScheduleFactor { get; set; }

        /// <summary>
        /// <para type="description">How much each class's rows count in the loss: Balanced weighs a class by (rows) / (classes × rows of that class), as scikit-learn's compute_class_weight does, so every class counts the same in total;
        /// a hashtable such as @{ yes = 5; no = 1 } gives classes their own weights (classes left out weigh 1; names match the labels, ignoring case when only one label matches); None turns weighting off.
        /// The weights enter the loss and its gradient for every loss and optimizer, and the validation loss that early stopping watches. They are saved with the network, and a later training without -ClassWeight keeps them.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        [ValidateOption(typeof(TrainingOptions), nameof(ClassWeight))]
        [ArgumentCompleter(typeof(ClassWeightCompleter))]
        public object ClassWeight { get; set; }

        /// <summary>
        /// <para type="description">The property holding each row's weight: a number of 0 or more (a row of weight 2 counts as that row twice). On a new network the property is not a feature.
        /// Multiplies with -ClassWeight. Saved with the network, so a later training without -SampleWeight reads the same property; -SampleWeight '' trains without row weights.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = NetworkPipelineSet)]
        [Parameter(ParameterSetName = PathSet)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(CsvColumnCompleter))]
        public string SampleWeight { get; set; }

        /// <summary>
        /// <para type="description">Inverted dropout while training: the share of each hidden layer's outputs set to 0 in every batch (the rest scaled up by 1 / (1 − rate)), one rate for all hidden layers or one per hidden layer (-Dropout 0.2,0.5).
        /// Masks come from the training's seed, so the same seed gives the same network. Prediction, testing and the gradient check never drop anything. Saved with the network; -Dropout 0 turns it off. Not with -Optimizer LBFGS.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateOption(typeof(TrainingOptions), nameof(Dropout))]
        public double[] Dropout { get; set; }

        /// <summary>
        /// <para type="description">Save the network to this file while it trains: every -CheckpointEvery epochs and when training ends or is stopped (Ctrl+C), each time replacing the file whole (written beside it, flushed, renamed over it).
        /// It holds the best epoch's weights when there is validation data, else the latest, with the optimizer state, options, history and where the run stands, so Import-NeuralNetwork and the same training continue it.
        /// The folder must exist; a read-only file, a directory or a device is refused before training starts.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CheckpointPath { get; set; }

        /// <summary>
        /// <para type="description">With -CheckpointPath, save after every epoch whose number is a multiple of this (epochs count across calls, so a resumed run keeps the cadence). The end of training always saves.
        /// Each save is flushed to disk before it replaces the file, which takes some milliseconds (10 to 25 on a typical disk, more for a large network or a long history): for epochs shorter than that, save every 10 or 100 epochs.</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(CheckpointOptions), nameof(CheckpointEvery))]
        public int CheckpointEvery { get; set; }

        #endregion
    }
}
