using NeuralNet.Core.Data;
using NeuralNet.Core.Model;

namespace NeuralNet.Core.Persistence.Onnx
{
    /// <summary>
    /// What the ONNX graph is built from, copied out of a trained network. This is the only place the
    /// exporter reads the model's own classes (network, layers, data schema): when those are renamed or
    /// reshaped, <see cref="From"/> is the one function to re-point, and the graph code stays as it is.
    /// </summary>
    internal sealed class ExportedModel
    {
        /// <summary>True when the network's products run in float32 (<see cref="Precision.Single"/>).</summary>
        public bool Single { get; private set; }

        public ExportedLayer[] Layers { get; private set; }

        /// <summary>The original columns in input order; null for a network trained on matrices (no schema).</summary>
        public ExportedFeature[] Features { get; private set; }

        /// <summary>The targets in output order; null for a network trained on matrices.</summary>
        public ExportedTarget[] Targets { get; private set; }

        public int InputWidth => Layers[0].Inputs;

        public int OutputWidth => Layers[Layers.Length - 1].Units;

        public bool HasSchema => Features != null;

        public static ExportedModel From(NeuralNetworkModel model)
        {
            if (model == null || !model.IsBuilt)
                throw new NeuralNetException("NetworkNotTrained", ErrorKind.InvalidOperation,
                    "The network has not been trained yet, so its input and output sizes are unknown and there is nothing to export. " +
                    "Train it with Invoke-NetworkTraining first.");
            var network = model.Network;
            var result = new ExportedModel
            {
                Single = network.Precision == Precision.Single,
                Layers = network.Layers.Select(l => new ExportedLayer(l.Inputs, l.Units, l.Activation,
                    (double[])l.Weights.Clone(), (double[])l.Bias?.Clone(), (int[])l.SoftmaxGroups?.Clone())).ToArray(),
            };
            var schema = model.Schema;
            if (schema == null) return result;
            result.Features = schema.Features.Select(f => new ExportedFeature(f.Name, f.Kind == ColumnKind.Categorical,
                (f as CategoricalFeature)?.Categories.ToArray(), (f as NumericFeature)?.Offset ?? 0, (f as NumericFeature)?.Scale ?? 1)).ToArray();
            result.Targets = schema.Targets.Select(t => new ExportedTarget(t.Name, t.IsClassification, (t as ClassTarget)?.Classes.ToArray(),
                (t as ClassTarget)?.OneSigmoid ?? false, (t as ValueTarget)?.Offset ?? 0, (t as ValueTarget)?.Scale ?? 1, t.Width)).ToArray();
            return result;
        }
    }

    /// <summary>A dense layer: z = x·W (+ b), a = f(z); W is inputs × units, row-major.</summary>
    /// <param name="Inputs">Values each row brings.</param>
    /// <param name="Units">Values each row leaves with.</param>
    /// <param name="Activation">f.</param>
    /// <param name="Weights">W, inputs × units.</param>
    /// <param name="Bias">Null when the layer has no bias.</param>
    /// <param name="SoftmaxGroups">For a softmax over several class targets, each target's width; null for one softmax over all units.</param>
    internal sealed record ExportedLayer(int Inputs, int Units, Activation Activation, double[] Weights, double[] Bias, int[] SoftmaxGroups);

    /// <summary>An original input column: numeric (x − Offset) / Scale, or categorical one-hot in Categories order.</summary>
    internal sealed record ExportedFeature(string Name, bool IsCategorical, string[] Categories, double Offset, double Scale)
    {
        public int Width => IsCategorical ? Categories.Length : 1;
    }

    /// <summary>A target: classes (probabilities and label) or a number (y'·Scale + Offset).</summary>
    /// <param name="Name">The target column.</param>
    /// <param name="IsClassification">Classes, not a number.</param>
    /// <param name="Classes">The class labels in output order (null for a number).</param>
    /// <param name="SingleOutputBinary">Two classes in one sigmoid output, the probability of the second class.</param>
    /// <param name="Offset">What the number's output is shifted by.</param>
    /// <param name="Scale">What the number's output is scaled by.</param>
    /// <param name="Width">How many network outputs the target takes.</param>
    internal sealed record ExportedTarget(string Name, bool IsClassification, string[] Classes, bool SingleOutputBinary, double Offset, double Scale, int Width);
}
