using System.Collections.Generic;

namespace NeuralNet.Core.Experiments
{
    /// <summary>One configuration drawn from a search space: its place in the draw and a value for every key.</summary>
    internal sealed class SampledConfiguration
    {
        public SampledConfiguration(int index, IReadOnlyList<KeyValuePair<string, object>> values)
        {
            Index = index;
            Values = values;
        }

        /// <summary>Position in the draw, from 0; also the configuration's number in a halving schedule.</summary>
        public int Index { get; }

        /// <summary>Every parameter and its value, in the space's (name) order.</summary>
        public IReadOnlyList<KeyValuePair<string, object>> Values { get; }
    }
}
