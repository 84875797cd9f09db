using System;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;

namespace NeuralNet.Core.Training
{
    /// <summary>Data ready to train on: encoded training and validation sets, the metric layout and fully resolved options.</summary>
    public sealed class PreparedTraining
    {
        public DataSet Train { get; set; }

        public DataSet Validation { get; set; }

        public OutputLayout Layout { get; set; }

        public TrainingOptions Options { get; set; }
    }

    /// <summary>
    /// Everything decided before the first batch: the task (classes or numbers), the output activation
    /// and loss when the user chose none, the schema on first training, the network's sizes, and the
    /// validation split. Later calls reuse the schema and the network's sizes.
    /// </summary>
    public static class TrainingSetup
    {
        /// <summary>Prepares training on rows, fitting the schema on the first training.</summary>
        public static PreparedTraining Prepare(NeuralNetworkModel model, RawTable table, SchemaOptions schemaOptions,
            TrainingOptions options, double validationSplit = 0, RawTable validationTable = null)
        {
            options = options.Clone();
            if (schemaOptions.Task == TaskKind.Auto && options.Loss.HasValue)
                schemaOptions.Task = IsRegressionLoss(options.Loss.Value) ? TaskKind.Regression : TaskKind.Classification;

            var schema = model.Schema;
            if (schema == null)
            {
                schema = DataSchema.Fit(table, schemaOptions);
                var output = model.Spec.OutputActivation ?? DefaultOutputActivation(schema, options.Loss, model.Spec.OutputSize);
                schema.FitOutputs(table, output, model.Spec.OutputSize);
                var data = schema.Encode(table, withTargets: true);
                var groups = output == Activation.Softmax && schema.Targets.Length > 1 ? schema.Targets.Select(t => t.Width).ToArray() : null;
                EnsureBuilt(model, schema.InputWidth, schema.OutputWidth, output, groups);
                model.Schema = schema;
                return Finish(model, data, validationTable != null ? schema.Encode(validationTable, true) : null, options, validationSplit);
            }

            var expected = schema.Targets.Select(t => t.Name).ToArray();
            if (schemaOptions.Targets != null && schemaOptions.Targets.Length > 0 &&
                !schemaOptions.Targets.SequenceEqual(expected, StringComparer.OrdinalIgnoreCase))
                throw new NeuralNetException("TargetMismatch", ErrorKind.InvalidArgument,
                    $"This network was trained to predict {string.Join(", ", expected.Select(t => "'" + t + "'"))}, but -Target names " +
                    $"{string.Join(", ", schemaOptions.Targets.Select(t => "'" + t + "'"))}. Create a new network for another target.");
            return Finish(model, schema.Encode(table, true), validationTable != null ? schema.Encode(validationTable, true) : null, options, validationSplit);
        }

        /// <summary>Prepares training on matrices: raw network inputs and targets, no schema.</summary>
        public static PreparedTraining Prepare(NeuralNetworkModel model, DataSet data, TrainingOptions options,
            double validationSplit = 0, DataSet validation = null)
        {
            options = options.Clone();
            if (!model.IsBuilt)
            {
                var output = model.Spec.OutputActivation ?? (options.Loss == Loss.CrossEntropy ? Activation.Softmax
                    : options.Loss == Loss.BinaryCrossEntropy ? Activation.Sigmoid : Activation.Identity);
                EnsureBuilt(model, data.Inputs, data.Outputs, output);
            }
            else
            {
                EnsureBuilt(model, data.Inputs, data.Outputs, model.Network.OutputLayer.Activation);
            }
            if (validation != null) EnsureBuilt(model, validation.Inputs, validation.Outputs, model.Network.OutputLayer.Activation);
            return Finish(model, data, validation, options, validationSplit);
        }

        public static bool IsRegressionLoss(Loss loss) =>
            loss == Loss.SumSquaredError || loss == Loss.MeanSquaredError || loss == Loss.Huber;

        private static Activation DefaultOutputActivation(DataSchema schema, Loss? loss, int? fixedOutputSize)
        {
            if (loss == Loss.CrossEntropy) return Activation.Softmax;
            if (loss == Loss.BinaryCrossEntropy) return Activation.Sigmoid;
            if (!schema.IsClassification) return Activation.Identity;
            bool binary = schema.Targets.All(t => t.Classes.Length == 2) && !(schema.Targets.Length == 1 && fixedOutputSize == 2);
            return binary ? Activation.Sigmoid : Activation.Softmax;
        }

        /// <summary>Builds the layers for the data's widths, or checks that existing layers fit them.</summary>
        private static void EnsureBuilt(NeuralNetworkModel model, int inputs, int outputs, Activation output, int[] groups = null)
        {
            if (!model.IsBuilt)
            {
                model.Build(inputs, outputs, output, groups);
                return;
            }
            if (model.Network.InputSize != inputs)
                throw new NeuralNetException("FeatureCountMismatch", ErrorKind.InvalidArgument,
                    $"The network takes {model.Network.InputSize} inputs but the data has {inputs} feature values per row. " +
                    "Give rows with the features the network was built for (select them with -Feature).");
            if (model.Network.OutputSize != outputs)
                throw new NeuralNetException("TargetCountMismatch", ErrorKind.InvalidArgument,
                    $"The network has {model.Network.OutputSize} outputs but the targets need {outputs}. Check -Target or -TargetMatrix.");
        }

        private static PreparedTraining Finish(NeuralNetworkModel model, DataSet data, DataSet validation, TrainingOptions options, double validationSplit)
        {
            var network = model.Network;
            if (!options.Loss.HasValue)
            {
                options.Loss = model.LastOptions?.Loss ?? (network.OutputLayer.Activation == Activation.Softmax ? Loss.CrossEntropy
                    : network.OutputLayer.Activation == Activation.Sigmoid && model.Schema != null && model.Schema.IsClassification ? Loss.BinaryCrossEntropy
                    : Loss.MeanSquaredError);
            }
            if (!options.Optimizer.HasValue)
            {
                options.Optimizer = model.LastOptions?.Optimizer ??
                    (options.Loss == Loss.SumSquaredError ? Optimizers.OptimizerKind.GradientDescent : Optimizers.OptimizerKind.Adam);
            }
            if (!options.LearningRate.HasValue && model.LastOptions?.Optimizer == options.Optimizer)
                options.LearningRate = model.LastOptions.LearningRate;
            var layout = model.Schema != null ? OutputLayout.From(model.Schema) : OutputLayout.From(network.OutputLayer.Activation, options.Loss.Value, network.OutputSize);
            if (validation == null && validationSplit > 0)
            {
                (data, validation) = DataSplit.Split(data, validationSplit, options.Seed ?? model.Spec.Seed, layout);
            }
            return new PreparedTraining { Train = data, Validation = validation, Layout = layout, Options = options };
        }
    }
}
