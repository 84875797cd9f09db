using System.Diagnostics;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Trains and scores one run of an experiment on the rows it is given, exactly as New-NeuralNetwork,
    /// Invoke-NetworkTraining and Test-NeuralNetwork would: the same code whether the run is local, on
    /// a remote session or a scheduler's task. A data or option error ends the run as a failure with
    /// the module's error; the experiment goes on.
    /// </summary>
    public static class RunExecution
    {
        /// <summary>A run on rows: trains a new network on <paramref name="train"/> and scores it on <paramref name="test"/> (ignored for a refit).</summary>
        public static RunOutcome OnRows(ExperimentRun run, RawTable train, RawTable test, DataOptions data, TrainingOptions training, int seed, Metric metric, CancellationToken token)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var model = NeuralNetworkModel.Create(run.Configuration.Network(seed).ToSpec());
                var options = TrainingFor(run, training, seed);
                var dataOptions = run.Configuration.Data(data);
                var prepared = TrainingSetup.Prepare(model, train, dataOptions, options);
                Train(model, prepared, token);
                if (run.IsRefit) return RunOutcome.Refitted(run, model, clock.Elapsed);
                var scored = model.Schema.Encode(test, withTargets: true, dataOptions.UnknownCategory, scoring: true);
                return RunOutcome.Scored(run, Score(model, scored, prepared.Plan.Loss, metric), clock.Elapsed);
            }
            catch (NeuralNetException e)
            {
                return RunOutcome.Failed(run, e.ErrorId, e.Message, clock.Elapsed);
            }
        }

        /// <summary>A run on raw matrices (network inputs and targets, no schema).</summary>
        public static RunOutcome OnMatrices(ExperimentRun run, DataSet train, DataSet test, TrainingOptions training, int seed, Metric metric, CancellationToken token)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var model = NeuralNetworkModel.Create(run.Configuration.Network(seed).ToSpec());
                var prepared = TrainingSetup.Prepare(model, train, TrainingFor(run, training, seed));
                Train(model, prepared, token);
                if (run.IsRefit) return RunOutcome.Refitted(run, model, clock.Elapsed);
                return RunOutcome.Scored(run, Score(model, test, prepared.Plan.Loss, metric), clock.Elapsed);
            }
            catch (NeuralNetException e)
            {
                return RunOutcome.Failed(run, e.ErrorId, e.Message, clock.Elapsed);
            }
        }

        /// <summary>
        /// The experiment's training options under the configuration's, seeded by the experiment unless
        /// the configuration seeds it; an epoch budget (a halving rung's) has the last word.
        /// </summary>
        private static TrainingOptions TrainingFor(ExperimentRun run, TrainingOptions training, int seed)
        {
            var experiment = training.Clone();
            experiment.Seed = experiment.Seed ?? seed;
            var options = run.Configuration.Training(experiment);
            if (run.Budget?.Resource == BudgetResource.Epochs) options.Epochs = run.Budget.Amount;
            return options;
        }

        private static void Train(NeuralNetworkModel model, PreparedTraining prepared, CancellationToken token)
        {
            var result = new Trainer(model, prepared.Plan, null).Train(prepared.Train, prepared.Validation, token);
            if (result.Interrupted) throw new OperationCanceledException(token);
        }

        /// <summary>The metric of the first target, as Test-NeuralNetwork reports it.</summary>
        private static double Score(NeuralNetworkModel model, DataSet test, Loss loss, Metric metric)
        {
            if (test.Rows == 0) throw DataErrors.NoRows("left to score on");
            return Metrics.Of(Evaluation.EvaluateAll(model, test, loss)[0], metric);
        }
    }
}
