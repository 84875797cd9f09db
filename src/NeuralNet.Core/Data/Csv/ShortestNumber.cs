using System.Numerics;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Writes a double as the shortest decimal that reads back as the same double, laid out exactly as
    /// .NET's invariant "R" form ("0.25", "1E-05", "1.2345678901234567E+20"), straight into UTF-8 bytes.
    /// Scoring to a CSV file writes four such numbers a row, and the runtime's formatter (about 200 ns
    /// a number here) was most of the time; this one finds the digits with Ulf Adams's Ryū method
    /// (PLDI 2018): the interval of decimals that round to the double is scaled by a 125-bit power of
    /// five, so the digits fall out of 64-bit divisions with no big-number arithmetic. The tests
    /// compare it with the runtime's "R" over millions of doubles of every kind.
    /// </summary>
    internal static class ShortestNumber
    {
        /// <summary>Bytes enough for any finite double ("-2.2250738585072014E-308" is 24).</summary>
        public const int MaxLength = 32;

        private const int MantissaBits = 52;
        private const int ExponentBias = 1023;
        private const int PowerBits = 125;   // the width of the scaled powers of five

        // 5^i and 2^k / 5^q, each kept as its top 125 bits (low and high 64-bit words), computed once
        // with BigInteger: 326 powers cover the smallest subnormal, 292 inverses the largest double.
        private static readonly ulong[] PowerLow = new ulong[326], PowerHigh = new ulong[326];
        private static readonly ulong[] InverseLow = new ulong[292], InverseHigh = new ulong[292];

        // The decimal exponents "R" writes in plain notation, asked of the runtime: −4 to 16 on .NET 10,
        // and a runtime that chose otherwise keeps its own layout.
        private static readonly int PlainLowest = PlainEdge(-1, -1), PlainHighest = PlainEdge(1, 1);

        private static int PlainEdge(int from, int step)
        {
            int e = from;
            while (Math.Abs(e) < 300 && !Pow10Text(e + step).Contains("E")) e += step;
            return Pow10Text(e).Contains("E") ? 0 : e;
        }

        private static string Pow10Text(int e) => double.Parse("1E" + e, System.Globalization.CultureInfo.InvariantCulture).ToString("R", System.Globalization.CultureInfo.InvariantCulture);

        static ShortestNumber()
        {
            var mask = (BigInteger.One << 64) - 1;
            for (int i = 0; i < PowerLow.Length; i++)
            {
                var power = BigInteger.Pow(5, i);
                int length = BigBitLength(power);
                var top = length >= PowerBits ? power >> (length - PowerBits) : power << (PowerBits - length);
                PowerLow[i] = (ulong)(top & mask);
                PowerHigh[i] = (ulong)(top >> 64);
                if (i >= InverseLow.Length) continue;
                var inverse = (BigInteger.One << (length - 1 + PowerBits)) / power + 1;
                InverseLow[i] = (ulong)(inverse & mask);
                InverseHigh[i] = (ulong)(inverse >> 64);
            }
        }

        private static int BigBitLength(BigInteger value)
        {
            int bits = 0;
            for (; value > 0; value >>= 1) bits++;
            return bits;
        }

        /// <summary>Formats <paramref name="value"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes); returns the bytes written.</summary>
        [MethodImpl(Hot.Optimize)]
        public static int Format(double value, Span<byte> destination)
        {
            ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
            bool negative = (bits >> 63) != 0;
            ulong mantissa = bits & ((1UL << MantissaBits) - 1);
            int exponent = (int)((bits >> MantissaBits) & 0x7FF);
            if (exponent == 0x7FF)
                return Fallback(value, destination);   // NaN and infinities: the runtime's words
            int at = 0;
            if (negative) destination[at++] = (byte)'-';
            if (exponent == 0 && mantissa == 0)
            {
                destination[at++] = (byte)'0';
                return at;
            }
            Digits(mantissa, exponent, out ulong digits, out int power);
            return at + Layout(digits, power, destination.Slice(at));
        }

        private static int Fallback(double value, Span<byte> destination)
        {
            string text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            for (int i = 0; i < text.Length; i++) destination[i] = (byte)text[i];
            return text.Length;
        }

        /// <summary>The shortest, then closest, decimal digits × 10^power inside the double's rounding interval.</summary>
        [MethodImpl(Hot.Optimize)]
        private static void Digits(ulong ieeeMantissa, int ieeeExponent, out ulong digits, out int power)
        {
            int e2;
            ulong m2;
            if (ieeeExponent == 0)
            {
                e2 = 1 - ExponentBias - MantissaBits - 2;
                m2 = ieeeMantissa;
            }
            else
            {
                e2 = ieeeExponent - ExponentBias - MantissaBits - 2;
                m2 = (1UL << MantissaBits) | ieeeMantissa;
            }
            bool acceptBounds = (m2 & 1) == 0;   // round-half-even reading accepts the interval's ends
            // The double is mv·2^e2; halfway to its neighbours lie mp (above) and mm (below), which is
            // closer when the double is the smallest of its binade.
            ulong mv = 4 * m2;
            uint mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;
            ulong vr, vp, vm;
            int e10;
            bool vmTrailingZeros = false, vrTrailingZeros = false;
            if (e2 >= 0)
            {
                int q = RyuMath.Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
                e10 = q;
                int k = PowerBits + RyuMath.Pow5Bits(q) - 1;
                int i = -e2 + q + k;
                vr = RyuMath.MulShift(mv, InverseLow[q], InverseHigh[q], i);
                vp = RyuMath.MulShift(mv + 2, InverseLow[q], InverseHigh[q], i);
                vm = RyuMath.MulShift(mv - 1 - mmShift, InverseLow[q], InverseHigh[q], i);
                if (q <= 21)
                {
                    // Only here can the scaled values be exact, so only here do trailing zeros matter.
                    if (mv % 5 == 0) vrTrailingZeros = RyuMath.MultipleOfPowerOf5(mv, q);
                    else if (acceptBounds) vmTrailingZeros = RyuMath.MultipleOfPowerOf5(mv - 1 - mmShift, q);
                    else if (RyuMath.MultipleOfPowerOf5(mv + 2, q)) vp--;
                }
            }
            else
            {
                int q = RyuMath.Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
                e10 = q + e2;
                int i = -e2 - q;
                int k = RyuMath.Pow5Bits(i) - PowerBits;
                int j = q - k;
                vr = RyuMath.MulShift(mv, PowerLow[i], PowerHigh[i], j);
                vp = RyuMath.MulShift(mv + 2, PowerLow[i], PowerHigh[i], j);
                vm = RyuMath.MulShift(mv - 1 - mmShift, PowerLow[i], PowerHigh[i], j);
                if (q <= 1)
                {
                    vrTrailingZeros = true;
                    if (acceptBounds) vmTrailingZeros = mmShift == 1;
                    else vp--;
                }
                else if (q < 63)
                {
                    vrTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
                }
            }

            int removed = 0;
            ulong output;
            if (vmTrailingZeros || vrTrailingZeros)
            {
                // The rare exact case: track whether everything dropped was zero, for ties and the lower end.
                int lastRemoved = 0;
                while (vp / 10 > vm / 10)
                {
                    vmTrailingZeros &= vm % 10 == 0;
                    vrTrailingZeros &= lastRemoved == 0;
                    lastRemoved = (int)(vr % 10);
                    vr /= 10; vp /= 10; vm /= 10;
                    removed++;
                }
                if (vmTrailingZeros)
                {
                    while (vm % 10 == 0)
                    {
                        vrTrailingZeros &= lastRemoved == 0;
                        lastRemoved = (int)(vr % 10);
                        vr /= 10; vp /= 10; vm /= 10;
                        removed++;
                    }
                }
                if (vrTrailingZeros && lastRemoved == 5 && vr % 2 == 0) lastRemoved = 4;   // an exact tie rounds to even
                output = vr + ((vr == vm && (!acceptBounds || !vmTrailingZeros)) || lastRemoved >= 5 ? 1UL : 0UL);
            }
            else
            {
                // The common case: drop digits while the interval still holds a shorter decimal, then round.
                bool roundUp = false;
                if (vp / 100 > vm / 100)
                {
                    roundUp = vr % 100 >= 50;
                    vr /= 100; vp /= 100; vm /= 100;
                    removed += 2;
                }
                while (vp / 10 > vm / 10)
                {
                    roundUp = vr % 10 >= 5;
                    vr /= 10; vp /= 10; vm /= 10;
                    removed++;
                }
                output = vr + (vr == vm || roundUp ? 1UL : 0UL);
            }
            digits = output;
            power = e10 + removed;
        }

        /// <summary>
        /// digits × 10^power as "R" lays it out: plain notation when the decimal exponent is one the runtime
        /// writes plain ("0.0001", "10000000000000000"), else "d.dddE+XX" with at least two exponent digits.
        /// </summary>
        private static int Layout(ulong digits, int power, Span<byte> destination)
        {
            int count = RyuMath.DecimalLength(digits);
            int scientific = power + count - 1;
            if (scientific >= PlainLowest && scientific <= PlainHighest)
            {
                if (scientific < 0)
                {
                    // "0.000ddd": the zeros, then the digits where they stand.
                    int zeros = -scientific - 1;
                    destination[0] = (byte)'0';
                    destination[1] = (byte)'.';
                    destination.Slice(2, zeros).Fill((byte)'0');
                    WriteDigits(digits, destination.Slice(2 + zeros, count));
                    return 2 + zeros + count;
                }
                int whole = scientific + 1;
                if (count <= whole)
                {
                    // An integer: the digits, then the zeros the exponent adds.
                    WriteDigits(digits, destination.Slice(0, count));
                    destination.Slice(count, whole - count).Fill((byte)'0');
                    return whole;
                }
                // "ddd.ddd": the digits one place on, then the whole part moved back before the point.
                WriteDigits(digits, destination.Slice(1, count));
                destination.Slice(1, whole).CopyTo(destination);
                destination[whole] = (byte)'.';
                return count + 1;
            }
            WriteDigits(digits, destination.Slice(1, count));
            int at = 1;
            destination[0] = destination[1];
            if (count > 1)
            {
                destination[1] = (byte)'.';
                at = count + 1;
            }
            destination[at++] = (byte)'E';
            destination[at++] = scientific < 0 ? (byte)'-' : (byte)'+';
            int magnitude = Math.Abs(scientific);
            if (magnitude >= 100) destination[at++] = (byte)('0' + magnitude / 100);
            destination[at++] = (byte)('0' + magnitude / 10 % 10);
            destination[at++] = (byte)('0' + magnitude % 10);
            return at;
        }

        /// <summary>The decimal digits of <paramref name="value"/>, filling <paramref name="text"/> from its end two at a time.</summary>
        private static void WriteDigits(ulong value, Span<byte> text)
        {
            int at = text.Length;
            while (value >= 100)
            {
                ulong rest = value / 100;
                int pair = (int)(value - rest * 100) * 2;
                value = rest;
                text[--at] = DigitPairs[pair + 1];
                text[--at] = DigitPairs[pair];
            }
            if (value >= 10)
            {
                text[--at] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
            text[--at] = (byte)('0' + (int)value);
        }

        private static readonly byte[] DigitPairs = MakeDigitPairs();

        private static byte[] MakeDigitPairs()
        {
            var pairs = new byte[200];
            for (int i = 0; i < 100; i++)
            {
                pairs[2 * i] = (byte)('0' + i / 10);
                pairs[2 * i + 1] = (byte)('0' + i % 10);
            }
            return pairs;
        }
    }
}
