namespace NeuralNet.Core.Model
{
    /// <summary>
    /// Inverted dropout of hidden layers' outputs while training: each output is kept with probability
    /// 1 − p and then divided by 1 − p, so a layer's expected output is what prediction (which drops
    /// nothing) computes. The forward pass feeds the next layer the kept outputs (<see cref="Forward"/>) and
    /// leaves the layer's own activations intact for its derivative; backprop multiplies the error by the
    /// same mask (<see cref="Backward"/>). Masks come from a generator seeded by the training seed and the
    /// epoch (<see cref="Epoch"/>), so a seed gives the same network, and a resumed training draws the
    /// masks an uninterrupted one would. Buffers are made once per training.
    /// </summary>
    public sealed class Dropout
    {
        private readonly double[] _rates;
        private readonly double[][] _masks;
        private readonly double[][] _kept;
        private readonly int _seed;
        private ulong _state;

        /// <param name="network">The network trained.</param>
        /// <param name="capacity">Rows per batch.</param>
        /// <param name="rates">One rate in [0, 1) per hidden layer.</param>
        /// <param name="seed">The training's seed.</param>
        public Dropout(Network network, int capacity, IReadOnlyList<double> rates, int seed)
        {
            int hidden = network.Layers.Count - 1;
            if (rates.Count != hidden) throw new ArgumentException($"{rates.Count} dropout rates for {hidden} hidden layers.", nameof(rates));
            _rates = new double[network.Layers.Count];
            _masks = new double[network.Layers.Count][];
            _kept = new double[network.Layers.Count][];
            for (int l = 0; l < hidden; l++)
            {
                if (!(rates[l] >= 0 && rates[l] < 1)) throw new ArgumentOutOfRangeException(nameof(rates), "Dropout rates lie in [0, 1).");
                _rates[l] = rates[l];
                if (rates[l] == 0) continue;
                _masks[l] = new double[capacity * network.Layers[l].Units];
                _kept[l] = new double[capacity * network.Layers[l].Units];
            }
            _seed = seed;
            Epoch(0);
        }

        /// <summary>Starts the masks of an epoch (counted over the network's whole history).</summary>
        public void Epoch(long epoch) => _state = unchecked((ulong)(uint)_seed * 0x9E3779B97F4A7C15UL ^ (ulong)epoch * 0xD1B54A32D192ED03UL);

        /// <summary>Whether layer <paramref name="layer"/>'s outputs are dropped.</summary>
        public bool Drops(int layer) => _masks[layer] != null;

        /// <summary>The outputs the next layer reads: <paramref name="a"/> itself, or its kept outputs under a fresh mask.</summary>
        [MethodImpl(Hot.Optimize)]
        internal double[] Forward(int layer, double[] a, int count)
        {
            var mask = _masks[layer];
            if (mask == null) return a;
            var kept = _kept[layer];
            double rate = _rates[layer], scale = 1.0 / (1.0 - rate);
            ulong state = _state;
            for (int i = 0; i < count; i++)
            {
                double m = Uniform(ref state) >= rate ? scale : 0.0;
                mask[i] = m;
                kept[i] = a[i] * m;
            }
            _state = state;
            return kept;
        }

        /// <summary>The layer's input in the last forward pass: the kept outputs of the layer below, or its activations.</summary>
        internal double[] Input(int layerBelow, double[] a) => _masks[layerBelow] == null ? a : _kept[layerBelow];

        /// <summary>dL/da of the layer from dL/d(kept a): the error times the mask of the last forward pass.</summary>
        [MethodImpl(Hot.Optimize)]
        internal void Backward(int layer, double[] delta, int count)
        {
            var mask = _masks[layer];
            if (mask == null) return;
            for (int i = 0; i < count; i++) delta[i] *= mask[i];
        }

        /// <summary>SplitMix64: a uniform in [0, 1) with 53 random bits.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Uniform(ref ulong state)
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
