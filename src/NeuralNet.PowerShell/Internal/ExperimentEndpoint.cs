using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NeuralNet.Core.Data;
using NeuralNet.Core.Experiments;
using NeuralNet.Core.Training;

namespace NeuralNet.PowerShell
{
    /// <summary>
    /// Runs one run of an experiment inside a remote session: what Invoke-NetworkExperiment -Session
    /// calls on the other machine, with the run's rows and the experiment's options as remoting carries
    /// them. It hands them to the same core code a local run uses (<see cref="RunExecution"/>), so a
    /// score does not depend on where it was computed. Not meant to be called by hand.
    /// </summary>
    public static class ExperimentEndpoint
    {
        /// <summary>Trains and scores the run; returns Score and Seconds, ModelJson for a refit, or ErrorId and Error.</summary>
        /// <param name="index">The configuration's number.</param>
        /// <param name="names">Its parameter names, in order.</param>
        /// <param name="values">Its parameter values.</param>
        /// <param name="fold">The fold scored, or −1 for the refit.</param>
        /// <param name="epochs">The run's epoch budget (a halving rung's, or the configuration's own); 0 for none. A row budget arrives as the rows themselves.</param>
        /// <param name="train">The rows to train on: objects, or for matrices two arrays of rows (features, targets).</param>
        /// <param name="test">The rows to score on, in the same form.</param>
        /// <param name="options">The experiment's bound options (data, training and experiment), by parameter name.</param>
        /// <param name="metric">The metric's name.</param>
        /// <param name="matrix">Whether the rows are matrices.</param>
        public static PSObject Run(int index, string[] names, object[] values, int fold, int epochs, object[] train, object[] test, Hashtable options, string metric, bool matrix)
        {
            var bound = options.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object>((string)e.Key, Internal.BoundOptions.Plain(e.Value))).ToList();
            var configuration = new Configuration(index, names.Select((n, i) => new KeyValuePair<string, object>(n, Internal.BoundOptions.Plain(values[i]))));
            var run = new ExperimentRun(configuration, fold, epochs > 0 ? new RunBudget(BudgetResource.Epochs, epochs) : null);
            var experiment = Core.Options.OptionBinder.Bind(new ExperimentOptions(), bound);
            var training = Core.Options.OptionBinder.Bind(new TrainingOptions(), bound);
            var chosen = (Metric)Enum.Parse(typeof(Metric), metric);
            var outcome = matrix
                ? RunExecution.OnMatrices(run, Matrix(train), Matrix(test), training, experiment.Seed, chosen, default)
                : RunExecution.OnRows(run, Table(train), Table(test), Core.Options.OptionBinder.Bind(new DataOptions(), bound), training, experiment.Seed, chosen, default);
            var result = new PSObject();
            result.Properties.Add(new PSNoteProperty("Score", outcome.Score));
            result.Properties.Add(new PSNoteProperty("Seconds", outcome.Duration.TotalSeconds));
            result.Properties.Add(new PSNoteProperty("ErrorId", outcome.ErrorId));
            result.Properties.Add(new PSNoteProperty("Error", outcome.Error));
            result.Properties.Add(new PSNoteProperty("ModelJson", outcome.Model == null ? null : Core.Persistence.ModelFile.Write(outcome.Model, NeuralNetwork.ModuleVersion, DateTime.UtcNow)));
            return result;
        }

        private static RawTable Table(object[] rows)
        {
            var reader = new Internal.RowReader();
            reader.AddRange(rows ?? new object[0]);
            return reader.Table;
        }

        private static DataSet Matrix(object[] pair) =>
            pair == null || pair.Length < 2 ? null : DataSet.FromMatrices(Rows(pair[0]), Rows(pair[1]));

        private static double[][] Rows(object value) =>
            ((IEnumerable)Internal.BoundOptions.Plain(value)).Cast<object>().Select(r => ((IEnumerable)Internal.BoundOptions.Plain(r)).Cast<object>()
                .Select(v => Convert.ToDouble(Internal.BoundOptions.Plain(v), System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
    }
}
