namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Turns a raw cell into a number, always with the invariant culture: "1.5" is 1.5 under de-DE too.
    /// Numeric .NET types (int, double, decimal from hashtables or ConvertFrom-Json) are taken as they are.
    /// </summary>
    public static class ValueParser
    {
        /// <summary>Null, an absent property, DBNull, or an empty or blank string.</summary>
        /// <remarks>Inlined into the loops that ask it of every cell (it ran at tier 0 there, through a whole training call).</remarks>
        [MethodImpl(Hot.Inline)]
        public static bool IsMissing(object value) =>
            value == null || value == RawTable.MissingProperty || value is DBNull ||
            (value is string s && string.IsNullOrWhiteSpace(s));

        /// <summary>True when the value is a number (or a string that reads as one); NaN and ∞ count as numbers here.</summary>
        [MethodImpl(Hot.Optimize)]
        public static bool TryParse(object value, out double number)
        {
            switch (value)
            {
                case double d: number = d; return true;
                case float f: number = f; return true;
                case int i: number = i; return true;
                case long l: number = l; return true;
                case decimal m: number = (double)m; return true;
                case bool b: number = b ? 1.0 : 0.0; return true;
                case string s:
                    return FastNumber.TryParse(s, out number);
                case short _:
                case byte _:
                case sbyte _:
                case ushort _:
                case uint _:
                case ulong _:
                    number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    return true;
                default:
                    number = 0;
                    return false;
            }
        }

        /// <summary>
        /// Whether a cell holds one value: a string, a number, a bool, a date, an enum or nothing. A list,
        /// a dictionary or any other object (a nested [pscustomobject], a hashtable, an array, a FileInfo)
        /// is not one, and would otherwise read as its type name or its ToString text.
        /// </summary>
        public static bool IsScalar(object value)
        {
            switch (value)
            {
                case null:
                case string _:
                case char _:
                case decimal _:
                case DateTime _:
                case DateTimeOffset _:
                case TimeSpan _:
                case Guid _:
                case Enum _:
                case DBNull _:
                    return true;
            }
            return value == RawTable.MissingProperty || value.GetType().IsPrimitive;
        }

        /// <summary><see cref="ToLabel(object)"/> of a cell, or an error naming the row and column when the cell holds a list or a dictionary.</summary>
        public static string ToLabel(object value, int rowNumber, string column)
        {
            if (!IsScalar(value)) throw DataErrors.NotScalar(rowNumber, column, value);
            return ToLabel(value);
        }

        /// <summary>The value as a category label: numbers in their shortest round-trip invariant form.</summary>
        public static string ToLabel(object value)
        {
            if (value is string s) return s.Trim();
            if (TryParse(value, out double d)) return FormatNumber(d);
            return Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>A short, quoted rendering of a cell for error messages.</summary>
        public static string Describe(object value)
        {
            if (value == null || value == RawTable.MissingProperty) return "(nothing)";
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            if (text.Length > 40) text = text.Substring(0, 37) + "...";
            return "'" + text + "'";
        }
    }
}
