namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Natural logarithm and exponential from IEEE addition, multiplication and division alone, so a
    /// sampled LogUniform value has the same bits on every platform and PowerShell edition. Math.Log
    /// and Math.Exp call the C runtime, whose last bit differs between glibc, macOS and Windows.
    /// Within one unit in the last place of Math.Log and Math.Exp on Linux (see PortableMathTests).
    /// </summary>
    internal static class PortableMath
    {
        // ln 2 split so that k·Ln2High is exact for every exponent k a double can have (Ln2High has
        // 32 significant bits) and Ln2Low carries the rest (the split of fdlibm's e_log.c).
        private static readonly double Ln2High = BitConverter.Int64BitsToDouble(0x3FE62E42FEE00000);
        private static readonly double Ln2Low = BitConverter.Int64BitsToDouble(0x3DEA39EF35793C76);
        private static readonly double Ln2 = BitConverter.Int64BitsToDouble(0x3FE62E42FEFA39EF);
        private const double Sqrt2 = 1.4142135623730951;
        private const double SmallestNormal = 2.2250738585072014E-308;
        private const double MaxArgument = 709.782712893384;     // ln(double.MaxValue)
        private const double MinArgument = -745.1332191019412;   // ln of the smallest subnormal

        /// <summary>ln x for x &gt; 0; −∞ at 0, NaN below 0 or for NaN, ∞ at ∞.</summary>
        public static double Log(double x)
        {
            if (double.IsNaN(x) || x < 0) return double.NaN;
            if (x == 0) return double.NegativeInfinity;
            if (double.IsPositiveInfinity(x)) return x;
            int exponent = 0;
            if (x < SmallestNormal) { x *= 18014398509481984.0; exponent = -54; }   // 2^54: subnormals made normal
            long bits = BitConverter.DoubleToInt64Bits(x);
            exponent += (int)((bits >> 52) & 0x7FF) - 1023;
            double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);   // [1, 2)
            if (m > Sqrt2) { m *= 0.5; exponent++; }   // [√½, √2]: the series below converges fastest near 1
            // ln(1 + f) = 2·atanh(s) = 2s + s·R with s = f/(2 + f), R = 2s²/3 + 2s⁴/5 + …; written as
            // f − (f²/2 − s·(f²/2 + R)) (fdlibm's e_log.c) so the exact f = m − 1 (Sterbenz) carries
            // the value and rounding touches only the small correction. |s| ≤ 0.172: twelve terms
            // take R's tail below 2⁻⁵⁴ of it.
            double f = m - 1.0;
            double s = f / (2.0 + f);
            double z = s * s;
            double series = 0;
            for (int k = 12; k >= 1; k--) series = series * z + 2.0 / (2 * k + 1);
            double r = z * series;
            double halfSquare = 0.5 * f * f;
            return exponent * Ln2High - ((halfSquare - (s * (halfSquare + r) + exponent * Ln2Low)) - f);
        }

        /// <summary>eˣ; ∞ above ln(double.MaxValue), 0 below the smallest subnormal's logarithm.</summary>
        public static double Exp(double x)
        {
            if (double.IsNaN(x)) return x;
            if (x > MaxArgument) return double.PositiveInfinity;
            if (x < MinArgument) return 0;
            // x = k·ln 2 + r with |r| ≤ ln2/2, so eˣ = 2ᵏ·eʳ; Math.Round is exact and the same everywhere.
            int k = (int)Math.Round(x / Ln2);
            double r = (x - k * Ln2High) - k * Ln2Low;
            // eʳ = 1 + r(1 + r/2(1 + r/3(…))): 18 terms leave less than 2⁻⁵⁸ of it out.
            double p = 1.0;
            for (int j = 18; j >= 1; j--) p = 1.0 + p * r / j;
            // 2ᵏ in two halves: each half is a normal power of two even when 2ᵏ itself is not.
            int half = k / 2;
            return p * PowerOfTwo(half) * PowerOfTwo(k - half);
        }

        /// <summary>2ⁿ for −1022 ≤ n ≤ 1023, built from its bits.</summary>
        private static double PowerOfTwo(int n) => BitConverter.Int64BitsToDouble((long)(n + 1023) << 52);
    }
}
