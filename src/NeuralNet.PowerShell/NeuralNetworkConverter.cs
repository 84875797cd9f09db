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

        /// <summary>True for what <see cref="FromSerialized"/> takes, even when it is damaged: the conversion then says what is wrong.</summary>
        public override bool CanConvertFrom(object sourceValue, Type destinationType) =>
            destinationType == typeof(NeuralNetwork) && IsSerialized(sourceValue);

        public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase)
        {
            if (!IsSerialized(sourceValue))
                throw new PSInvalidCastException("Only a serialized NeuralNetwork (with its ModelJson) or a saved network's JSON text converts to a NeuralNetwork.");
            try
            {
                return FromSerialized(sourceValue);
            }
            catch (NeuralNetException e)
            {
                throw new PSInvalidCastException(e.Message, e);
            }
        }

        public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

        public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
            throw new PSInvalidCastException("A NeuralNetwork converts to nothing else; use its properties or Export-NeuralNetwork.");

        /// <summary>A deserialized NeuralNetwork (by its type name), or a string holding a saved network's JSON.</summary>
        internal static bool IsSerialized(object value)
        {
            if (value is PSObject bag && !(bag.BaseObject is string)) return bag.TypeNames.Contains(DeserializedTypeName);
            return (value is PSObject wrapped ? wrapped.BaseObject : value) is string text && LooksLikeModel(text);
        }

        /// <summary>The network a serialized one (see <see cref="IsSerialized"/>) describes; NeuralNetException says what is missing or wrong.</summary>
        internal static NeuralNetwork FromSerialized(object value)
        {
            if ((value is PSObject wrapped ? wrapped.BaseObject : value) is string text)
                return new NeuralNetwork(ModelFile.Read(text, "JSON text"));
            var property = ((PSObject)value).Properties["ModelJson"];
            if (property == null)
                throw new NeuralNetException("SerializedNetworkIncomplete", ErrorKind.InvalidData,
                    "The serialized NeuralNetwork has no ModelJson property, the string that holds the whole network: it was renamed or removed after serialization, " +
                    "or the network was being trained by another thread while it was serialized. " +
                    "Serialize the network again (Export-Clixml, or return it from the job or session), or save it with Export-NeuralNetwork and load it with Import-NeuralNetwork.");
            var raw = property.Value is PSObject inner ? inner.BaseObject : property.Value;
            if (!(raw is string json))
                throw new NeuralNetException("SerializedNetworkIncomplete", ErrorKind.InvalidData,
                    $"The serialized NeuralNetwork's ModelJson property holds {(raw == null ? "nothing" : "a " + raw.GetType().Name)}, not the string of the network's JSON; it was changed after serialization. " +
                    "Serialize the network again, or save it with Export-NeuralNetwork and load it with Import-NeuralNetwork.");
            return new NeuralNetwork(ModelFile.Read(json, "ModelJson"));
        }

        private static bool LooksLikeModel(string text) => text.TrimStart().StartsWith("{", StringComparison.Ordinal) && text.Contains(ModelFile.FormatName);
    }
}
