namespace NeuralNet.Core.Data
{
    /// <summary>A decoded prediction for one target of one row.</summary>
    public sealed class TargetPrediction
    {
        public TargetPrediction(string target, double value)
        {
            Target = target;
            Value = value;
        }

        public TargetPrediction(string target, IReadOnlyList<string> classNames, int classIndex, double[] probabilities)
        {
            Target = target;
            ClassNames = classNames;
            Label = classNames[classIndex];
            ClassIndex = classIndex;
            Probabilities = probabilities;
        }

        public string Target { get; }

        /// <summary>Regression: the predicted number, in the target's units.</summary>
        public double Value { get; }

        /// <summary>Classification: the most probable class.</summary>
        public string Label { get; }

        public int ClassIndex { get; }

        /// <summary>Classification: the class labels, in the order of <see cref="Probabilities"/>.</summary>
        public IReadOnlyList<string> ClassNames { get; }

        /// <summary>Classification: one probability per class, in the target's class order.</summary>
        public double[] Probabilities { get; }

        public bool IsClassification => Label != null;
    }
}
