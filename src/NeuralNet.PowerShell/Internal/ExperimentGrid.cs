using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using NeuralNet.PowerShell.Commands;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>One point of a parameter grid: its values, split by the cmdlet that takes them.</summary>
    internal sealed class ExperimentConfiguration
    {
        public int Index { get; set; }

        /// <summary>Every grid parameter and its value here, in the grid's (sorted) key order.</summary>
        public List<KeyValuePair<string, object>> Values { get; } = new List<KeyValuePair<string, object>>();

        public Hashtable NetworkParameters { get; } = new Hashtable(StringComparer.OrdinalIgnoreCase);

        public Hashtable TrainingParameters { get; } = new Hashtable(StringComparer.OrdinalIgnoreCase);

        public override string ToString() => string.Join(", ", Values.Select(v => "-" + v.Key + " " + Describe(v.Value)));

        private static string Describe(object value) =>
            value is Array array ? string.Join(",", array.Cast<object>()) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Expands -ParameterGrid into the cross product of its values. Each key must name a parameter of
    /// New-NeuralNetwork or Invoke-NetworkTraining (Seed goes to both); keys are taken in name order so
    /// configuration numbers never depend on a hashtable's ordering.
    /// </summary>
    internal static class ExperimentGrid
    {
        /// <summary>Parameters the experiment sets itself, so a grid may not.</summary>
        private static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Network", "InputObject", "Target", "Feature", "Path", "Delimiter", "FeatureMatrix", "TargetMatrix",
            "ValidationData", "ValidationFeatureMatrix", "ValidationTargetMatrix",
        };

        public static List<ExperimentConfiguration> Expand(IDictionary grid)
        {
            var networkParameters = ParameterNames(typeof(NewNeuralNetworkCommand));
            var trainingParameters = ParameterNames(typeof(InvokeNetworkTrainingCommand));
            var keys = grid.Keys.Cast<object>().Select(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToList();
            if (keys.Count == 0)
                throw new ArgumentException("-ParameterGrid is empty; give at least one parameter and its values, for example @{ HiddenLayers = 4, 8 }.");
            var axes = new List<(string Name, object[] Values, bool ForNetwork, bool ForTraining)>();
            foreach (var key in keys)
            {
                bool forNetwork = networkParameters.TryGetValue(key, out var networkName);
                bool forTraining = trainingParameters.TryGetValue(key, out var trainingName);
                if ((!forNetwork && !forTraining) || Reserved.Contains(key))
                    throw new ArgumentException($"-ParameterGrid names '{key}', which is not a parameter an experiment can vary. Use parameters of New-NeuralNetwork " +
                        $"({string.Join(", ", networkParameters.Values.Where(n => !Reserved.Contains(n)).OrderBy(n => n))}) or Invoke-NetworkTraining " +
                        $"({string.Join(", ", trainingParameters.Values.Where(n => !Reserved.Contains(n)).OrderBy(n => n))}).");
                var name = networkName ?? trainingName;
                var values = Values(grid[GridKey(grid, key)]);
                if (values.Length == 0) throw new ArgumentException($"-ParameterGrid gives no values for '{name}'.");
                axes.Add((name, values, forNetwork, forTraining));
            }
            var result = new List<ExperimentConfiguration>();
            var index = new int[axes.Count];
            while (true)
            {
                var configuration = new ExperimentConfiguration { Index = result.Count + 1 };
                for (int a = 0; a < axes.Count; a++)
                {
                    var (name, values, forNetwork, forTraining) = axes[a];
                    var value = values[index[a]];
                    configuration.Values.Add(new KeyValuePair<string, object>(name, value));
                    if (forNetwork) configuration.NetworkParameters[name] = value;
                    if (forTraining) configuration.TrainingParameters[name] = value;
                }
                result.Add(configuration);
                int d = axes.Count - 1;
                while (d >= 0 && ++index[d] == axes[d].Values.Length) index[d--] = 0;
                if (d < 0) break;
            }
            return result;
        }

        private static object GridKey(IDictionary grid, string key) =>
            grid.Keys.Cast<object>().First(k => string.Equals(Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture), key, StringComparison.OrdinalIgnoreCase));

        /// <summary>A grid value is a list of alternatives; a single value is one alternative. Switches take $true/$false.</summary>
        private static object[] Values(object value)
        {
            value = value is PSObject pso ? pso.BaseObject : value;
            if (value is string || !(value is IEnumerable list)) return new[] { value };
            return list.Cast<object>().Select(v => v is PSObject p ? p.BaseObject : v).ToArray();
        }

        private static Dictionary<string, string> ParameterNames(Type command)
        {
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in command.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttributes(typeof(ParameterAttribute), true).Length == 0) continue;
                names[property.Name] = property.Name;
                foreach (AliasAttribute alias in property.GetCustomAttributes(typeof(AliasAttribute), true))
                    foreach (var a in alias.AliasNames) names[a] = property.Name;
            }
            return names;
        }
    }
}
