using System;
using System.Management.Automation;
using NeuralNet.Core;
using NeuralNet.Core.Persistence;

namespace NeuralNet.PowerShell
{
    /// <summary>
    /// Rebuilds a live <see cref="NeuralNetwork"/> from the property bag PowerShell's serializer makes of
    /// one (Start-Job, Invoke-Command, Import-Clixml), or from the JSON text of a saved network. Only
    /// our own JSON schema is read; nothing in the data names a type to create.
    /// </summary>
    public sealed class NeuralNetworkConverter : PSTypeConverter
    {
        private const string DeserializedTypeName = "Deserialized.NeuralNet.PowerShell.NeuralNetwork";

        public override bool CanConvertFrom(object sourceValue, Type destinationType) =>
            destinationType == typeof(NeuralNetwork) && JsonOf(sourceValue) != null;

        public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase)
        {
            var json = JsonOf(sourceValue) ?? throw new PSInvalidCastException("Only a serialized NeuralNetwork (with its ModelJson) or a saved network's JSON text converts to a NeuralNetwork.");
            try
            {
                return new NeuralNetwork(ModelFile.Read(json, "the serialized network"));
            }
            catch (NeuralNetException e)
            {
                throw new PSInvalidCastException(e.Message, e);
            }
        }

        public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

        public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
            throw new PSInvalidCastException("A NeuralNetwork converts to nothing else; use its properties or Export-NeuralNetwork.");

        private static string JsonOf(object value)
        {
            if (value is PSObject bag)
            {
                if (bag.BaseObject is string text) return LooksLikeModel(text) ? text : null;
                if (!bag.TypeNames.Contains(DeserializedTypeName)) return null;
                return bag.Properties["ModelJson"]?.Value as string;
            }
            return value is string s && LooksLikeModel(s) ? s : null;
        }

        private static bool LooksLikeModel(string text) => text.TrimStart().StartsWith("{", StringComparison.Ordinal) && text.Contains(ModelFile.FormatName);
    }
}
