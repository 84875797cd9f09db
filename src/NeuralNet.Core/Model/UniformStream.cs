namespace NeuralNet.Core.Model
{
    /// <summary>
    /// The uniform doubles of MathNet.Numerics' <c>MersenneTwister(seed)</c>, bit for bit (MT19937 seeded by
    /// init_genrand, each double one 32-bit draw × 2⁻³²), filled into arrays in one loop. MathNet's
    /// generator draws each value through a virtual call and checks: about 16 ns a value here, most of the
    /// 4 ms W3's 203,530 initial weights took, which this loop and the scaling do in about 1.7.
    /// </summary>
    internal sealed class UniformStream
    {
        private const int N = 624, M = 397;
        private const uint UpperMask = 0x80000000, LowerMask = 0x7fffffff, MatrixA = 0x9908b0df;
        private const double Reciprocal = 1.0 / 4294967296.0;

        private readonly uint[] _state = new uint[N];
        private int _index = N;

        public UniformStream(int seed)
        {
            _state[0] = (uint)seed;
            for (int i = 1; i < N; i++) _state[i] = 1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i;
        }

        /// <summary>The next <paramref name="values"/>.Length doubles in [0, 1).</summary>
        [MethodImpl(Hot.Optimize)]
        public void Fill(double[] values)
        {
            var state = _state;
            int index = _index;
            for (int i = 0; i < values.Length; i++)
            {
                if (index >= N)
                {
                    Twist(state);
                    index = 0;
                }
                uint y = state[index++];
                y ^= y >> 11;
                y ^= (y << 7) & 0x9d2c5680;
                y ^= (y << 15) & 0xefc60000;
                y ^= y >> 18;
                values[i] = y * Reciprocal;
            }
            _index = index;
        }

        /// <summary>The next 624 words of state, as MT19937 makes them.</summary>
        [MethodImpl(Hot.Optimize)]
        private static void Twist(uint[] state)
        {
            int k = 0;
            for (; k < N - M; k++) state[k] = state[k + M] ^ Mix(state[k], state[k + 1]);
            for (; k < N - 1; k++) state[k] = state[k + (M - N)] ^ Mix(state[k], state[k + 1]);
            state[N - 1] = state[M - 1] ^ Mix(state[N - 1], state[0]);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint Mix(uint upper, uint lower)
        {
            uint y = (upper & UpperMask) | (lower & LowerMask);
            return (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0u);
        }
    }
}
