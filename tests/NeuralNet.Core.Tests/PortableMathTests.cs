using System;
using NeuralNet.Core.Experiments;
using Xunit;

namespace NeuralNet.Core.Tests
{
    public class PortableMathTests
    {
        /// <summary>Distance in units in the last place between two finite doubles of the same sign.</summary>
        private static long Ulps(double a, double b) => Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));

        [Fact]
        public void Log_is_within_one_unit_in_the_last_place_of_the_runtime_logarithm()
        {
            var random = new Random(7);
            long worst = 0;
            for (int i = 0; i < 200_000; i++)
            {
                // Every binade from subnormals to the largest doubles, and a dense band around 1,
                // where ln x is tiny and its relative error is hardest to keep small.
                double x = i % 2 == 0 ? Math.Pow(2, random.NextDouble() * 2098 - 1074) : 1 + (random.NextDouble() - 0.5) * 1e-3;
                if (x == 1) continue;
                worst = Math.Max(worst, Ulps(Math.Log(x), PortableMath.Log(x)));
            }
            Assert.InRange(worst, 0, 1);
        }

        [Fact]
        public void Exp_is_within_one_unit_in_the_last_place_of_the_runtime_exponential()
        {
            var random = new Random(11);
            long worst = 0;
            for (int i = 0; i < 200_000; i++)
            {
                double x = i % 2 == 0 ? random.NextDouble() * 1416 - 708 : (random.NextDouble() - 0.5) * 1e-6;
                worst = Math.Max(worst, Ulps(Math.Exp(x), PortableMath.Exp(x)));
            }
            Assert.InRange(worst, 0, 1);
        }

        [Fact]
        public void Edges_give_the_limits_and_exact_values()
        {
            Assert.Equal(0.0, PortableMath.Log(1.0));
            Assert.Equal(1.0, PortableMath.Exp(0.0));
            Assert.Equal(double.NegativeInfinity, PortableMath.Log(0.0));
            Assert.True(double.IsNaN(PortableMath.Log(-1.0)));
            Assert.True(double.IsNaN(PortableMath.Log(double.NaN)));
            Assert.Equal(double.PositiveInfinity, PortableMath.Log(double.PositiveInfinity));
            Assert.Equal(double.PositiveInfinity, PortableMath.Exp(710));
            Assert.Equal(0.0, PortableMath.Exp(-746));
            Assert.True(double.IsNaN(PortableMath.Exp(double.NaN)));
            Assert.Equal(-744.44007192138122, PortableMath.Log(double.Epsilon), 10);
            Assert.Equal(709.78271289338397, PortableMath.Log(double.MaxValue), 10);
            Assert.Equal(double.Epsilon, PortableMath.Exp(-744.44007192138122));
        }

        [Fact]
        public void The_bits_are_pinned_so_a_change_of_method_shows()
        {
            // Written down from this implementation; the same on every platform because only IEEE
            // addition, multiplication and division produce them.
            Assert.Equal(0x40026BB1BBB55516L, BitConverter.DoubleToInt64Bits(PortableMath.Log(10)));
            Assert.Equal(0x4005BF0A8B14576AL, BitConverter.DoubleToInt64Bits(PortableMath.Exp(1)));
            Assert.Equal(0xC01EA6AF3D7CDC5BUL, (ulong)BitConverter.DoubleToInt64Bits(PortableMath.Log(0.00047)));
            Assert.Equal(0x3E157A3AFEED00ACL, BitConverter.DoubleToInt64Bits(PortableMath.Exp(-20.5)));
        }
    }
}
