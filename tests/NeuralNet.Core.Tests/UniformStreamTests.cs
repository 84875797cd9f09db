using MathNet.Numerics.Random;
using NeuralNet.Core.Model;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>The initial weights' generator is MathNet's Mersenne Twister, to the bit.</summary>
    public class UniformStreamTests
    {
        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(-7)]
        [InlineData(int.MaxValue)]
        public void It_draws_MathNets_sequence_across_refills_and_calls(int seed)
        {
            var reference = new MersenneTwister(seed, threadSafe: false);
            var stream = new UniformStream(seed);
            // Pieces of several lengths, crossing the 624-word refills at different places.
            foreach (int length in new[] { 1, 623, 2, 1300, 5, 2500 })
            {
                var values = new double[length];
                stream.Fill(values);
                for (int i = 0; i < length; i++) Assert.Equal(reference.NextDouble(), values[i]);
            }
        }
    }
}
