using System;
using System.Collections;
using System.Collections.Generic;
using NeuralNet.Core.Model;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>The cap on a network's parameters: counted exactly, in 64 bits, and enforced before any layer is allocated.</summary>
    public class NetworkLimitsTests
    {
        /// <summary>Plain reference: weights inputs × units per layer, plus units biases.</summary>
        private static long Reference(int[] sizes, bool bias)
        {
            long total = 0;
            for (int l = 0; l + 1 < sizes.Length; l++) total += (long)sizes[l] * sizes[l + 1] + (bias ? sizes[l + 1] : 0);
            return total;
        }

        [Theory]
        [InlineData(new[] { 3, 4, 1 }, false)]
        [InlineData(new[] { 784, 256, 128, 10 }, true)]
        [InlineData(new[] { 1_000_000, 1_000_000, 1_000_000 }, true)]
        public void Parameters_are_counted_as_weights_and_biases_in_64_bits(int[] sizes, bool bias)
        {
            Assert.Equal(Reference(sizes, bias), NetworkLimits.ParameterCount(sizes, bias));
        }

        [Fact]
        public void Sizes_not_known_yet_count_as_one_and_a_sum_beyond_64_bits_saturates()
        {
            Assert.Equal(Reference(new[] { 1, 5, 1 }, true), NetworkLimits.ParameterCount(new[] { 0, 5, 0 }, true));
            // 10 million layers of a million units: 10^19 weights, past long.MaxValue (9.2 × 10^18).
            Assert.Equal(long.MaxValue, NetworkLimits.ParameterCount(new Repeated(1_000_000, 10_000_000), false));
        }

        [Fact]
        public void A_network_of_exactly_the_cap_passes_and_one_parameter_more_is_refused_in_bytes()
        {
            // 1 × 2^25 weights, no bias: exactly the cap; one more input unit is 2^25 more.
            NetworkLimits.Check(new[] { 1, 1 << 25 }, hasBias: false);
            Assert.Equal(NetworkLimits.MaxParameters, NetworkLimits.ParameterCount(new[] { 1, 1 << 25 }, false));
            var error = Assert.Throws<NeuralNetException>(() => NetworkLimits.Check(new[] { 1, 1 << 25 }, hasBias: true));
            Assert.Equal("NetworkTooLarge", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Contains("The network 1-33554432 would have 67,108,864 parameters (536,870,912 bytes in double precision)", error.Message);
            Assert.Contains("more than the 33,554,432 parameters (268,435,456 bytes in double precision)", error.Message);
        }

        [Fact]
        public void Creating_a_network_over_the_cap_is_refused_before_its_layers_exist()
        {
            var error = Assert.Throws<NeuralNetException>(() => NeuralNetworkModel.Create(new NetworkSpec(inputSize: null, hiddenSizes: new[] { 1_000_000, 1_000_000 }, outputSize: null, hiddenActivation: Activation.ReLU, outputActivation: null, hasBias: true, seed: 0)));
            Assert.Equal("NetworkTooLarge", error.ErrorId);
            Assert.Contains("?-1000000-1000000-? would have at least", error.Message);

            error = Assert.Throws<NeuralNetException>(() => NeuralNetworkModel.Create(new NetworkSpec(inputSize: 1_000_000, hiddenSizes: new[] { 1000 }, outputSize: 1, hiddenActivation: Activation.ReLU, outputActivation: Activation.Identity, hasBias: true, seed: 0)));
            Assert.Contains("1000000-1000-1 would have 1,000,002,001 parameters (8,000,016,008 bytes", error.Message);
        }

        [Fact]
        public void The_first_training_refuses_data_that_makes_the_network_too_large_before_allocating_it()
        {
            var model = NeuralNetworkModel.Create(new NetworkSpec(inputSize: null, hiddenSizes: new[] { 6000 }, outputSize: null, hiddenActivation: Activation.ReLU, outputActivation: null, hasBias: true, seed: 0));
            long before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<NeuralNetException>(() => model.Build(6000, 1, Activation.Identity));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
            Assert.Equal("NetworkTooLarge", error.ErrorId);
            Assert.Contains("6000-6000-1 would have 36,012,001 parameters", error.Message);
            Assert.False(model.IsBuilt);
        }

        /// <summary>One size many times, without an array of that length.</summary>
        private sealed class Repeated : IReadOnlyList<int>
        {
            private readonly int _size;

            public Repeated(int size, int count)
            {
                _size = size;
                Count = count;
            }

            public int Count { get; }

            public int this[int index] => _size;

            public IEnumerator<int> GetEnumerator()
            {
                for (int i = 0; i < Count; i++) yield return _size;
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
