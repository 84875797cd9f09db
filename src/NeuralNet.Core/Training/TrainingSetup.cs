using NeuralNet.Core.Data;
using NeuralNet.Core.Model;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Everything done before the first batch: the options validated, the schema fitted on the first
    /// training from rows, the network built to the data's widths, the choices left open made by the
    /// <see cref="Resolver"/>, and the validation split. Later calls reuse the schema and the sizes.
    /// Nothing here decides a default itself.
    /// </summary>
    public static class TrainingSetup
    {
        /// <summary>Prepares training on rows, fitting the schema (and building the network) on the first training.</summary>
        public static PreparedTraining Prepare(NeuralNetworkModel model, RawTable table, DataOptions data, TrainingOptions options, RawTable validationTable = null)
        {
            options.Validate();
            var weightColumn = Resolver.SampleWeightFor(options.SampleWeight, model.LastOptions);
            if (weightColumn != null && options.SampleWeight == null && table.IndexOf(weightColumn) < 0)
                throw DataErrors.SampleWeightNotFound(weightColumn, table.Columns, carried: true);
            var schema = model.Schema ?? FitSchema(model, table, data, options, weightColumn);
            if (model.Schema != null && data.Target != null && data.Target.Length > 0 &&
                !data.Target.SequenceEqual(schema.Targets.Select(t => t.Name), System.StringComparer.OrdinalIgnoreCase))
                throw DataErrors.TargetMismatch(schema.Targets.Select(t => t.Name), data.Target);
            var train = schema.Encode(table, withTargets: true, sampleWeight: weightColumn);
            var validation = validationTable != null ? schema.Encode(validationTable, withTargets: true, sampleWeight: weightColumn) : null;
            return Finish(model, train, validation, options);
        }

        /// <summary>Prepares training on matrices: raw network inputs and targets, no schema.</summary>
        public static PreparedTraining Prepare(NeuralNetworkModel model, DataSet data, TrainingOptions options, DataSet validation = null)
        {
            options.Validate();
            if (!string.IsNullOrWhiteSpace(options.SampleWeight))
                throw new NeuralNetException("SampleWeightNeedsRows", ErrorKind.InvalidArgument,
                    "-SampleWeight names a column of rows, but this training is on -FeatureMatrix. Train on rows (-InputObject or -Path) to weigh them.");
            var output = model.IsBuilt ? model.Network.OutputLayer.Activation : Resolver.OutputActivationFor(model.Spec, options.Loss);
            EnsureBuilt(model, data.Inputs, data.Outputs, output);
            if (validation != null) EnsureBuilt(model, validation.Inputs, validation.Outputs, output);
            return Finish(model, data, validation, options);
        }

        /// <summary>The schema of a network's first training, with the network built to its widths.</summary>
        private static DataSchema FitSchema(NeuralNetworkModel model, RawTable table, DataOptions given, TrainingOptions options, string weightColumn)
        {
            var data = given.Clone();
            data.Task = Resolver.TaskFor(given.Task, options.Loss);
            data.Scaling = Resolver.ScalingFor(given.Scaling, model.Spec);
            var schema = SchemaInference.Fit(table, data, weightColumn);
            var output = Resolver.OutputActivationFor(model.Spec, schema.Targets, options.Loss);
            schema = SchemaInference.WithOutputs(schema, table, output, model.Spec.OutputSize);
            var groups = output == Activation.Softmax && schema.Targets.Count > 1 ? schema.Targets.Select(t => t.Width).ToArray() : null;
            EnsureBuilt(model, schema.InputWidth, schema.OutputWidth, output, groups);
            model.Schema = schema;
            return schema;
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
                throw DataErrors.FeatureCountMismatch(model.Network.InputSize, inputs, "Give rows with the features the network was built for (select them with -Feature).");
            if (model.Network.OutputSize != outputs)
                throw DataErrors.TargetCountMismatch(model.Network.OutputSize, outputs, "Check -Target or -TargetMatrix.");
        }

        /// <summary>The plan for a built network: the open choices made, and the validation rows split off when asked.</summary>
        private static PreparedTraining Finish(NeuralNetworkModel model, DataSet data, DataSet validation, TrainingOptions options)
        {
            var plan = Plan(model, options);
            var perClass = RowWeighting.PerClass(plan.ClassWeight, data, plan.Layout, model.Schema);
            data = RowWeighting.Apply(data, perClass, plan.Layout);
            validation = RowWeighting.Apply(validation, perClass, plan.Layout);
            if (validation == null && options.ValidationSplit > 0)
                (data, validation) = DataSplit.Split(data, options.ValidationSplit, plan.Seed, plan.Layout);
            return new PreparedTraining(data, validation, plan);
        }

        /// <summary>The resolved plan of a training (or of a gradient, which differentiates the loss training would use).</summary>
        public static TrainingPlan Plan(NeuralNetworkModel model, TrainingOptions options)
        {
            var network = model.Network;
            var previous = model.LastOptions;
            var schema = model.Schema;
            bool classification = schema?.IsClassification ?? false;
            var loss = Resolver.LossFor(options.Loss, previous, network.OutputLayer.Activation, classification);
            var optimizer = Resolver.OptimizerFor(options.Optimizer, previous, loss);
            var rate = Resolver.CarriedLearningRate(options.LearningRate, previous, optimizer);
            var layout = schema != null ? OutputLayout.From(schema) : OutputLayout.From(network.OutputLayer.Activation, loss, network.OutputSize);
            return new TrainingPlan(options, loss, optimizer, rate, Resolver.SeedFor(options.Seed, model.Spec), layout,
                Resolver.ClassWeightFor(options.ClassWeight, previous), Resolver.SampleWeightFor(options.SampleWeight, previous),
                Resolver.DropoutFor(options.Dropout, previous, network.Layers.Count - 1));
        }
    }
}
