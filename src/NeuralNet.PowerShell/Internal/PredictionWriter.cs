using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using NeuralNet.Core.Data;
using NeuralNet.Core.Inference;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Builds prediction output: a copy of the input row (the input is never modified) plus the
    /// prediction columns (<see cref="PredictionColumns"/>), read from the network's outputs in place.
    /// The row's target, Prediction and Probability print as a table, through a type registered once
    /// per runspace rather than a display set made for every object; every other property is still
    /// there for Select-Object and Export-Csv.
    /// </summary>
    internal sealed class PredictionWriter
    {
        public const string TypeName = "NeuralNet.Prediction";

        private static readonly HashSet<string> Registered = new HashSet<string>(StringComparer.Ordinal);

        private readonly DataSchema _schema;
        private readonly string[] _names;
        private readonly HashSet<string> _own;
        private readonly string _typeName;

        public PredictionWriter(PSCmdlet cmdlet, DataSchema schema)
        {
            _schema = schema;
            _names = PredictionColumns.All(schema).ToArray();
            _own = new HashSet<string>(_names, StringComparer.OrdinalIgnoreCase);
            int count = schema.Targets.Count;
            var display = schema.Targets.Select(t => t.Name)
                .Concat(schema.Targets.SelectMany(t => t is ClassTarget ? new[] { PredictionColumns.Prediction(t, count), PredictionColumns.Probability(t, count) } : new[] { PredictionColumns.Prediction(t, count) }))
                .ToArray();
            _typeName = TypeName + "#" + string.Join(",", display);
            Register(cmdlet, _typeName, display);
        }

        /// <summary>A copy of <paramref name="input"/> with the predictions of one output row (outputs[offset …]).</summary>
        public PSObject For(object input, double[] outputs, int offset) => WithPredictions(CopyOf(input, _own), outputs, offset);

        /// <summary>
        /// Row <paramref name="row"/> of a parsed file with its predictions, built straight from the table's cells
        /// (no intermediate object to copy).
        /// </summary>
        public PSObject For(RawTable table, int row, double[] outputs, int offset)
        {
            var result = new PSObject();
            var properties = result.Properties;
            var copied = CopiedColumns(table);
            for (int c = 0; c < copied.Length; c++)
            {
                if (!copied[c]) continue;
                var cell = table[row, c];   // read in place: no array of the row's cells
                if (cell != RawTable.MissingProperty) properties.Add(new PSNoteProperty(table.Columns[c], cell), true);
            }
            return WithPredictions(result, outputs, offset);
        }

        /// <summary>Per column of <paramref name="table"/>, whether rows keep it (the prediction columns replace an old one); worked out once per table.</summary>
        private bool[] CopiedColumns(RawTable table)
        {
            if (ReferenceEquals(table, _copiedFor)) return _copied;
            _copied = table.Columns.Select(name => !_own.Contains(name)).ToArray();
            _copiedFor = table;
            return _copied;
        }

        private RawTable _copiedFor;
        private bool[] _copied;

        // Members are added pre-validated: each name is unique (the copy leaves out the prediction
        // columns), and validation would look every name up in the type tables, row after row.
        private PSObject WithPredictions(PSObject result, double[] outputs, int offset)
        {
            // The names come from _names, made once in PredictionColumns' order, so a row makes no strings.
            var properties = result.Properties;
            int name = 0;
            foreach (var target in _schema.Targets)
            {
                if (target is ClassTarget classes)
                {
                    int best = classes.BestClass(outputs, offset);
                    properties.Add(new PSNoteProperty(_names[name++], classes.Classes[best]), true);
                    properties.Add(new PSNoteProperty(_names[name++], classes.Probability(outputs, offset, best)), true);
                    if (PredictionColumns.HasClassProbabilities(_schema.Targets.Count))
                        for (int j = 0; j < classes.ClassCount; j++)
                            properties.Add(new PSNoteProperty(_names[name++], classes.Probability(outputs, offset, j)), true);
                }
                else properties.Add(new PSNoteProperty(_names[name++], ((ValueTarget)target).Value(outputs, offset)), true);
                offset += target.Width;
            }
            result.TypeNames.Insert(0, _typeName);
            result.TypeNames.Insert(1, TypeName);
            return result;
        }

        /// <summary>A row of a network trained on matrices with one output: the row plus Prediction, the raw output.</summary>
        public static PSObject WithRawPrediction(object input, double value)
        {
            var result = CopyOf(input, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Prediction" });
            result.Properties.Add(new PSNoteProperty("Prediction", value));
            result.TypeNames.Insert(0, TypeName);
            return result;
        }

        /// <summary>A raw network output row, for matrices: Row (1-based) and Prediction (a number, or an array for several outputs).</summary>
        public static PSObject ForMatrixRow(int row, double[] outputs, int offset, int width)
        {
            var result = new PSObject();
            result.Properties.Add(new PSNoteProperty("Row", row));
            if (width == 1) result.Properties.Add(new PSNoteProperty("Prediction", outputs[offset]));
            else
            {
                var values = new double[width];
                Array.Copy(outputs, offset, values, 0, width);
                result.Properties.Add(new PSNoteProperty("Prediction", values));
            }
            result.TypeNames.Insert(0, TypeName + ".Matrix");
            return result;
        }

        /// <summary>The input's properties, in order, but those the predictions replace (an input may carry an old Prediction).</summary>
        private static PSObject CopyOf(object input, HashSet<string> replaced)
        {
            var result = new PSObject();
            var properties = result.Properties;
            var source = input is PSObject pso ? pso : PSObject.AsPSObject(input);
            if (source.BaseObject is IDictionary dictionary)
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (DictionaryEntry entry in dictionary)
                {
                    var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                    if (!replaced.Contains(name) && seen.Add(name)) properties.Add(new PSNoteProperty(name, entry.Value), true);
                }
                return result;
            }
            foreach (var property in source.Properties)
            {
                if (replaced.Contains(property.Name)) continue;
                object value;
                try
                {
                    value = property.Value;
                }
                catch (GetValueException)
                {
                    value = null;
                }
                properties.Add(new PSNoteProperty(property.Name, value), true);
            }
            return result;
        }

        /// <summary>Gives the type its default display properties in this runspace, once (type data belongs to a runspace).</summary>
        private static void Register(PSCmdlet cmdlet, string typeName, string[] display)
        {
            var key = (Runspace.DefaultRunspace?.InstanceId.ToString() ?? "") + "/" + typeName;
            lock (Registered)
                if (Registered.Contains(key)) return;
            var data = new TypeData(typeName) { DefaultDisplayPropertySet = new PropertySetData(display) };
            // In a scope of its own: the script's parameter must not overwrite a variable of the caller's.
            cmdlet.InvokeCommand.InvokeScript(true, ScriptBlock.Create("param($typeData) Update-TypeData -TypeData $typeData -Force"), null, data);
            lock (Registered) Registered.Add(key);
        }
    }
}
