using System.Numerics;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// The integer arithmetic <see cref="ShortestNumber"/>'s Ryū method rests on: 128-bit products and
    /// shifts, bit and decimal lengths, and the logarithms of powers of two and five it bounds its tables
    /// by. The portable forms are built everywhere, so the tests check them against the runtime's.
    /// </summary>
    internal static class RyuMath
    {
        /// <summary>How many decimal digits <paramref name="value"/> has (at least 1): from its bit length, corrected by one comparison.</summary>
        internal static int DecimalLength(ulong value)
        {
            int guess = BitLength(value | 1) * 1233 >> 12;   // ⌊log10 2^bits⌋, never above the answer
            return guess + (value >= PowersOfTen[guess] ? 1 : 0);
        }

        internal static readonly ulong[] PowersOfTen = MakePowersOfTen();

        internal static ulong[] MakePowersOfTen()
        {
            var powers = new ulong[20];
            powers[0] = 1;
            for (int i = 1; i < powers.Length; i++) powers[i] = powers[i - 1] * 10;
            return powers;
        }

        /// <summary>(m × the 128-bit factor) >> shift, the factor given as its low and high words; shift is above 64.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static ulong MulShift(ulong m, ulong low, ulong high, int shift)
        {
            ulong lowHigh = High64(m, low, out _);
            ulong highHigh = High64(m, high, out ulong highLow);
            ulong middle = lowHigh + highLow;
            if (middle < lowHigh) highHigh++;
            int right = shift - 64;
            return (highHigh << (64 - right)) | (middle >> right);
        }

        /// <summary>The high 64 bits of a × b, and the low ones in <paramref name="low"/>: one instruction on .NET 8, four 32-bit products elsewhere.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static ulong High64(ulong a, ulong b, out ulong low)
        {
#if NET8_0_OR_GREATER
            return Math.BigMul(a, b, out low);
#else
            return PortableHigh64(a, b, out low);
#endif
        }

        /// <summary>a × b as 128 bits from 32-bit halves (netstandard2.0 has no 64-bit BigMul); built everywhere so the tests check it against the runtime's.</summary>
        internal static ulong PortableHigh64(ulong a, ulong b, out ulong low)
        {
            ulong aLow = (uint)a, aHigh = a >> 32, bLow = (uint)b, bHigh = b >> 32;
            ulong lowLow = aLow * bLow, lowHigh = aLow * bHigh, highLow = aHigh * bLow, highHigh = aHigh * bHigh;
            ulong middle = (lowLow >> 32) + (uint)lowHigh + (uint)highLow;
            low = (middle << 32) | (uint)lowLow;
            return highHigh + (lowHigh >> 32) + (highLow >> 32) + (middle >> 32);
        }

        /// <summary>How many bits <paramref name="value"/> needs (64 less its leading zeros).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int BitLength(ulong value)
        {
#if NET8_0_OR_GREATER
            return 64 - BitOperations.LeadingZeroCount(value);
#else
            return PortableBitLength(value);
#endif
        }

        /// <summary>The bit length by halving (netstandard2.0 has no leading-zero count); tested against the runtime's.</summary>
        internal static int PortableBitLength(ulong value)
        {
            int bits = 0;
            for (int step = 32; step > 0; step >>= 1)
            {
                if (value >> step == 0) continue;
                value >>= step;
                bits += step;
            }
            return value == 0 ? bits : bits + 1;
        }

        /// <summary>⌈log2 5^e⌉ (1 for e = 0), for 0 ≤ e ≤ 3528.</summary>
        internal static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

        /// <summary>⌊log10 2^e⌋, for 0 ≤ e ≤ 1650.</summary>
        internal static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

        /// <summary>⌊log10 5^e⌋, for 0 ≤ e ≤ 2620.</summary>
        internal static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

        internal static bool MultipleOfPowerOf5(ulong value, int p)
        {
            int count = 0;
            for (; value % 5 == 0 && value != 0; value /= 5) count++;
            return count >= p;
        }
    }
}
