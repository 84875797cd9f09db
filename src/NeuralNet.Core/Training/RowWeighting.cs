using NeuralNet.Core.Data;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Weights training rows by their class (-ClassWeight) on top of their own weights (-SampleWeight).
    /// The class weights are computed once, from the training rows before any validation split, and the
    /// same weights apply to the validation rows, so the validation loss that early stopping watches is
    /// the loss training minimises.
    /// </summary>
    internal static class RowWeighting
    {
        /// <summary>Each class's weight for training on <paramref name="data"/>, or null when classes are not weighted.</summary>
        public static double[] PerClass(ClassWeights weights, DataSet data, OutputLayout layout, DataSchema schema)
        {
            if (weights.IsNone) return null;
            if (!layout.IsClassification)
                throw new NeuralNetException("ClassWeightNeedsClasses", ErrorKind.InvalidArgument,
                    "-ClassWeight weighs class targets, but this network predicts numbers. Leave -ClassWeight out, or weigh rows with -SampleWeight.");
            if (layout.Groups.Count > 1)
                throw new NeuralNetException("ClassWeightNeedsOneTarget", ErrorKind.InvalidArgument,
                    $"-ClassWeight weighs the classes of one target, but the network has {layout.Groups.Count} class targets. Train with one -Target, or weigh rows with -SampleWeight.");
            var group = layout.Groups[0];
            var classOf = new int[data.Rows];
            for (int r = 0; r < data.Rows; r++) classOf[r] = group.PredictedClass(data.Targets, r * data.Outputs);
            var target = schema?.Targets[0] as ClassTarget;
            int count = group.Kind == OutputKind.Binary ? 2 : group.Width;
            var names = target?.Classes ?? Enumerable.Range(0, count).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return weights.PerClass(classOf, names, target?.Name ?? "TargetMatrix");
        }

        /// <summary>The rows with each row's weight multiplied by its class's (unchanged when <paramref name="perClass"/> is null).</summary>
        public static DataSet Apply(DataSet data, double[] perClass, OutputLayout layout)
        {
            if (perClass == null || data == null) return data;
            var group = layout.Groups[0];
            var weights = new double[data.Rows];
            for (int r = 0; r < data.Rows; r++)
                weights[r] = (data.Weights?[r] ?? 1.0) * perClass[group.PredictedClass(data.Targets, r * data.Outputs)];
            return data.WithWeights(weights);
        }
    }
}
