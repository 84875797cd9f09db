using System.Collections.Concurrent;
using System.Reflection;

namespace NeuralNet
{
    /// <summary>
    /// The base of every row Get-NetworkPrediction writes under PowerShell 7: each layout of columns
    /// (the input's, then Prediction and Probability) gets a class of its own, made at run time
    /// (<see cref="PowerShell.Internal.PredictionRecordType"/>), whose properties are those columns.
    /// A PSObject with one note property per column costs about 20 µs to build; an instance of such a
    /// class, well under one. Scripts see plain properties: Select-Object, Export-Csv, ConvertTo-Json
    /// and remoting read them as they read any object's. Its name, NeuralNet.Prediction, is in every
    /// prediction's PSTypeNames, under both builds.
    /// </summary>
    public abstract class Prediction
    {
        private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new ConcurrentDictionary<Type, PropertyInfo[]>();

        /// <summary>For the made classes only.</summary>
        protected Prediction()
        {
        }

        /// <summary>"@{name=value; …}", as a [pscustomobject] prints inside a string.</summary>
        public override string ToString()
        {
            var properties = Properties.GetOrAdd(GetType(), type => type.GetProperties(BindingFlags.Instance | BindingFlags.Public).OrderBy(p => p.MetadataToken).ToArray());
            return "@{" + string.Join("; ", properties.Select(p => p.Name + "=" + Convert.ToString(p.GetValue(this), CultureInfo.InvariantCulture))) + "}";
        }
    }
}
