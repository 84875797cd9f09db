namespace NeuralNet.Core.Model
{
    /// <summary>How initial weights are drawn.</summary>
    public enum WeightInit
    {
        /// <summary>Glorot for sigmoid/tanh/identity/softmax layers, He for the ReLU family.</summary>
        Auto,
        /// <summary>U(−l, l), l = √(6 / (fan_in + fan_out)) (Glorot &amp; Bengio, 2010).</summary>
        Glorot,
        /// <summary>U(−l, l), l = √(6 / fan_in) (He et al., 2015).</summary>
        He,
    }

    /// <summary>
    /// Draws initial weights from a seeded Mersenne Twister (MathNet.Numerics' sequence, drawn by
    /// <see cref="UniformStream"/>: pure managed integer arithmetic). Only uniform draws and square roots are used, both exact in IEEE arithmetic, so a
    /// seed gives bit-identical weights on every platform and PowerShell edition. Biases start at zero.
    /// </summary>
    public static class WeightInitializer
    {
        public static void Initialize(Network network, WeightInit init, int seed)
        {
            var random = new UniformStream(seed);
            foreach (var layer in network.Layers)
            {
                double limit = Limit(init, layer.Activation, layer.Inputs, layer.Units);
                var w = layer.Weights;
                random.Fill(w);
                for (int i = 0; i < w.Length; i++) w[i] = (2.0 * w[i] - 1.0) * limit;
                if (layer.HasBias) Array.Clear(layer.Bias, 0, layer.Bias.Length);
            }
        }

        public static double Limit(WeightInit init, Activation activation, int fanIn, int fanOut)
        {
            if (init == WeightInit.Auto) init = activation.Function().Initialisation;
            return init == WeightInit.He ? Math.Sqrt(6.0 / fanIn) : Math.Sqrt(6.0 / (fanIn + fanOut));
        }
    }
}
