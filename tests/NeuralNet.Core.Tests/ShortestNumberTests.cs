using System;
using System.Globalization;
using System.Text;
using NeuralNet.Core.Data;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>The shortest round-trip formatter against its reference, the runtime's invariant "R", byte for byte.</summary>
    public class ShortestNumberTests
    {
        private static void Same(double value)
        {
            var bytes = new byte[ShortestNumber.MaxLength];
            int written = ShortestNumber.Format(value, bytes);
            string expected = value.ToString("R", CultureInfo.InvariantCulture);
            string actual = Encoding.ASCII.GetString(bytes, 0, written);
            if (expected == actual) return;
            // The runtime's "R" is itself wrong for some powers of two, whose lower neighbour is closer: it
            // gives one digit too few, which reads back as another double (2^-958 is 4.1045368012983762E-289,
            // R says 4.104536801298376E-289). There the answer must read back, in the shortest length that does.
            bool rReadsBack = double.Parse(expected, CultureInfo.InvariantCulture).Equals(value);
            bool readsBack = double.Parse(actual, CultureInfo.InvariantCulture).Equals(value);
            if (!rReadsBack && readsBack && Digits(actual) <= Digits(expected) + 1 && value.ToString("E" + (Digits(actual) - 2), CultureInfo.InvariantCulture) is string shorter
                && !double.Parse(shorter, CultureInfo.InvariantCulture).Equals(value))
                return;
            Assert.Fail($"0x{BitConverter.DoubleToInt64Bits(value):X16}: R gives {expected}, ShortestNumber {actual}");
        }

        /// <summary>Significant digits of a formatted number: those of its mantissa, without leading zeros.</summary>
        private static int Digits(string text)
        {
            string mantissa = text.Split('E')[0].TrimStart('-').Replace(".", "").TrimStart('0');
            return mantissa.TrimEnd('0').Length;
        }

        [Fact]
        public void Special_values_and_the_edges_of_plain_notation()
        {
            foreach (double v in new[] { 0.0, -0.0, 1, -1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.5, 1e-4, 1e-5, 0.00012345, 0.000012345, 1.5e-5,
                         1e14, 1e15, 1e16, 123456789012345, 1234567890123456, 999999999999999, 9999999999999998, 1e21, 1e22, 1e23,
                         double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 2.2250738585072014E-308, 2.2250738585072009E-308,
                         5e-324, 1.7976931348623157E+308, 9007199254740992, 9007199254740993, 4.9406564584124654E-324, 0.1 + 0.2,
                         double.NaN, double.PositiveInfinity, double.NegativeInfinity })
                Same(v);
        }

        [Fact]
        public void Powers_of_two_and_ten_and_their_neighbours()
        {
            for (int e = -1074; e <= 1023; e++)
            {
                double p = Math.Pow(2, e);
                Same(p);
                Same(-p);
                Same(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(p) + 1));
                if (p > double.Epsilon) Same(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(p) - 1));
            }
            for (int e = -323; e <= 308; e++)
            {
                double p = double.Parse("1E" + e, CultureInfo.InvariantCulture);
                Same(p);
                Same(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(p) + 1));
                Same(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(p) - 1));
            }
        }

        [Fact]
        public void Integers_and_short_decimals()
        {
            for (int i = 0; i <= 200_000; i++) Same(i);
            var random = new Random(7);
            for (int i = 0; i < 300_000; i++)
            {
                long digits = random.Next(1, 1_000_000);
                int scale = random.Next(-30, 30);
                Same(double.Parse(digits + "E" + scale, CultureInfo.InvariantCulture));
            }
        }

        [Fact]
        public void Random_bit_patterns_of_every_exponent()
        {
            var random = new Random(11);
            var bytes = new byte[8];
            for (int i = 0; i < 1_000_000; i++)
            {
                random.NextBytes(bytes);
                double v = BitConverter.ToDouble(bytes, 0);
                if (!double.IsNaN(v)) Same(v);
            }
        }

        [Fact]
        public void Probabilities_as_softmax_gives_them()
        {
            var random = new Random(13);
            for (int i = 0; i < 1_000_000; i++)
            {
                double a = Math.Exp(random.NextDouble() * 20 - 10), b = Math.Exp(random.NextDouble() * 20 - 10);
                Same(a / (a + b));
                Same(random.NextDouble());
            }
        }

        [Fact]
        public void The_portable_helpers_of_the_netstandard_build_agree_with_the_runtime()
        {
            var random = new Random(17);
            var bytes = new byte[8];
            for (int i = 0; i < 200_000; i++)
            {
                random.NextBytes(bytes);
                ulong a = BitConverter.ToUInt64(bytes, 0) >> random.Next(0, 64);
                random.NextBytes(bytes);
                ulong b = BitConverter.ToUInt64(bytes, 0) >> random.Next(0, 64);
                ulong high = RyuMath.PortableHigh64(a, b, out ulong low);
                Assert.Equal(Math.BigMul(a, b, out ulong expectedLow), high);
                Assert.Equal(expectedLow, low);
                Assert.Equal(64 - System.Numerics.BitOperations.LeadingZeroCount(a), RyuMath.PortableBitLength(a));
            }
            Assert.Equal(Math.BigMul(ulong.MaxValue, ulong.MaxValue, out ulong maxLow), RyuMath.PortableHigh64(ulong.MaxValue, ulong.MaxValue, out ulong portableMaxLow));
            Assert.Equal(maxLow, portableMaxLow);
            Assert.Equal(0, RyuMath.PortableBitLength(0));
            Assert.Equal(64, RyuMath.PortableBitLength(ulong.MaxValue));
        }
    }
}
