namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Which configurations an experiment tries, and in what stages: every point of a grid, random
    /// draws from a space (seeded by the experiment's seed), or successive halving over either, with a
    /// budget of epochs or rows. Everything is decided here from the options and the data's shape, so
    /// this machine, remoting sessions and a scheduler's plans all try the same configurations on the
    /// same budgets; whoever runs a stage only executes its runs.
    /// </summary>
    public sealed class ExperimentSearch
    {
        /// <summary>Random configurations drawn when -Trials is not given (scikit-learn's n_iter).</summary>
        public const int DefaultTrials = 10;

        private readonly CrossValidation _experiment;

        private ExperimentSearch(CrossValidation experiment, IReadOnlyList<Configuration> candidates, SuccessiveHalving halving)
        {
            _experiment = experiment;
            Candidates = candidates;
            Halving = halving;
        }

        public SearchMode Mode => _experiment.Options.Search;

        /// <summary>The configurations tried (for halving, those of the first rung), numbered from 1.</summary>
        public IReadOnlyList<Configuration> Candidates { get; }

        /// <summary>The halving schedule; null for a grid or random search.</summary>
        internal SuccessiveHalving Halving { get; }

        /// <summary>What a halving budget counts.</summary>
        public BudgetResource Resource => _experiment.Options.HalvingResource;

        /// <summary>Each rung's candidates and budget; empty outside halving.</summary>
        public IReadOnlyList<(int Candidates, int Budget)> Schedule => Halving?.Schedule ?? new (int, int)[0];

        /// <summary>
        /// Reads the search from the experiment's options: a grid (-ParameterGrid), random draws
        /// (-ParameterSpace, -Trials), or halving over either (-HalvingFactor, -HalvingResource, -MinBudget).
        /// Every configuration is checked before anything runs.
        /// </summary>
        /// <param name="experiment">The folds, options and data the search runs on.</param>
        /// <param name="grid">-ParameterGrid, or null.</param>
        /// <param name="space">-ParameterSpace, or null.</param>
        public static ExperimentSearch Create(CrossValidation experiment, IEnumerable<KeyValuePair<string, object>> grid, IEnumerable<KeyValuePair<string, object>> space)
        {
            var options = experiment.Options;
            var gridEntries = grid?.ToList();
            var spaceEntries = space?.ToList();
            if (gridEntries != null && spaceEntries != null)
                throw Refused("ParameterGridAndSpace", "-ParameterGrid and -ParameterSpace cannot be given together: a grid tries every combination of lists, a space is drawn from. Give one of them.");
            if (options.MinBudget.HasValue && options.Search != SearchMode.Halving)
                throw Refused("MinBudgetNeedsHalving", $"-MinBudget sets the first rung of successive halving; it does nothing with -Search {options.Search}. Add -Search Halving, or leave -MinBudget out.");
            switch (options.Search)
            {
                case SearchMode.Grid:
                    if (spaceEntries != null)
                        throw Refused("SpaceNeedsSearch", "-ParameterSpace is drawn from by -Search Random (or Halving); a grid search takes -ParameterGrid. Add -Search Random, or give the lists as -ParameterGrid.");
                    if (gridEntries == null) throw Refused("ParametersMissing", "Give -ParameterGrid with the values to try, for example @{ HiddenLayers = 4, 8; LearningRate = 0.01, 0.001 }.");
                    if (options.Trials.HasValue)
                        throw Refused("TrialsNeedSearch", "-Trials counts the configurations a random search draws; a grid tries each of its combinations. Add -Search Random with -ParameterSpace, or leave -Trials out.");
                    return new ExperimentSearch(experiment, ParameterGrid.Expand(gridEntries), null);
                case SearchMode.Random:
                    if (gridEntries != null)
                        throw Refused("RandomNeedsSpace", "-Search Random draws from -ParameterSpace, not -ParameterGrid; give the same hashtable as -ParameterSpace (lists are drawn from evenly, and 'LogUniform(1e-4,1e-1)' and the like are distributions).");
                    if (spaceEntries == null) throw Refused("ParametersMissing", "-Search Random needs -ParameterSpace, for example @{ LearningRate = 'LogUniform(1e-4,1e-1)'; HiddenLayers = 8, 16, 32 }.");
                    return new ExperimentSearch(experiment, Draw(spaceEntries, options.Trials ?? DefaultTrials, options.Seed), null);
                default:
                    return Halve(experiment, gridEntries, spaceEntries);
            }
        }

        private static ExperimentSearch Halve(CrossValidation experiment, List<KeyValuePair<string, object>> grid, List<KeyValuePair<string, object>> space)
        {
            var options = experiment.Options;
            if (grid == null && space == null)
                throw Refused("ParametersMissing", "-Search Halving needs the candidates: -ParameterGrid (every combination starts) or -ParameterSpace with -Trials (that many random draws start).");
            if (grid != null && options.Trials.HasValue)
                throw Refused("TrialsNeedSearch", "-Trials counts the random draws halving starts from -ParameterSpace; with -ParameterGrid every combination starts. Leave -Trials out, or give -ParameterSpace.");
            var keys = (grid ?? space).Select(p => p.Key);
            if (options.HalvingResource == BudgetResource.Epochs && keys.Any(k => string.Equals(k, "Epochs", StringComparison.OrdinalIgnoreCase)))
                throw Refused("HalvingVariesBudget", "Successive halving over epochs sets every run's epochs itself, so Epochs cannot be a parameter of the search. Leave it out (-Epochs sets the largest budget), or halve over rows with -HalvingResource Rows.");
            int factor = options.HalvingFactor;
            int max = options.HalvingResource == BudgetResource.Epochs ? experiment.Training.Epochs : experiment.MaxTrainingRows;
            // scikit-learn's 'smallest': one epoch, or two rows per fold and class so every fold's first rung sees each class.
            int smallest = Math.Min(max, options.HalvingResource == BudgetResource.Epochs ? 1 : 2 * experiment.FoldCount * Math.Max(1, experiment.ClassCount));
            IReadOnlyList<Configuration> candidates;
            int min;
            if (grid == null && !options.Trials.HasValue)
            {
                // scikit-learn's 'exhaust' candidates: as many as the budgets can thin to one.
                min = options.MinBudget ?? smallest;
                candidates = Draw(space, SuccessiveHalving.ExhaustingCandidates(min, max), options.Seed);
            }
            else
            {
                candidates = grid != null ? ParameterGrid.Expand(grid) : Draw(space, options.Trials.Value, options.Seed);
                // scikit-learn's 'exhaust' minimum: the last rung the candidates need gets as near the maximum as r·ηᵏ can.
                min = options.MinBudget ?? Math.Max(smallest, max / Power(factor, FloorLog(candidates.Count, factor)));
            }
            if (min > max)
                throw Refused("InvalidHalvingBudget", $"-MinBudget {min} is more than the largest budget, {max} {(options.HalvingResource == BudgetResource.Epochs ? "epochs (-Epochs)" : "rows (the fewest any fold trains on)")}; lower -MinBudget{(options.HalvingResource == BudgetResource.Epochs ? " or raise -Epochs" : "")}.");
            return new ExperimentSearch(experiment, candidates, new SuccessiveHalving(candidates.Count, min, max, factor));
        }

        /// <summary>Random configurations, each checked against its options.</summary>
        private static IReadOnlyList<Configuration> Draw(IEnumerable<KeyValuePair<string, object>> space, int trials, int seed)
        {
            var sample = ParameterSpace.Parse(space).Sample(trials, seed);
            foreach (var configuration in sample) configuration.Check();
            return sample;
        }

        /// <summary>
        /// Runs the search: hands each stage to <paramref name="execute"/> and gathers its outcomes into
        /// one result per configuration (per rung for halving, each carrying its rung and budget, rung by
        /// rung). With Refit, a grid or random search refits every configuration; halving only the winner
        /// (the best of the last rung), with the last rung's epochs. Stops between stages once
        /// <paramref name="token"/> is cancelled, returning the rungs that finished.
        /// </summary>
        /// <param name="execute">Runs a stage's runs and returns their outcomes, calling <see cref="SearchStage.Report"/> for each as it ends.</param>
        /// <param name="token">Cancelled by a stop (Ctrl+C): no new stage starts.</param>
        /// <param name="finished">
        /// Given every result, in the order returned, as soon as it is final: a configuration once its runs
        /// (and those of every configuration before it) have been reported; with halving and Refit, a rung
        /// once it is ranked and the last rung after the winner's refit. After a cancellation only what was
        /// final before it. May be null.
        /// </param>
        public IReadOnlyList<ConfigurationResult> Run(Func<SearchStage, IReadOnlyList<RunOutcome>> execute, CancellationToken token, Action<ConfigurationResult> finished = null)
        {
            finished = finished ?? (r => { });
            if (Halving == null)
            {
                var stage = new SearchStage(_experiment.Runs(Candidates), Candidates, _experiment.FoldCount, null, null, 0);
                stage.Results = new FinishedResults(Candidates, stage.Runs, _experiment.Metric, null, finished);
                var all = _experiment.Aggregate(Candidates, execute(stage));
                if (!token.IsCancellationRequested) stage.Results.HandOutRest(all);
                return all;
            }
            var results = new List<ConfigurationResult>();
            var rung = Halving.First();
            while (true)
            {
                var configurations = rung.Configurations.Select(c => Candidates[c]).ToArray();
                var budget = BudgetOf(rung.Index);
                var stage = new SearchStage(_experiment.Runs(configurations, budget, refit: false), configurations, _experiment.FoldCount, budget, rung.Index, Schedule.Count);
                // With Refit the last rung's winner gains its network afterwards, so rungs are final only once ranked.
                var handOut = new FinishedResults(configurations, stage.Runs, _experiment.Metric, rung.Index, finished);
                if (!_experiment.Options.Refit) stage.Results = handOut;
                var outcomes = execute(stage);
                if (token.IsCancellationRequested) return results;
                var rungResults = _experiment.Aggregate(configurations, outcomes, rung.Index).ToList();
                var scores = rungResults.Select(r => r.OrientedScore).ToArray();
                var next = Halving.Next(rung, scores);
                if (next == null)
                {
                    if (_experiment.Options.Refit)
                    {
                        var winner = Candidates[Halving.Best(rung, scores)];
                        var refit = _experiment.RefitOf(winner, budget);
                        var refitted = execute(new SearchStage(new[] { refit }, new[] { winner }, _experiment.FoldCount, budget, rung.Index, Schedule.Count));
                        if (token.IsCancellationRequested) return results;
                        int at = rungResults.FindIndex(r => r.Configuration.Index == winner.Index);
                        rungResults[at] = ConfigurationResult.Of(winner, _experiment.Metric, outcomes.Concat(refitted), rung.Index);
                    }
                    handOut.HandOutRest(rungResults);
                    results.AddRange(rungResults);
                    return results;
                }
                handOut.HandOutRest(rungResults);
                results.AddRange(rungResults);
                rung = next;
            }
        }

        /// <summary>A halving rung's budget.</summary>
        public RunBudget BudgetOf(int rung) => new RunBudget(Resource, Schedule[rung].Budget);

        private static NeuralNetException Refused(string id, string message) => new NeuralNetException(id, ErrorKind.InvalidArgument, message);

        private static int Power(int b, int k)
        {
            long p = 1;
            for (int i = 0; i < k && p <= int.MaxValue; i++) p *= b;
            return (int)Math.Min(p, int.MaxValue);
        }

        private static int FloorLog(long x, int b)
        {
            int k = 0;
            for (long p = b; p <= x; p *= b) k++;
            return k;
        }
    }
}
