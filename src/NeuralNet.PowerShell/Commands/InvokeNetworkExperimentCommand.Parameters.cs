using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;

namespace NeuralNet.PowerShell.Commands
{
    /// <summary>Invoke-NetworkExperiment's parameters: the data, the search, the folds, where it runs, and the plan modes.</summary>
    public sealed partial class InvokeNetworkExperimentCommand
    {
        private const string RowsSet = "Rows";
        private const string MatrixSet = "Matrix";
        private const string TaskSet = "Task";
        private const string NextRungSet = "NextRung";

        private readonly RowReader _rows = new RowReader();
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private ExperimentSessions _sessions;

        /// <summary>
        /// <para type="description">Labelled rows (features and targets); accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RowsSet)]
        [AllowNull]
        // object[], not PSObject[], so that an array binds as it is (see RowReader.AddRange).
        public object[] InputObject { get; set; }

        /// <summary>
        /// <para type="description">Network inputs as an array of rows (double[][]), with -TargetMatrix.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] FeatureMatrix { get; set; }

        /// <summary>
        /// <para type="description">Network targets as an array of rows (double[][]), one per -FeatureMatrix row.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = MatrixSet)]
        public double[][] TargetMatrix { get; set; }

        /// <summary>
        /// <para type="description">The target properties of the rows. The first one's classes stratify the folds.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = RowsSet)]
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CsvColumnCompleter))]
        public string[] Target { get; set; }

        /// <summary>
        /// <para type="description">Parameter names of New-NeuralNetwork or Invoke-NetworkTraining, or data options (MissingValue, UnknownCategory, Scaling, Categorical, Task), each with a list of values to try, for example @{ HiddenLayers = 4, 8; LearningRate = 0.01, 0.001 }.
        /// A value that is itself a list (HiddenLayers = (16, 8)) is one alternative when written as ,(16, 8). A value that does not fit its parameter is an error before any run starts.
        /// With -Search Halving, the grid's configurations are the candidates of the first rung.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNull]
        public Hashtable ParameterGrid { get; set; }

        /// <summary>
        /// <para type="description">The space -Search Random (or Halving) draws configurations from: each key a parameter, as in -ParameterGrid; each value a list (each item equally likely), one fixed value,
        /// or a distribution written as text: 'Uniform(a,b)' (a number between a and b), 'LogUniform(a,b)' (a, b greater than 0; uniform in the logarithm, so each decade is equally likely) or 'IntUniform(a,b)' (a whole number from a to b).
        /// Numbers are read with a dot for decimals whatever the culture. For example @{ LearningRate = 'LogUniform(1e-4,1e-1)'; HiddenLayers = 8, 16, 32, 64; L2 = 'Uniform(0,0.01)' }.
        /// A distribution an option cannot take (Uniform for the whole-number Epochs, bounds outside its range) is an error before anything is drawn.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNull]
        public Hashtable ParameterSpace { get; set; }

        /// <summary>
        /// <para type="description">How configurations are chosen: Grid (every combination of -ParameterGrid), Random (-Trials draws from -ParameterSpace), or Halving (successive halving over the grid's configurations,
        /// or over -Trials draws from the space: every candidate on a small budget, the best 1/-HalvingFactor on a budget that many times larger, and so on).</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        public SearchMode Search { get; set; }

        /// <summary>
        /// <para type="description">Random: how many configurations to draw (10 when not given); a space of lists only that has fewer combinations gives each once. Halving over -ParameterSpace: how many candidates start
        /// (when not given, as many as the budgets can thin down to one: -Epochs divided by -MinBudget).</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateOption(typeof(ExperimentOptions), nameof(Trials))]
        public int Trials { get; set; }

        /// <summary>
        /// <para type="description">Halving: each rung keeps the best 1/factor of its configurations and gives them factor times its budget (η in the literature).</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateOption(typeof(ExperimentOptions), nameof(HalvingFactor))]
        public int HalvingFactor { get; set; }

        /// <summary>
        /// <para type="description">Halving: what the budget counts. Epochs: every rung trains on all of a fold's training rows, for more epochs each rung, up to -Epochs.
        /// Rows: every rung trains for -Epochs on more of the fold's training rows (a subset stratified by class), up to all of them.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        public BudgetResource HalvingResource { get; set; }

        /// <summary>
        /// <para type="description">Halving: the first rung's budget (epochs or rows). When not given it is chosen so that the last rung gets as much of the largest budget as the schedule allows
        /// (scikit-learn's 'exhaust'), and at least 1 epoch, or 2 rows per fold and class.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateOption(typeof(ExperimentOptions), nameof(MinBudget))]
        public int MinBudget { get; set; }

        /// <summary>
        /// <para type="description">k-fold cross-validation: each configuration is trained k times, each time scored on another fold (stratified by class). Ignored with -ValidationSplit.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateOption(typeof(ExperimentOptions), nameof(Folds))]
        public int Folds { get; set; }

        /// <summary>
        /// <para type="description">Instead of folds, score each configuration once on this share (0 to 1) of the rows, held out (stratified by class).</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateOption(typeof(ExperimentOptions), nameof(ValidationSplit))]
        public double ValidationSplit { get; set; }

        /// <summary>
        /// <para type="description">The score, as Test-NeuralNetwork reports it: Accuracy, MacroF1 or LogLoss for classes; MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError or RSquared for numbers; Loss for either.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        public Metric Metric { get; set; }

        /// <summary>
        /// <para type="description">Seeds the folds, the networks' weights and the shuffling (unless the grid varies Seed), and the draws of a random search.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        public int Seed { get; set; }

        /// <summary>
        /// <para type="description">Passes over the training rows in every run, unless the grid varies Epochs; with -Search Halving over epochs, the largest budget (the last rung's at most).</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateOption(typeof(TrainingOptions), nameof(Epochs))]
        public int Epochs { get; set; }

        /// <summary>
        /// <para type="description">What to do with empty cells: Error, Skip the row, or fill in the training Mean (as Invoke-NetworkTraining -MissingValue). Also a grid key.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = PathSet)]
        public MissingValuePolicy MissingValue { get; set; }

        /// <summary>
        /// <para type="description">What a fold's network does with a category its training rows never had: Error, or Ignore (encode it as none of the known ones). Data where a category appears in one fold only needs Ignore. Also a grid key.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = PathSet)]
        public UnknownCategoryPolicy UnknownCategory { get; set; }

        /// <summary>
        /// <para type="description">How many runs (or, with -TaskIndex, tasks of a plan) go at once on this machine's cores. Default: the number of processors.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = TaskSet)]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

        /// <summary>
        /// <para type="description">PowerShell remoting sessions (New-PSSession, over WinRM or SSH) to spread the runs over, one at a time per session, instead of this machine's cores. A session that closes hands its run to the others.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public PSSession[] Session { get; set; }

        /// <summary>
        /// <para type="description">Also train each configuration on all rows and put that network in the result's Network property; with -Search Halving, only the winner (the best of the last rung), on the last rung's epochs.
        /// Not with -PlanPath: Get-NetworkExperimentResult -Refit trains the best configuration of a plan.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        public SwitchParameter Refit { get; set; }

        /// <summary>
        /// <para type="description">A plan's folder. With rows, a file or matrices: write the experiment there as a plan instead of running it (the folder is created; writing the same plan again changes nothing, a different plan there is refused with PlanExists), and output the plan: PlanPath, Tasks and ArrayRange (0-(Tasks-1)) to submit.
        /// Alone (or with -TaskIndex): run one task of the plan there. With -NextRung: plan the next rung of a halving search.</para>
        /// </summary>
        [Parameter(ParameterSetName = RowsSet)]
        [Parameter(ParameterSetName = MatrixSet)]
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(Mandatory = true, ParameterSetName = TaskSet)]
        [Parameter(Mandatory = true, ParameterSetName = NextRungSet)]
        [ValidateNotNullOrEmpty]
        public string PlanPath { get; set; }

        /// <summary>
        /// <para type="description">The task of the plan to run, from 0 (task = configuration × folds + fold). When not given, read from the environment: SLURM_ARRAY_TASK_ID (a Slurm job array),
        /// JOB_COMPLETION_INDEX (a Kubernetes Indexed Job), AZ_BATCH_TASK_ID (Azure Batch: the number the task's id ends in, as in task-7) or PBS_ARRAY_INDEX (PBS), in that order.
        /// The result goes to results/N.json in the plan's folder; when it is there already, the task does nothing.
        /// Several tasks (-TaskIndex 8..15) run in this one process, -ThrottleLimit at a time, after reading the data once: for many short tasks, one array element can run a block of them.</para>
        /// </summary>
        [Parameter(ParameterSetName = TaskSet)]
        [ValidateRange(0, int.MaxValue)]
        [ValidateNotNullOrEmpty]
        public int[] TaskIndex { get; set; }

        /// <summary>
        /// <para type="description">For a plan written with -Search Halving: rank the latest rung (every one of its tasks must have its result) and write the next rung's plan into rung-N of the plan's folder, which is output;
        /// nothing is output once the last rung is done. Running it again before the new rung's tasks ran outputs the same rung again.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = NextRungSet)]
        public SwitchParameter NextRung { get; set; }
    }
}
