using System.Collections;
using System.Reflection;

namespace NeuralNet.Core.Options
{
    /// <summary>
    /// Sets options by name, as PowerShell binds parameters: a bound parameter, a grid key or a plan
    /// file's entry sets the option property of the same name (case-insensitive), with the value
    /// converted to the property's type. So an option needs no mapping code anywhere: naming the
    /// property as its cmdlet parameter is enough. Conversion and range errors name the parameter.
    /// </summary>
    public static class OptionBinder
    {
        private static readonly Dictionary<Type, Dictionary<string, PropertyInfo>> Cache = new Dictionary<Type, Dictionary<string, PropertyInfo>>();

        /// <summary>The settable public properties of an options type, by name (case-insensitive).</summary>
        public static IReadOnlyDictionary<string, PropertyInfo> Properties(Type type)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue(type, out var properties))
                {
                    properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                        .Where(p => p.CanWrite && p.CanRead && p.GetIndexParameters().Length == 0)
                        .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
                    Cache[type] = properties;
                }
                return properties;
            }
        }

        private static readonly Dictionary<Type, (PropertyInfo Property, OptionRangeAttribute Range)[]> RangedCache =
            new Dictionary<Type, (PropertyInfo Property, OptionRangeAttribute Range)[]>();

        /// <summary>
        /// The options of <paramref name="type"/> that declare a range, with it. Kept per type: reading an
        /// attribute builds it anew by reflection, 2 ms of every training call for TrainingOptions' options.
        /// </summary>
        private static (PropertyInfo Property, OptionRangeAttribute Range)[] Ranged(Type type)
        {
            var properties = Properties(type);
            lock (RangedCache)
            {
                if (!RangedCache.TryGetValue(type, out var ranged))
                {
                    ranged = properties.Values.Select(p => (p, p.GetCustomAttribute<OptionRangeAttribute>())).Where(r => r.Item2 != null).ToArray();
                    RangedCache[type] = ranged;
                }
                return ranged;
            }
        }

        /// <summary>Whether <paramref name="type"/> has an option of that name.</summary>
        public static bool Has(Type type, string name) => Properties(type).ContainsKey(name);

        /// <summary>
        /// Sets every property of <paramref name="target"/> named in <paramref name="values"/>; names the
        /// type has no property for are left alone. Returns the target, for chaining.
        /// </summary>
        public static T Bind<T>(T target, IEnumerable<KeyValuePair<string, object>> values)
        {
            var properties = Properties(typeof(T));
            foreach (var pair in values)
            {
                if (!properties.TryGetValue(pair.Key, out var property)) continue;
                property.SetValue(target, Convert(pair.Value, property.PropertyType, property.Name));
            }
            return target;
        }

        /// <summary>Throws InvalidOptionValue for the first option outside its declared range.</summary>
        public static void Validate(object options)
        {
            foreach (var (property, range) in Ranged(options.GetType()))
            {
                foreach (var number in Numbers(property.GetValue(options)))
                {
                    if (!range.Contains(number)) throw OutOfRange(property, range, number);
                }
            }
        }

        /// <summary>Checks one value for the option <paramref name="name"/> of <paramref name="type"/>, as <see cref="Validate(object)"/> would once it is set.</summary>
        public static void Validate(Type type, string name, object value)
        {
            if (!Properties(type).TryGetValue(name, out var property)) throw new ArgumentException($"{type.Name} has no option '{name}'.", nameof(name));
            // Converting checks what the type itself allows (a class-weight table, say), ranged or not.
            var converted = Convert(value, property.PropertyType, property.Name);
            // The range from the per-type cache: read from the attribute, it was built by reflection for
            // every parameter of every call (a sixth of a one-epoch training call's time in PowerShell).
            OptionRangeAttribute range = null;
            foreach (var (ranged, declared) in Ranged(type))
                if (ranged == property) range = declared;
            if (range == null) return;
            foreach (var number in Numbers(converted))
                if (!range.Contains(number)) throw OutOfRange(property, range, number);
        }

        private static NeuralNetException OutOfRange(PropertyInfo property, OptionRangeAttribute range, double number) =>
            new NeuralNetException("InvalidOptionValue", ErrorKind.InvalidArgument,
                $"-{property.Name} must be {range.Describe()}; it is {number.ToString(CultureInfo.InvariantCulture)}.", column: property.Name);

        private static IEnumerable<double> Numbers(object value)
        {
            switch (value)
            {
                case null: yield break;
                case double d: yield return d; break;
                case int i: yield return i; break;
                case double[] list:
                    foreach (var d in list) yield return d;
                    break;
                case IDictionary<string, double> map:
                    foreach (var d in map.Values) yield return d;
                    break;
            }
        }

        /// <summary>Converts a value as PowerShell would for a parameter of <paramref name="type"/>.</summary>
        public static object Convert(object value, Type type, string name)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            if (value == null)
            {
                if (underlying != null || !type.IsValueType) return null;
                throw Invalid(name, value, type);
            }
            if (type.IsInstanceOfType(value)) return value;
            var target = underlying ?? type;
            try
            {
                if (target.IsEnum) return Enumeration(value, target, name);
                if (target == typeof(double)) return System.Convert.ToDouble(Scalar(value), CultureInfo.InvariantCulture);
                if (target == typeof(int)) return WholeNumber(value, name);
                if (target == typeof(bool)) return Boolean(value, name);
                if (target == typeof(string)) return System.Convert.ToString(value, CultureInfo.InvariantCulture);
                if (target == typeof(char) && value is string one && one.Length == 1) return one[0];
                if (target.IsArray) return Array(value, target.GetElementType(), name);
                if (target == typeof(Dictionary<string, double>)) return Map(value, name);
                if (target == typeof(Training.ClassWeights)) return Training.ClassWeights.Parse(value);
            }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException)
            {
                throw Invalid(name, value, target);
            }
            throw Invalid(name, value, target);
        }

        private static object Scalar(object value) => value is string s ? s.Trim() : value;

        private static object Enumeration(object value, Type type, string name)
        {
            var text = System.Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();
            if (string.IsNullOrEmpty(text) || char.IsDigit(text[0]) || text[0] == '-' ||
                !System.Enum.GetNames(type).Any(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)))
                throw Invalid(name, value, type);
            return System.Enum.Parse(type, text, ignoreCase: true);
        }

        private static int WholeNumber(object value, string name)
        {
            double d = System.Convert.ToDouble(Scalar(value), CultureInfo.InvariantCulture);
            if (d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue) throw Invalid(name, value, typeof(int));
            return (int)d;
        }

        private static bool Boolean(object value, string name)
        {
            if (value is string s)
            {
                if (bool.TryParse(s.Trim(), out bool b)) return b;
                throw Invalid(name, value, typeof(bool));
            }
            if (value is IConvertible) return System.Convert.ToBoolean(value, CultureInfo.InvariantCulture);
            throw Invalid(name, value, typeof(bool));
        }

        private static object Array(object value, Type element, string name)
        {
            var items = value is IEnumerable list && !(value is string) ? list.Cast<object>().ToList() : new List<object> { value };
            var array = System.Array.CreateInstance(element, items.Count);
            for (int i = 0; i < items.Count; i++) array.SetValue(Convert(items[i], element, name), i);
            return array;
        }

        private static Dictionary<string, double> Map(object value, string name)
        {
            if (!(value is IDictionary dictionary)) throw Invalid(name, value, typeof(Dictionary<string, double>));
            var map = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in dictionary)
                map[System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture)] = (double)Convert(entry.Value, typeof(double), name);
            return map;
        }

        private static NeuralNetException Invalid(string name, object value, Type type) =>
            new NeuralNetException("InvalidOptionValue", ErrorKind.InvalidArgument,
                $"-{name} cannot be {Describe(value)}: it takes {TypeText(type)}.", column: name);

        private static string Describe(object value) =>
            value == null ? "empty" : "'" + System.Convert.ToString(value, CultureInfo.InvariantCulture) + "'";

        private static string TypeText(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsEnum) return "one of " + string.Join(", ", System.Enum.GetNames(type));
            if (type == typeof(int)) return "a whole number";
            if (type == typeof(double)) return "a number";
            if (type == typeof(bool)) return "$true or $false";
            if (type == typeof(char)) return "one character";
            if (type.IsArray) return "a list of " + TypeText(type.GetElementType()) + "s";
            if (type == typeof(Dictionary<string, double>)) return "a hashtable of numbers";
            if (type == typeof(Training.ClassWeights)) return "Balanced, None or a hashtable of class = weight";
            return "a " + type.Name;
        }
    }
}
