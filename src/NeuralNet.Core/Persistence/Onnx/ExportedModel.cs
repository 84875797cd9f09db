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
                Layers = network.Layers.Select(l => new ExportedLayer
                {
                    Inputs = l.Inputs,
                    Units = l.Units,
                    Activation = l.Activation,
                    Weights = (double[])l.Weights.Clone(),
                    Bias = (double[])l.Bias?.Clone(),
                    SoftmaxGroups = (int[])l.SoftmaxGroups?.Clone(),
                }).ToArray(),
            };
            var schema = model.Schema;
            if (schema == null) return result;
            result.Features = schema.Features.Select(f => new ExportedFeature
            {
                Name = f.Name,
                IsCategorical = f.Kind == ColumnKind.Categorical,
                Categories = (f as CategoricalFeature)?.Categories.ToArray(),
                Offset = (f as NumericFeature)?.Offset ?? 0,
                Scale = (f as NumericFeature)?.Scale ?? 1,
            }).ToArray();
            result.Targets = schema.Targets.Select(t => new ExportedTarget
            {
                Name = t.Name,
                IsClassification = t.IsClassification,
                Classes = (t as ClassTarget)?.Classes.ToArray(),
                SingleOutputBinary = (t as ClassTarget)?.OneSigmoid ?? false,
                Offset = (t as ValueTarget)?.Offset ?? 0,
                Scale = (t as ValueTarget)?.Scale ?? 1,
                Width = t.Width,
            }).ToArray();
            return result;
        }
    }

    /// <summary>A dense layer: z = x·W (+ b), a = f(z); W is inputs × units, row-major.</summary>
    internal sealed class ExportedLayer
    {
        public int Inputs { get; set; }

        public int Units { get; set; }

        public Activation Activation { get; set; }

        public double[] Weights { get; set; }

        /// <summary>Null when the layer has no bias.</summary>
        public double[] Bias { get; set; }

        /// <summary>For a softmax over several class targets, each target's width; null for one softmax over all units.</summary>
        public int[] SoftmaxGroups { get; set; }
    }

    /// <summary>An original input column: numeric (x − Offset) / Scale, or categorical one-hot in Categories order.</summary>
    internal sealed class ExportedFeature
    {
        public string Name { get; set; }

        public bool IsCategorical { get; set; }

        public string[] Categories { get; set; }

        public double Offset { get; set; }

        public double Scale { get; set; }

        public int Width => IsCategorical ? Categories.Length : 1;
    }

    /// <summary>A target: classes (probabilities and label) or a number (y'·Scale + Offset).</summary>
    internal sealed class ExportedTarget
    {
        public string Name { get; set; }

        public bool IsClassification { get; set; }

        public string[] Classes { get; set; }

        /// <summary>Two classes in one sigmoid output, the probability of the second class.</summary>
        public bool SingleOutputBinary { get; set; }

        public double Offset { get; set; }

        public double Scale { get; set; }

        /// <summary>How many network outputs the target takes.</summary>
        public int Width { get; set; }
    }
}
