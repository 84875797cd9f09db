using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;
using NeuralNet.PowerShell.Internal;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Trains a neural network on rows or matrices, in place, and outputs it.</para>
    /// <para type="description">Trains the network by backpropagation over mini-batches. Data comes as rows
    /// (pipeline objects, Import-Csv rows, hashtables) with -Target naming the target properties, or as
    /// -FeatureMatrix and -TargetMatrix arrays. On the first training from rows the network records how
    /// rows map to inputs (numbers scaled, categories one-hot encoded) and targets (class labels or numbers);
    /// prediction applies the same mapping. Calling it again continues training: the history and the
    /// optimizer state carry on. Ctrl+C stops after the current batch and leaves a consistent network.</para>
    /// </summary>
    /// <example>
    /// <code>$rows = Import-Csv ./iris.csv
    /// $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
    /// $rows | Invoke-NetworkTraining -Network $net -Target species -Epochs 500 | Out-Null
    /// $net.TrainingHistory | Select-Object -Last 3</code>
    /// <para>Trains on Import-Csv rows with defaults: numbers standardised, the species labels as softmax classes with cross-entropy, Adam. The history holds one entry per epoch.</para>
    /// </example>
    /// <example>
    /// <code>$train | Invoke-NetworkTraining -Network $net -Target digit -Optimizer Adam -LearningRate 0.001 -BatchSize 32 -Epochs 50 -ValidationSplit 0.2 -Patience 5 -Verbose</code>
    /// <para>Holds out a stratified 20 % of the rows, prints a line per epoch, stops after 5 epochs without a lower validation loss and keeps the best epoch's weights.</para>
    /// </example>
    /// <example>
    /// <code>New-NeuralNetwork -HiddenLayers 16 | Invoke-NetworkTraining -Path ./big.csv -Target y -Epochs 5</code>
    /// <para>Reads a CSV file directly (far faster than Import-Csv for large files); the network comes down the pipeline.</para>
    /// </example>
    /// <example>
    /// <code>Invoke-NetworkTraining -Network $net -FeatureMatrix $X -TargetMatrix $Y -Epochs 10000 -LearningRate 1 -Loss SumSquaredError -BatchSize 4</code>
    /// <para>The tutorial's training on arrays: full-batch gradient descent on half the summed squared error.</para>
    /// </example>
    [BindsOptions(typeof(DataOptions), typeof(TrainingOptions))]
    [Cmdlet(VerbsLifecycle.Invoke, "NetworkTraining", DefaultParameterSetName = RowsSet)]
    [OutputType(typeof(NeuralNetwork))]
    public sealed class InvokeNetworkTrainingCommand : CsvCommandBase, IDisposable
    {
        private const string RowsSet = "Rows";
        private const string NetworkPipelineSet = "NetworkPipeline";
        private const string MatrixSet = "Matrix";

        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private RowReader _rows;

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
        public PSObject[] InputObject { get; set; }

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

        #endregion

        #region Overrides

        /// <summary>Performs execution of the command.</summary>
        protected override void BeginProcessing()
        {
            if (ParameterSetName == RowsSet) _rows = new RowReader();
            if (ValidationSplit > 0 && (ValidationData != null || ValidationFeatureMatrix != null))
            {
                ThrowTerminatingError(ErrorRecords.Create("ValidationConflict", ErrorCategory.InvalidArgument,
                    "Give either -ValidationSplit or validation data (-ValidationData, -ValidationFeatureMatrix), not both.", ValidationSplit));
            }
            if ((ValidationFeatureMatrix == null) != (ValidationTargetMatrix == null))
            {
                ThrowTerminatingError(ErrorRecords.Create("ValidationMatrixIncomplete", ErrorCategory.InvalidArgument,
                    "-ValidationFeatureMatrix and -ValidationTargetMatrix go together; give both or neither.", Network));
            }
        }

        /// <summary>Performs execution of the command.</summary>
        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case RowsSet:
                    if (InputObject != null) _rows.AddRange(InputObject);
                    break;
                case NetworkPipelineSet:
                    var reader = new RowReader();
                    if (InputObject != null) reader.AddRange(InputObject);
                    TrainOnRows(reader);
                    break;
                case PathSet:
                    TrainOnTable(null, () => ReadCsv((Categorical ?? new string[0]).Concat(Network.Model.Schema?.CategoricalColumns ?? new string[0]), _cancellation.Token), Path);
                    break;
                case MatrixSet:
                    Train(reader: null, prepare: () =>
                        TrainingSetup.Prepare(Network.Model, DataSet.FromMatrices(FeatureMatrix, TargetMatrix), BoundOptions.Bind<TrainingOptions>(this),
                            ValidationFeatureMatrix != null ? DataSet.FromMatrices(ValidationFeatureMatrix, ValidationTargetMatrix) : null));
                    break;
            }
        }

        /// <summary>Performs execution of the command.</summary>
        protected override void EndProcessing()
        {
            if (ParameterSetName == RowsSet) TrainOnRows(_rows);
        }

        /// <summary>Ctrl+C: the trainer stops after the current batch.</summary>
        protected override void StopProcessing() => _cancellation.Cancel();

        public void Dispose() => _cancellation.Dispose();

        #endregion

        private void TrainOnRows(RowReader reader)
        {
            if (reader.Count == 0)
            {
                ThrowTerminatingError(ErrorRecords.Create("NoRows", ErrorCategory.InvalidData,
                    "No rows to train on; pipe rows in or give -InputObject.", Network));
            }
            TrainOnTable(reader, () => reader.Table, null);
        }

        private void TrainOnTable(RowReader reader, Func<RawTable> table, object source)
        {
            RawTable validation = null;
            if (ValidationData != null)
            {
                var validationRows = new RowReader();
                validationRows.AddRange(ValidationData);
                validation = validationRows.Table;
            }
            Train(reader, () => TrainingSetup.Prepare(Network.Model, table(), BoundOptions.Bind<DataOptions>(this), BoundOptions.Bind<TrainingOptions>(this), validation), source);
        }

        /// <summary>Prepares the data, trains, and writes the network unless Ctrl+C stopped the pipeline.</summary>
        private void Train(RowReader reader, Func<PreparedTraining> prepare, object source = null)
        {
            var model = Network.Model;
            var lease = ErrorRecords.Hold(this, Network, "Wait for that training to finish, or train a copy (Copy-NeuralNetwork).");
            var reporter = new TrainingReporter(this, "Training neural network " + Network.Layers);
            TrainingResult result;
            try
            {
                var prepared = prepare();
                result = new Trainer(model, prepared.Plan, reporter).Train(prepared.Train, prepared.Validation, _cancellation.Token);
            }
            catch (NeuralNetException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, reader?.Original(e.Row) ?? source ?? Network));
                return;
            }
            catch (OperationCanceledException) when (Stopping)
            {
                return;
            }
            finally
            {
                lease.Dispose();
                if (!Stopping) reporter.Complete();
            }
            if (result.Interrupted || Stopping) return;
            if (result.StoppedEarly)
                WriteVerbose($"Stopped early after {result.EpochsRun} epochs; kept the weights of epoch {result.BestEpoch}.");
            WriteObject(Network);
        }
    }
}
