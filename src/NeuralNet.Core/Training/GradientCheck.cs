using NeuralNet.Core.Data;
using NeuralNet.Core.Model;

namespace NeuralNet.Core.Training
{
    /// <summary>The analytic and numeric gradients of one parameter block, compared.</summary>
    /// <param name="Layer">1-based layer number.</param>
    /// <param name="Parameter">"Weights" or "Bias".</param>
    /// <param name="Analytic">Backprop's gradient, one value per parameter.</param>
    /// <param name="Numeric">The central finite differences, one per parameter.</param>
    /// <param name="MaxRelativeError">max |analytic − numeric| / max(|analytic| + |numeric|, floor) over the block.</param>
    /// <param name="MaxAbsoluteError">max |analytic − numeric| over the block.</param>
    public sealed record BlockGradientCheck(int Layer, string Parameter, double[] Analytic, double[] Numeric, double MaxRelativeError, double MaxAbsoluteError);

    /// <summary>
    /// Backprop checked against central finite differences, (L(w+h) − L(w−h)) / 2h, one parameter at a
    /// time. The relative error has a floor in its denominator so that parameters whose gradient is
    /// (nearly) zero are judged by absolute error instead of by rounding noise divided by zero.
    /// </summary>
    public static class GradientCheck
    {
        public const double DefaultStep = 1e-5;
        public const double RelativeErrorFloor = 1e-6;

        /// <summary>
        /// Per parameter block (W₁, b₁, W₂, …), in the order of <see cref="Network.ParameterBlocks"/>.
        /// <paramref name="analytic"/> replaces backprop's gradients (to check gradients from elsewhere).
        /// </summary>
        public static IReadOnlyList<BlockGradientCheck> Run(Network network, DataSet data, Loss loss, double l2 = 0, double step = DefaultStep,
            IReadOnlyList<double[]> analytic = null)
        {
            // Finite differences need double precision: a float32 loss would bury the difference in rounding.
            // So the check verifies the network's mathematics in double, whatever its precision.
            var evaluator = new GradientEvaluator(network, loss, l2, data.Rows, Precision.Double);
            evaluator.Evaluate(data);
            var gradients = analytic ?? evaluator.Gradients;
            var results = new List<BlockGradientCheck>();
            var blocks = network.ParameterBlocks;
            int b = 0;
            for (int l = 0; l < network.Layers.Count; l++)
            {
                results.Add(Check(evaluator, data, blocks[b], gradients[b], l + 1, "Weights", step));
                b++;
                if (!network.Layers[l].HasBias) continue;
                results.Add(Check(evaluator, data, blocks[b], gradients[b], l + 1, "Bias", step));
                b++;
            }
            return results;
        }

        private static BlockGradientCheck Check(GradientEvaluator evaluator, DataSet data, double[] w, double[] gradient, int layer, string name, double step)
        {
            var analytic = (double[])gradient.Clone();
            var numeric = new double[w.Length];
            double maxRelative = 0, maxAbsolute = 0;
            for (int i = 0; i < w.Length; i++)
            {
                double saved = w[i];
                w[i] = saved + step;
                double plus = Objective(evaluator, data);
                w[i] = saved - step;
                double minus = Objective(evaluator, data);
                w[i] = saved;
                numeric[i] = (plus - minus) / (2 * step);
                double difference = Math.Abs(analytic[i] - numeric[i]);
                maxAbsolute = Math.Max(maxAbsolute, difference);
                maxRelative = Math.Max(maxRelative, difference / Math.Max(Math.Abs(analytic[i]) + Math.Abs(numeric[i]), RelativeErrorFloor));
            }
            return new BlockGradientCheck(layer, name, analytic, numeric, maxRelative, maxAbsolute);
        }

        private static double Objective(GradientEvaluator evaluator, DataSet data)
        {
            double loss = evaluator.Evaluate(data, withGradient: false);
            return loss + evaluator.Penalty;
        }
    }
}
