namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// What Get-NetworkGradient and Test-NetworkGradient share: a network and labelled data (rows with
    /// -Target, or matrices), mapped to inputs and targets exactly as training maps them. A network that
    /// has never seen rows is first fitted to their schema, as its first training would be.
    /// </summary>
    [BindsOptions(typeof(DataOptions), typeof(TrainingOptions))]
    public abstract class GradientCommandBase : PSCmdlet
    {
        private protected const string RowsSet = "Rows";
        private protected const string MatrixSet = "Matrix";

        private readonly RowReader _rows = new RowReader();

        /// <summary>
        /// <para type="description">The network whose gradients are computed. Its weights are not changed.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        [NeuralNetworkArgument]
        public NeuralNetwork Network { get; set; }

        /// <summary>
        /// <para type="description">Labelled rows (features and targets); accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RowsSet)]
        [AllowNull]
        // object[], not PSObject[], so that an array binds as it is (see RowReader.AddRange).
        public object[] InputObject { get; set; }

        /// <summary>
        /// <para type="description">The target properties of the rows. Default: the targets the network was trained on.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [ValidateNotNullOrEmpty]
        public string[] Target { get; set; }

        /// <summary>
        /// <para type="description">The feature properties, in order, for a network that has not seen rows yet. Default: every property that is not a target.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [ValidateNotNullOrEmpty]
        public string[] Feature { get; set; }

        /// <summary>
        /// <para type="description">The network's raw inputs as an array of rows (double[][]).</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] FeatureMatrix { get; set; }

        /// <summary>
        /// <para type="description">The network's raw targets as an array of rows (double[][]), one per feature row.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] TargetMatrix { get; set; }

        /// <summary>
        /// <para type="description">The loss to differentiate. Default: the loss of the network's last training, else the one training would choose.</para>
        /// </summary>
        [Parameter]
        public Loss Loss { get; set; }

        /// <summary>
        /// <para type="description">L2 penalty λ: adds ½λ‖W‖² (weights only) to the loss, as training with -L2 does.</para>
        /// </summary>
        [Parameter]
        [ValidateOption(typeof(TrainingOptions), nameof(L2))]
        public double L2 { get; set; }

        /// <summary>Collects pipeline rows.</summary>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == RowsSet && InputObject != null) _rows.AddRange(InputObject);
        }

        /// <summary>Maps the data and hands it to <see cref="Compute"/> while holding the network.</summary>
        protected override void EndProcessing()
        {
            var model = Network.Model;
            using (ErrorRecords.Hold(this, Network, "Wait for that training to finish."))
            {
                try
                {
                    var options = BoundOptions.Bind<TrainingOptions>(this);
                    PreparedTraining prepared;
                    if (ParameterSetName == MatrixSet)
                    {
                        prepared = TrainingSetup.Prepare(model, DataSet.FromMatrices(FeatureMatrix, TargetMatrix), options);
                    }
                    else
                    {
                        if (_rows.Count == 0)
                            ThrowTerminatingError(ErrorRecords.Create("NoRows", ErrorCategory.InvalidData, "No rows to compute gradients on; pipe labelled rows in or give -InputObject.", Network));
                        var data = BoundOptions.Bind<DataOptions>(this);
                        if (Target == null && model.Schema == null)
                            ThrowTerminatingError(ErrorRecords.Create("TargetRequired", ErrorCategory.InvalidArgument,
                                "This network has not been trained on rows, so name the target properties with -Target.", Network));
                        if (Target == null) data.Target = Network.Target;
                        prepared = TrainingSetup.Prepare(model, _rows.Table, data, options);
                    }
                    Compute(prepared);
                }
                catch (NeuralNetException e)
                {
                    ThrowTerminatingError(ErrorRecords.From(e, _rows.Original(e.Row) ?? (object)Network));
                }
            }
        }

        /// <summary>Computes and writes the command's output for data mapped as training maps it.</summary>
        private protected abstract void Compute(PreparedTraining prepared);
    }
}
