using NeuralNet.Core.Data;

namespace NeuralNet.Core.Training
{
    /// <summary>How the network's outputs group into targets, which decides the metric of an epoch.</summary>
    public sealed class OutputLayout
    {
        private OutputLayout(IReadOnlyList<OutputGroup> groups)
        {
            Groups = groups;
        }

        public IReadOnlyList<OutputGroup> Groups { get; }

        public bool IsClassification => Groups.Count > 0 && Groups[0].Kind != OutputKind.Value;

        public string MetricName => IsClassification ? "Accuracy" : "RSquared";

        public static OutputLayout From(DataSchema schema)
        {
            var groups = new List<OutputGroup>();
            int offset = 0;
            foreach (var target in schema.Targets)
            {
                var kind = !(target is ClassTarget classes) ? OutputKind.Value : classes.OneSigmoid ? OutputKind.Binary : OutputKind.OneHot;
                groups.Add(new OutputGroup(offset, target.Width, kind));
                offset += target.Width;
            }
            return new OutputLayout(groups);
        }

        /// <summary>Without a schema (matrices): softmax outputs are one class group, sigmoid outputs with a class loss are binary, anything else values.</summary>
        public static OutputLayout From(Activation output, Loss loss, int outputs)
        {
            var groups = new List<OutputGroup>();
            if (output == Activation.Softmax) groups.Add(new OutputGroup(0, outputs, OutputKind.OneHot));
            else if (output == Activation.Sigmoid && loss == Loss.BinaryCrossEntropy)
                for (int j = 0; j < outputs; j++) groups.Add(new OutputGroup(j, 1, OutputKind.Binary));
            else
                for (int j = 0; j < outputs; j++) groups.Add(new OutputGroup(j, 1, OutputKind.Value));
            return new OutputLayout(groups);
        }
    }

    public enum OutputKind
    {
        /// <summary>A number (regression).</summary>
        Value,
        /// <summary>The probability of the second of two classes.</summary>
        Binary,
        /// <summary>One probability per class.</summary>
        OneHot,
    }

    /// <summary>One target's outputs: where they start in an output row, how many, and what they hold.</summary>
    public readonly record struct OutputGroup(int Offset, int Width, OutputKind Kind)
    {
        /// <summary>The predicted class of this group in one output row.</summary>
        [MethodImpl(Hot.Optimize)]
        public int PredictedClass(double[] outputs, int rowOffset)
        {
            int o = rowOffset + Offset;
            if (Kind == OutputKind.Binary) return outputs[o] >= 0.5 ? 1 : 0;
            int best = 0;
            for (int j = 1; j < Width; j++) if (outputs[o + j] > outputs[o + best]) best = j;
            return best;
        }
    }
}
