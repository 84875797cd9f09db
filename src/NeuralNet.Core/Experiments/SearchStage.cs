namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Runs a search hands to its executor at once: every run of a grid or a random search, one rung of
    /// successive halving, or the halving winner's refit. Whoever executes them (this machine's threads,
    /// remoting sessions) returns their outcomes; the search decides what comes next.
    /// </summary>
    public sealed class SearchStage
    {
        internal SearchStage(IReadOnlyList<ExperimentRun> runs, IReadOnlyList<Configuration> configurations, int foldCount, RunBudget budget, int? rung, int rungCount)
        {
            Runs = runs;
            Configurations = configurations;
            FoldCount = foldCount;
            Budget = budget;
            Rung = rung;
            RungCount = rungCount;
        }

        public IReadOnlyList<ExperimentRun> Runs { get; }

        public IReadOnlyList<Configuration> Configurations { get; }

        public int FoldCount { get; }

        /// <summary>The rung's budget; null when each configuration trains for its own epochs.</summary>
        public RunBudget Budget { get; }

        /// <summary>The halving rung (from 0), or null.</summary>
        public int? Rung { get; }

        public int RungCount { get; }

        /// <summary>Where <see cref="Report"/> sends outcomes; null when the search hands its results out only at the end.</summary>
        internal FinishedResults Results { get; set; }

        /// <summary>
        /// Tells the search that one of the stage's runs has ended. Executors call it for each outcome, on
        /// the thread where results should appear: a search given a listener hands a configuration's
        /// result to it as soon as the configuration (and every one before it) is complete.
        /// </summary>
        public void Report(RunOutcome outcome) => Results?.Add(outcome);

        /// <summary>Only the halving winner's training on every row.</summary>
        public bool IsRefit => Runs.Count > 0 && Runs.All(r => r.IsRefit);

        /// <summary>"24 configurations × 3 folds", "rung 2 of 4: 9 configurations × 3 folds on 9 epochs", as a progress bar says it.</summary>
        public string Description
        {
            get
            {
                if (IsRefit) return $"the winner, configuration {Configurations[0].Index}, refit on all rows";
                string what = $"{Configurations.Count} configuration{(Configurations.Count == 1 ? "" : "s")} × {(FoldCount == 1 ? "1 hold-out split" : FoldCount + " folds")}";
                return Rung == null ? what : $"rung {Rung + 1} of {RungCount}: {what} on {Budget}";
            }
        }
    }
}
