using NeuralNet.Core.Optimizers;

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
    /// <para type="description">With -CheckpointPath the network is saved while it trains, atomically (the file is always a whole network), every -CheckpointEvery epochs and when training ends or is stopped:
    /// the best epoch's weights when there is validation data, else the latest, with the optimizer state, the options, the history and where the run stands.
    /// After a crash, a kill or Ctrl+C, Import-NeuralNetwork on that file and Invoke-NetworkTraining with the same options continue the run where it stood:
    /// the same shuffles, learning-rate schedule, optimizer moments and early-stopping count, so without validation data the weights come out as an uninterrupted run's.
    /// -Epochs counts the epochs of each call: give the ones left (the planned count minus the network's EpochsTrained). Changing any other option starts a new run from the saved weights.</para>
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
    /// <example>
    /// <code>$rows | Invoke-NetworkTraining -Network $net -Target y -Epochs 200 -CheckpointPath ./run.json -CheckpointEvery 10</code>
    /// <para>Saves the network to ./run.json every 10 epochs and when training ends or Ctrl+C stops it. Each write replaces the file whole, so a crash never leaves half a network.</para>
    /// </example>
    /// <example>
    /// <code>$net = Import-NeuralNetwork ./run.json
    /// $rows | Invoke-NetworkTraining -Network $net -Target y -Epochs (200 - $net.EpochsTrained) -CheckpointPath ./run.json -CheckpointEvery 10</code>
    /// <para>After the process was killed: continues the run from its last checkpoint with the same options, and ends where the uninterrupted 200 epochs would have.</para>
    /// </example>
    /// <example>
    /// <code>$rows | Invoke-NetworkTraining -Network $net -Target species -ClassWeight Balanced -Epochs 200</code>
    /// <para>Weighs each row by n / (k · count of its class), as scikit-learn's compute_class_weight, so a rare class counts as much as a common one: its recall rises, usually at some cost in precision. -ClassWeight @{ virginica = 5; setosa = 1; versicolor = 1 } names the weights instead.</para>
    /// </example>
    /// <example>
    /// <code>$rows | Invoke-NetworkTraining -Network $net -Target species -Dropout 0.2 -ValidationSplit 0.2 -Patience 20 -Epochs 300</code>
    /// <para>Drops a fifth of every hidden layer's outputs while training (never when predicting); -Dropout 0.2,0.5 gives one rate per hidden layer. -SampleWeight w would read each row's weight from its column w.</para>
    /// </example>
    [BindsOptions(typeof(DataOptions), typeof(TrainingOptions), typeof(CheckpointOptions))]
    [Cmdlet(VerbsLifecycle.Invoke, "NetworkTraining", DefaultParameterSetName = RowsSet)]
    [OutputType(typeof(NeuralNetwork))]
    public sealed partial class InvokeNetworkTrainingCommand : CsvCommandBase, IDisposable
    {
        private const string RowsSet = "Rows";
        private const string NetworkPipelineSet = "NetworkPipeline";
        private const string MatrixSet = "Matrix";

        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private RowReader _rows;
        private Checkpoints _checkpoints;
        private NeuralNetwork _checkpointed;

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
            PrepareCheckpoints();
        }

        /// <summary>-CheckpointPath: the file checked before any row is read, so a path that cannot be written fails at once.</summary>
        private void PrepareCheckpoints()
        {
            if (CheckpointPath == null)
            {
                if (MyInvocation.BoundParameters.ContainsKey(nameof(CheckpointEvery)))
                    ThrowTerminatingError(ErrorRecords.Create("CheckpointEveryWithoutPath", ErrorCategory.InvalidArgument,
                        "-CheckpointEvery says how often to save checkpoints, but no -CheckpointPath says where. Give -CheckpointPath ./run.json, or leave out -CheckpointEvery.", CheckpointEvery));
                return;
            }
            var path = FileSystemPaths.Literal(this, CheckpointPath);
            SavedFile.Check(this, path, force: false, noClobber: false);
            _checkpoints = new Checkpoints(new CheckpointFile(path), BoundOptions.Bind<CheckpointOptions>(this));
        }

        /// <summary>Performs execution of the command.</summary>
        [MethodImpl(PerRow.Optimized)]
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
            if (_checkpoints != null && _checkpointed != null && !ReferenceEquals(_checkpointed, Network))
            {
                ThrowTerminatingError(ErrorRecords.Create("SeveralNetworksOneCheckpoint", ErrorCategory.InvalidArgument,
                    $"Several networks came down the pipeline, but the checkpoint file '{CheckpointPath}' holds one network. Train each with its own -CheckpointPath.", Network));
            }
            _checkpointed = Network;
            var lease = ErrorRecords.Hold(this, Network, "Wait for that training to finish, or train a copy (Copy-NeuralNetwork).");
            var reporter = new TrainingReporter(this, "Training neural network " + Network.Layers);
            TrainingResult result;
            PreparedTraining prepared = null;
            try
            {
                prepared = prepare();
                result = new Trainer(model, prepared.Plan, reporter, _checkpoints).Train(prepared.Train, prepared.Validation, _cancellation.Token);
            }
            catch (NeuralNetException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, reader?.Original(e.Row) ?? source ?? Network));
                return;
            }
            catch (FileSaveException e)
            {
                // A checkpoint could not be written: training stopped there, and the network in memory is consistent.
                var error = new ErrorRecord(e, e.ErrorId == "WriteFailed" ? "CheckpointFailed" : e.ErrorId, ErrorRecords.Category(e.Kind), CheckpointPath);
                error.ErrorDetails = new ErrorDetails($"The checkpoint was not saved, so training stopped after epoch {model.EpochsTrained}: {e.Message} The network keeps its weights and can train on.");
                ThrowTerminatingError(error);
                return;
            }
            catch (OperationCanceledException) when (Stopping)
            {
                return;
            }
            finally
            {
                // The rows and the encoded data are done with: their large arrays go back for the next call
                // (first: closing the progress bar throws once the pipeline is stopping).
                prepared?.Train.Release();
                prepared?.Validation?.Release();
                reader?.Release();
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
