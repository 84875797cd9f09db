using System.Collections;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Expands a parameter grid into the cross product of its values. Keys are taken in name order, so
    /// configuration numbers never depend on a hashtable's ordering; the last key varies fastest.
    /// </summary>
    public static class ParameterGrid
    {
        /// <param name="grid">Each parameter with its alternatives: a list (or one value). A value that is itself a list is one alternative when nested in a list.</param>
        public static IReadOnlyList<Configuration> Expand(IEnumerable<KeyValuePair<string, object>> grid)
        {
            var axes = grid.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p =>
            {
                Configuration.Require(p.Key);
                var values = Alternatives(p.Value);
                if (values.Length == 0)
                    throw new NeuralNetException("InvalidParameterGrid", ErrorKind.InvalidArgument, $"-ParameterGrid gives no values for '{p.Key}'.", column: p.Key);
                return (Name: p.Key, Values: values);
            }).ToList();
            if (axes.Count == 0)
                throw new NeuralNetException("InvalidParameterGrid", ErrorKind.InvalidArgument,
                    "-ParameterGrid is empty; give at least one parameter and its values, for example @{ HiddenLayers = 4, 8 }.");
            for (int a = 1; a < axes.Count; a++)
                if (string.Equals(axes[a].Name, axes[a - 1].Name, StringComparison.OrdinalIgnoreCase))
                    throw new NeuralNetException("InvalidParameterGrid", ErrorKind.InvalidArgument, $"-ParameterGrid names '{axes[a].Name}' twice.", column: axes[a].Name);

            var result = new List<Configuration>();
            var index = new int[axes.Count];
            while (true)
            {
                var configuration = new Configuration(result.Count + 1, axes.Select((axis, a) => new KeyValuePair<string, object>(axis.Name, axis.Values[index[a]])));
                configuration.Check();
                result.Add(configuration);
                int d = axes.Count - 1;
                while (d >= 0 && ++index[d] == axes[d].Values.Length) index[d--] = 0;
                if (d < 0) return result;
            }
        }

        private static object[] Alternatives(object value)
        {
            if (value is string || !(value is IEnumerable list)) return new[] { value };
            return list.Cast<object>().ToArray();
        }
    }
}
