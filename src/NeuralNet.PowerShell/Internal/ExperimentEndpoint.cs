namespace NeuralNet.PowerShell
{
    /// <summary>
    /// Runs one run of an experiment inside a remote session: what Invoke-NetworkExperiment -Session
    /// calls on the other machine. The experiment's rows arrive once per session as CSV text and stay
    /// in this process, under their SHA-256; each run names its training and test rows by number and
    /// hands them to the same core code a local run uses (<see cref="RunExecution"/>), so a score does
    /// not depend on where it was computed. Not meant to be called by hand.
    /// </summary>
    public static class ExperimentEndpoint
    {
        /// <summary>The error id of a run whose session holds no copy of the rows: the caller sends them again.</summary>
        public const string DataNotHeld = "ExperimentDataNotHeld";

        /// <summary>Rows kept for later runs, by SHA-256; the newest few only (one experiment uses one).</summary>
        private static readonly List<KeyValuePair<string, (RawTable Table, DataSet Matrices)>> Held = new List<KeyValuePair<string, (RawTable, DataSet)>>();
        private const int HeldAtMost = 2;

        /// <summary>Trains and scores the run; returns Score and Seconds, ModelJson for a refit, or ErrorId and Error.</summary>
        /// <param name="data">The rows: Sha256, Text (null once this session holds them), Kind (Rows or Matrix), TextColumns, Features, Targets.</param>
        /// <param name="index">The configuration's number.</param>
        /// <param name="names">Its parameter names, in order.</param>
        /// <param name="values">Its parameter values.</param>
        /// <param name="fold">The fold scored, or −1 for the refit.</param>
        /// <param name="epochs">The run's epoch budget (a halving rung's, or the configuration's own); 0 for none. A row budget arrives as the rows themselves.</param>
        /// <param name="train">The numbers (0-based) of the rows to train on.</param>
        /// <param name="test">The numbers of the rows to score on.</param>
        /// <param name="options">The experiment's bound options (data, training and experiment), by parameter name.</param>
        /// <param name="metric">The metric's name.</param>
        public static PSObject Run(Hashtable data, int index, string[] names, object[] values, int fold, int epochs, int[] train, int[] test, Hashtable options, string metric)
        {
            var result = new PSObject();
            void Add(string name, object value) => result.Properties.Add(new PSNoteProperty(name, value));
            var rows = Rows(data);
            if (rows == null)
            {
                Add("ErrorId", DataNotHeld);
                Add("Error", "this session does not hold the experiment's rows");
                return result;
            }
            var bound = options.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object>((string)e.Key, Internal.BoundOptions.Plain(e.Value))).ToList();
            var configuration = new Configuration(index, names.Select((n, i) => new KeyValuePair<string, object>(n, Internal.BoundOptions.Plain(values[i]))));
            var run = new ExperimentRun(configuration, fold, epochs > 0 ? new RunBudget(BudgetResource.Epochs, epochs) : null);
            var experiment = Core.Options.OptionBinder.Bind(new ExperimentOptions(), bound);
            var training = Core.Options.OptionBinder.Bind(new TrainingOptions(), bound);
            var chosen = (Metric)Enum.Parse(typeof(Metric), metric);
            var outcome = rows.Value.Matrices != null
                ? RunExecution.OnMatrices(run, DataSplit.Subset(rows.Value.Matrices, train), DataSplit.Subset(rows.Value.Matrices, test), training, experiment.Seed, chosen, default)
                : RunExecution.OnRows(run, rows.Value.Table.Subset(train), rows.Value.Table.Subset(test), Core.Options.OptionBinder.Bind(new DataOptions(), bound), training, experiment.Seed, chosen, default);
            Add("Score", outcome.Score);
            Add("Seconds", outcome.Duration.TotalSeconds);
            Add("ErrorId", outcome.ErrorId);
            Add("Error", outcome.Error);
            Add("ModelJson", outcome.Model == null ? null : Core.Persistence.ModelFile.Write(outcome.Model, NeuralNetwork.ModuleVersion, DateTime.UtcNow));
            return result;
        }

        /// <summary>The rows the call names: read from its text (and kept), or kept from an earlier call; null when neither.</summary>
        private static (RawTable Table, DataSet Matrices)? Rows(Hashtable data)
        {
            string Text(string key) => Internal.BoundOptions.Plain(data[key]) as string;
            var sha = Text("Sha256");
            lock (Held)
            {
                foreach (var held in Held)
                    if (held.Key == sha) return held.Value;
            }
            var text = Text("Text");
            if (text == null) return null;
            var kind = (PlanSourceKind)Enum.Parse(typeof(PlanSourceKind), Text("Kind"));
            var columns = ((IEnumerable)Internal.BoundOptions.Plain(data["TextColumns"]) ?? new object[0]).Cast<object>().Select(c => Convert.ToString(Internal.BoundOptions.Plain(c), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            int Number(string key) => Convert.ToInt32(Internal.BoundOptions.Plain(data[key]), System.Globalization.CultureInfo.InvariantCulture);
            var rows = PlanSource.Shipped(kind, text, columns, Number("Features"), Number("Targets")).ReadContent(default);
            lock (Held)
            {
                Held.Add(new KeyValuePair<string, (RawTable, DataSet)>(sha, rows));
                while (Held.Count > HeldAtMost) Held.RemoveAt(0);
            }
            return rows;
        }
    }
}
