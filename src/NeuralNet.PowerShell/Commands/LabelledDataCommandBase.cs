namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// What the cmdlets that score a trained network on labelled data share (Test-NeuralNetwork,
    /// Get-NetworkFeatureImportance): the network, the three ways to give rows (the pipeline, -Path, the
    /// matrices), their reading and encoding with the network's schema, and one place where a data error
    /// becomes an ErrorRecord targeting the row it names. A subclass says what it does with the rows.
    /// </summary>
    public abstract class LabelledDataCommandBase : CsvCommandBase, IDisposable
    {
        private protected const string RowsSet = "Rows";
        private protected const string MatrixSet = "Matrix";

        private readonly RowReader _rows = new RowReader();
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        /// <summary>
        /// <para type="description">The trained network. With -Path or the matrices it may come down the pipeline (for example straight from Invoke-NetworkTraining).</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = RowsSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PathSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = MatrixSet)]
        [ValidateNotNull]
        [NeuralNetworkArgument]
        public NeuralNetwork Network { get; set; }

        /// <summary>
        /// <para type="description">Labelled rows (the features and the target properties the network was trained on); accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RowsSet)]
        [AllowNull]
        // object[], not PSObject[], so that an array binds as it is (see RowReader.AddRange).
        public object[] InputObject { get; set; }

        /// <summary>
        /// <para type="description">For a network trained on matrices: its raw inputs as an array of rows (double[][]). Get-NetworkFeatureImportance names each input a column of its own: Input1, Input2, and so on.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] FeatureMatrix { get; set; }

        /// <summary>
        /// <para type="description">The raw targets as an array of rows (double[][]), one per feature row.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] TargetMatrix { get; set; }

        /// <summary>
        /// <para type="description">What to do with a category value training never saw: Error (default) or Ignore.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = PathSet)]
        public UnknownCategoryPolicy UnknownCategory { get; set; } = UnknownCategoryPolicy.Error;

        /// <summary>Stops on Ctrl+C: reading -Path files, and whatever the subclass runs with <see cref="Stop"/>.</summary>
        private protected CancellationToken Stop => _cancellation.Token;

        /// <summary>What the cmdlet does, in the words its messages use: "test", "measure".</summary>
        private protected abstract string Verb { get; }

        /// <summary>What the results are, for the warning about rows left out: "scores", "importances".</summary>
        private protected abstract string Results { get; }

        /// <summary>Whether the cmdlet only reads the network, so others may read it at the same time.</summary>
        private protected virtual bool SharesNetwork => false;

        /// <summary>Works on the encoded rows: writes the results.</summary>
        private protected abstract void Run(DataSet data);

        /// <summary>Collects rows; with -Path or matrices, runs for each network that comes down the pipeline.</summary>
        [MethodImpl(PerRow.Optimized)]
        protected override void ProcessRecord()
        {
            if (ParameterSetName == RowsSet)
            {
                if (InputObject != null) _rows.AddRange(InputObject);
                return;
            }
            RunOnData();
        }

        /// <summary>Runs on the collected rows.</summary>
        protected override void EndProcessing()
        {
            if (ParameterSetName == RowsSet) RunOnData();
        }

        protected override void StopProcessing() => _cancellation.Cancel();

        public void Dispose() => _cancellation.Dispose();

        /// <summary>The column of each row's weight, for a subclass that weighs rows (null: every row counts once).</summary>
        private protected virtual string WeightColumn => null;

        private void RunOnData()
        {
            var model = Network.Model;
            if (!model.IsBuilt) ThrowTerminatingError(ErrorRecords.NotTrained(Network));
            string whatToDo = $"{Capitalised(Verb)} it after that training, or {Verb} a copy (Copy-NeuralNetwork).";
            object target = Network;
            using (SharesNetwork ? ErrorRecords.HoldShared(this, Network, whatToDo) : ErrorRecords.Hold(this, Network, whatToDo))
            {
                try
                {
                    DataSet data;
                    if (ParameterSetName == MatrixSet)
                    {
                        target = FeatureMatrix;
                        data = DataSet.FromMatrices(FeatureMatrix, TargetMatrix);
                        if (data.Inputs != model.Network.InputSize || data.Outputs != model.Network.OutputSize)
                            throw new NeuralNetException("FeatureCountMismatch", ErrorKind.InvalidArgument,
                                $"The network takes {model.Network.InputSize} inputs and gives {model.Network.OutputSize} outputs, but the matrices have {data.Inputs} and {data.Outputs} columns.");
                    }
                    else
                    {
                        if (model.Schema == null)
                            throw new NeuralNetException("NoSchema", ErrorKind.InvalidOperation,
                                $"This network was trained on matrices, so it does not know which properties are features and targets; {Verb} it with -FeatureMatrix and -TargetMatrix.");
                        var table = ParameterSetName == PathSet ? ReadCsv(model.Schema.CategoricalColumns, Stop) : _rows.Table;
                        if (table.RowCount == 0) throw DataErrors.NoRows($"to {Verb} on; pipe labelled rows in or give -Path");
                        data = model.Schema.Encode(table, withTargets: true, UnknownCategory, scoring: true, sampleWeight: WeightColumn);
                        if (data.Rows < table.RowCount)
                            WriteWarning($"{table.RowCount - data.Rows} of {table.RowCount} rows have missing values and were left out, as the network was trained with -MissingValue Skip; the {Results} cover the other {data.Rows}.");
                    }
                    if (data.Rows == 0) throw DataErrors.NoRows($"left to {Verb} on");
                    Run(data);
                }
                catch (NeuralNetException e)
                {
                    ThrowTerminatingError(ErrorRecords.From(e, _rows.Original(e.Row) ?? (ParameterSetName == PathSet ? Path : target)));
                }
            }
        }

        private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word.Substring(1);
    }
}
