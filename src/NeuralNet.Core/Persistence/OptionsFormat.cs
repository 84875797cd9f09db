using System.Collections;
using System.Reflection;
using NeuralNet.Core.Options;

namespace NeuralNet.Core.Persistence
{
    /// <summary>
    /// Saves and reads an options object (<see cref="Training.TrainingOptions"/>) as a JSON object of its
    /// properties, camel-cased (or as <see cref="PersistedAsAttribute"/> says), in declaration order: a new
    /// option is saved and read with no code here. Reading leaves an absent property at its default, so
    /// files written before an option existed still load, and checks the ranges the options declare.
    /// </summary>
    public static class OptionsFormat
    {
        /// <summary>Each property's saved name and JSON text, in declaration order.</summary>
        public static IEnumerable<KeyValuePair<string, string>> Write(object options)
        {
            foreach (var property in Ordered(options.GetType()))
                yield return new KeyValuePair<string, string>(NameOf(property), Value(property.GetValue(options)));
        }

        /// <summary>Sets the properties a parsed JSON object holds; throws NeuralNetException (InvalidOptionValue) naming the property.</summary>
        public static T Read<T>(IDictionary<string, object> json, T options)
        {
            foreach (var property in Ordered(typeof(T)))
            {
                if (!json.TryGetValue(NameOf(property), out var value)) continue;
                property.SetValue(options, OptionBinder.Convert(value, property.PropertyType, property.Name));
            }
            OptionBinder.Validate(options);
            return options;
        }

        /// <summary>The name a property is saved under.</summary>
        public static string NameOf(PropertyInfo property) =>
            property.GetCustomAttribute<PersistedAsAttribute>()?.Name ?? char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1);

        private static IEnumerable<PropertyInfo> Ordered(Type type) => OptionBinder.Properties(type).Values.OrderBy(p => p.MetadataToken);

        /// <summary>An option's value as JSON text: numbers exact (round-trip), enums and characters as strings, lists as arrays, maps as objects.</summary>
        internal static string Value(object value)
        {
            switch (value)
            {
                case null: return "null";
                case bool b: return b ? "true" : "false";
                case char c: return Json.Quote(c.ToString());
                case int i: return i.ToString(CultureInfo.InvariantCulture);
                case double d: return Json.Number(d);
                case string s: return Json.Quote(s);
                case Enum e: return Json.Quote(e.ToString());
                case Training.ClassWeights weights: return weights.ToJson();
                case IDictionary<string, double> map:
                    return "{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Json.Quote(p.Key) + ": " + Json.Number(p.Value))) + "}";
                case IEnumerable list:
                    return "[" + string.Join(", ", list.Cast<object>().Select(Value)) + "]";
                default:
                    throw new NotSupportedException($"Options of type {value.GetType().Name} cannot be saved.");
            }
        }
    }
}
