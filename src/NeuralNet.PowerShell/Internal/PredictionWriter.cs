using System.Collections;
using System.Globalization;
using System.Management.Automation;
using NeuralNet.Core.Data;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Builds prediction output: a copy of the input row (the input is never modified) plus Prediction,
    /// and for classes Probability and one Probability_&lt;class&gt; per class. Several targets get
    /// Prediction_&lt;target&gt; and Probability_&lt;target&gt; instead.
    /// </summary>
    internal static class PredictionWriter
    {
        public const string TypeName = "NeuralNet.Prediction";

        public static PSObject WithPredictions(object input, TargetPrediction[] predictions)
        {
            var result = CopyOf(input);
            bool several = predictions.Length > 1;
            var display = new System.Collections.Generic.List<string>();
            foreach (var p in predictions) display.Add(p.Target);
            foreach (var p in predictions)
            {
                string suffix = several ? "_" + p.Target : "";
                display.Add("Prediction" + suffix);
                if (p.IsClassification) display.Add("Probability" + suffix);
                if (!p.IsClassification)
                {
                    Set(result, "Prediction" + suffix, p.Value);
                    continue;
                }
                Set(result, "Prediction" + suffix, p.Label);
                Set(result, "Probability" + suffix, p.Probabilities[p.ClassIndex]);
                if (several) continue;
                // per-class probabilities, for single-target classification
                var schemaClasses = p.Probabilities.Length;
                for (int c = 0; c < schemaClasses; c++) Set(result, "Probability_" + ClassName(p, c), p.Probabilities[c]);
            }
            // The row's target (when it has one), the prediction and its probability print as a table;
            // every other property is still there for Select-Object and Export-Csv.
            DisplaySet.Apply(result, display);
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
                System.Array.Copy(outputs, offset, values, 0, width);
                result.Properties.Add(new PSNoteProperty("Prediction", values));
            }
            result.TypeNames.Insert(0, TypeName + ".Matrix");
            return result;
        }

        private static string ClassName(TargetPrediction p, int index) => p.ClassNames?[index] ?? index.ToString(CultureInfo.InvariantCulture);

        private static PSObject CopyOf(object input)
        {
            var result = new PSObject();
            var source = input is PSObject pso ? pso : PSObject.AsPSObject(input);
            if (source.BaseObject is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                    Set(result, System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture), entry.Value);
                return result;
            }
            foreach (var property in source.Properties)
            {
                object value;
                try
                {
                    value = property.Value;
                }
                catch (GetValueException)
                {
                    value = null;
                }
                Set(result, property.Name, value);
            }
            return result;
        }

        private static void Set(PSObject target, string name, object value)
        {
            var existing = target.Properties[name];
            if (existing != null) target.Properties.Remove(name);
            target.Properties.Add(new PSNoteProperty(name, value));
        }
    }
}
