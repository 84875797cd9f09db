using NeuralNet.Core.Data;

namespace NeuralNet.Core.Inference
{
    /// <summary>
    /// The names prediction gives its results, the same for objects and for scored CSV files: for one
    /// target Prediction (the label or number), and for classes Probability (of the predicted class) and
    /// one Probability_&lt;class&gt; per class; for several targets Prediction_&lt;target&gt; and, for
    /// classes, Probability_&lt;target&gt;.
    /// </summary>
    public static class PredictionColumns
    {
        public static string Prediction(TargetColumn target, int targetCount) => targetCount > 1 ? "Prediction_" + target.Name : "Prediction";

        public static string Probability(TargetColumn target, int targetCount) => targetCount > 1 ? "Probability_" + target.Name : "Probability";

        /// <summary>Per-class probabilities are given for a single class target only.</summary>
        public static bool HasClassProbabilities(int targetCount) => targetCount == 1;

        public static string ClassProbability(string className) => "Probability_" + className;

        /// <summary>Every result column a schema's predictions fill, in output order.</summary>
        public static IEnumerable<string> All(DataSchema schema)
        {
            int count = schema.Targets.Count;
            foreach (var target in schema.Targets)
            {
                yield return Prediction(target, count);
                if (!(target is ClassTarget classes)) continue;
                yield return Probability(target, count);
                if (HasClassProbabilities(count))
                    foreach (var name in classes.Classes) yield return ClassProbability(name);
            }
        }
    }
}
