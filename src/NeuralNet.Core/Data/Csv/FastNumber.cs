namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Parses invariant-culture decimal numbers straight from a file's bytes, without making a string,
    /// and from strings (an Import-Csv row's cells). Only the exactly representable case is handled
    /// here (an integer mantissa of at most 2⁵³ and a power of ten up to 10²², where one multiplication
    /// or division of two exact doubles rounds correctly, per Clinger); everything else goes to
    /// double.TryParse, so results equal double.Parse's bit for bit.
    /// </summary>
    internal static class FastNumber
    {
        private static readonly double[] PowersOfTen =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        };

        /// <summary>
        /// True and the value when the UTF-8 bytes read as a number (as double.TryParse with
        /// NumberStyles.Float and the invariant culture would); false for text and for blank input.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static bool TryParse(byte[] bytes, int offset, int length, out double value)
        {
            int start = offset, end = offset + length;
            while (start < end && IsSpace(bytes[start])) start++;
            while (end > start && IsSpace(bytes[end - 1])) end--;
            if (TryParseSimple(new Utf8Text(bytes), start, end, out value)) return true;
            if (start == end) return false;
#if NET8_0_OR_GREATER
            // Straight from the bytes: a file of 17-digit numbers (what "R" and pandas write) makes no string per cell.
            return double.TryParse(new ReadOnlySpan<byte>(bytes, start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
#else
            return double.TryParse(Encoding.UTF8.GetString(bytes, start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
#endif
        }

        /// <summary>The same for a string: true and the value when it reads as a number (blank: false).</summary>
        [MethodImpl(Hot.Optimize)]
        public static bool TryParse(string text, out double value) => Read(text, out value) == Cell.Number;

        /// <summary>What a string cell holds: a number, nothing (blank), or text.</summary>
        public enum Cell
        {
            Number,
            Blank,
            Text,
        }

        /// <summary>
        /// A string cell in one call: the number it reads as (the exact fast path, else double.TryParse of
        /// the trimmed text, with the same bits), or blank as <see cref="ValueParser.IsMissing"/> reads it
        /// (empty or white space), or text.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static Cell Read(string text, out double value)
        {
            int start = 0, end = text.Length;
            while (start < end && IsSpace(text[start])) start++;
            while (end > start && IsSpace(text[end - 1])) end--;
            if (TryParseSimple(new StringText(text), start, end, out value)) return Cell.Number;
            if (string.IsNullOrWhiteSpace(text)) return Cell.Blank;
            return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) ? Cell.Number : Cell.Text;
        }

        /// <summary>Whether the bytes are empty or only ASCII white space.</summary>
        public static bool IsBlank(byte[] bytes, int offset, int length)
        {
            for (int i = offset; i < offset + length; i++) if (!IsSpace(bytes[i])) return false;
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsSpace(int c) => c == ' ' || (c >= '\t' && c <= '\r');

        /// <summary>Characters of a number's text as ints, from bytes or from a string (a struct, so each reader gets its own compiled parser).</summary>
        private interface IText
        {
            int this[int index] { get; }
        }

        private readonly struct Utf8Text : IText
        {
            private readonly byte[] _bytes;

            public Utf8Text(byte[] bytes) => _bytes = bytes;

            public int this[int index]
            {
                [MethodImpl(MethodImplOptions.AggressiveInlining)]
                get => _bytes[index];
            }
        }

        private readonly struct StringText : IText
        {
            private readonly string _text;

            public StringText(string text) => _text = text;

            public int this[int index]
            {
                [MethodImpl(MethodImplOptions.AggressiveInlining)]
                get => _text[index];
            }
        }

        /// <summary>
        /// Digits with an optional sign, point and exponent, when the digits form an integer m ≤ 2⁵³ and
        /// the power of ten is at most 22 in size: then m·10ᵉ (or m / 10⁻ᵉ) is one correctly rounded
        /// operation on exact doubles, which is what double.Parse returns.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private static bool TryParseSimple<TText>(TText c, int i, int end, out double value) where TText : struct, IText
        {
            value = 0;
            if (i >= end) return false;
            bool negative = false;
            if (c[i] == '-')
            {
                negative = true;
                i++;
            }
            else if (c[i] == '+') i++;
            ulong mantissa = 0;
            int first = i;
            for (; i < end; i++)
            {
                uint digit = (uint)(c[i] - '0');
                if (digit > 9) break;
                mantissa = mantissa * 10 + digit;
            }
            int digits = i - first, scale = 0;
            if (i < end && c[i] == '.')
            {
                int fraction = ++i;
                for (; i < end; i++)
                {
                    uint digit = (uint)(c[i] - '0');
                    if (digit > 9) break;
                    mantissa = mantissa * 10 + digit;
                }
                scale = fraction - i;
                digits += i - fraction;
            }
            // 19 digits cannot overflow 64 bits; beyond 2⁵³ the mantissa is no longer an exact double.
            if (digits == 0 || digits > 19 || mantissa > (1UL << 53)) return false;
            if (i < end)
            {
                if (c[i] != 'e' && c[i] != 'E') return false;
                if (++i >= end) return false;
                bool negativeExponent = false;
                if (c[i] == '-' || c[i] == '+')
                {
                    negativeExponent = c[i] == '-';
                    if (++i >= end) return false;
                }
                int exponent = 0;
                for (; i < end; i++)
                {
                    uint digit = (uint)(c[i] - '0');
                    if (digit > 9 || exponent > 1000) return false;
                    exponent = exponent * 10 + (int)digit;
                }
                scale += negativeExponent ? -exponent : exponent;
            }
            double m = mantissa;
            if (mantissa == 0) value = 0.0;
            else if (scale == 0) value = m;
            else if (scale > 0 && scale <= 22) value = m * PowersOfTen[scale];
            else if (scale < 0 && scale >= -22) value = m / PowersOfTen[-scale];
            else return false;
            if (negative) value = -value;
            return true;
        }
    }
}
