namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Draws feature importances (from Get-NetworkFeatureImportance) as an SVG bar chart.</para>
    /// <para type="description">Takes the objects Get-NetworkFeatureImportance writes from the pipeline and draws one horizontal bar per column, in the order they arrive (the most important first),
    /// from zero (a negative importance points left), with a whisker of ± one standard deviation and the value at the bar's end; the axis says which score's drop the bars measure.
    /// Any object with a Column and a numeric Importance will do (StandardDeviation and Metric are optional), so a Select-Object or Sort-Object in between, or rows read back with Import-Csv, draw as well.
    /// Writes are atomic, as Export-NeuralNetwork's are, with the same -Force, -NoClobber, -PassThru and -WhatIf.</para>
    /// </summary>
    /// <example>
    /// <code>Get-NetworkFeatureImportance -Network $net -Path ./test.csv -Repeats 5 -Seed 1 | Export-NetworkFeatureImportance -Path ./importance.svg</code>
    /// <para>A bar chart of every column's importance, the most important at the top.</para>
    /// </example>
    /// <example>
    /// <code>$importance | Select-Object -First 10 | Export-NetworkFeatureImportance -Path ./top10.svg -Title 'Churn: the ten columns that matter most' -PassThru</code>
    /// <para>The ten most important columns only, with a title of your own; returns the written file.</para>
    /// </example>
    [Cmdlet(VerbsData.Export, "NetworkFeatureImportance", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportNetworkFeatureImportanceCommand : FileExportCommand
    {
        private readonly List<ImportanceBar> _bars = new List<ImportanceBar>();
        private readonly HashSet<string> _columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private string _metric;

        /// <summary>
        /// <para type="description">The importances to draw: the objects of Get-NetworkFeatureImportance (or any with Column and Importance); accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject[] InputObject { get; set; }

        /// <summary>
        /// <para type="description">The chart's title. Default: "Feature importance" and the metric.</para>
        /// </summary>
        [Parameter]
        public string Title { get; set; }

        /// <summary>Checks the path before any object arrives.</summary>
        protected override void BeginProcessing() => SavedFile.Check(this, TargetPath, Force, NoClobber);

        /// <summary>Collects the bars, refusing an object that is not an importance.</summary>
        protected override void ProcessRecord()
        {
            foreach (var item in InputObject) _bars.Add(Bar(item));
        }

        /// <summary>Draws and writes the chart.</summary>
        protected override void EndProcessing()
        {
            if (_bars.Count == 0)
                ThrowTerminatingError(ErrorRecords.Create("NoImportance", ErrorCategory.InvalidArgument,
                    "No importances came down the pipeline; pipe in the output of Get-NetworkFeatureImportance.", TargetPath));
            string metric = _metric ?? "the score";
            Save(TargetPath, $"Export feature importance of {_bars.Count} columns as SVG",
                () => ImportanceChart.Render(_bars, metric, Title ?? (_metric == null ? "Feature importance" : $"Feature importance ({_metric})")));
        }

        private ImportanceBar Bar(PSObject item)
        {
            string column = Read(item, "Column") is object name ? LanguagePrimitives.ConvertTo<string>(name) : null;
            if (string.IsNullOrEmpty(column)) Refuse(item, "has no Column");
            double importance = Number(item, "Importance", column, required: true);
            double deviation = Number(item, "StandardDeviation", column, required: false);
            if (deviation < 0) Refuse(item, $"(column '{column}') has a negative StandardDeviation");
            if (!_columns.Add(column))
                ThrowTerminatingError(ErrorRecords.Create("DuplicateImportanceColumn", ErrorCategory.InvalidArgument,
                    $"The column '{column}' came twice, so these importances are from more than one measurement. Export each Get-NetworkFeatureImportance result to its own file.", item));
            if (Read(item, "Metric") is object given)
            {
                var metric = LanguagePrimitives.ConvertTo<string>(given);
                if (_metric != null && !string.Equals(_metric, metric, StringComparison.OrdinalIgnoreCase))
                    ThrowTerminatingError(ErrorRecords.Create("MixedImportanceMetrics", ErrorCategory.InvalidArgument,
                        $"The column '{column}' was measured by {metric} but earlier ones by {_metric}; one chart shows one score's drops. Export each measurement to its own file.", item));
                _metric = _metric ?? metric;
            }
            return new ImportanceBar(column, importance, deviation);
        }

        /// <summary>A finite number from the property, 0 when an optional one is absent.</summary>
        private double Number(PSObject item, string property, string column, bool required)
        {
            var value = Read(item, property);
            if (value == null)
            {
                if (required) Refuse(item, $"(column '{column}') has no {property}");
                return 0;
            }
            if (!LanguagePrimitives.TryConvertTo(value, CultureInfo.InvariantCulture, out double number) || double.IsNaN(number) || double.IsInfinity(number))
                Refuse(item, $"(column '{column}') has {property} '{value}', which is not a finite number");
            return number;
        }

        /// <summary>A property of an object, or a key of a hashtable; null when there is none.</summary>
        private static object Read(PSObject item, string name)
        {
            if (item.BaseObject is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                    if (string.Equals(Convert.ToString(entry.Key, CultureInfo.InvariantCulture), name, StringComparison.OrdinalIgnoreCase)) return Unwrap(entry.Value);
                return null;
            }
            return Unwrap(item.Properties[name]?.Value);
        }

        private static object Unwrap(object value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        private void Refuse(PSObject item, string what) =>
            ThrowTerminatingError(ErrorRecords.Create("NotFeatureImportance", ErrorCategory.InvalidArgument,
                $"An object piped to Export-NetworkFeatureImportance {what}. It draws what Get-NetworkFeatureImportance writes: objects with a Column, a numeric Importance and, optionally, StandardDeviation and Metric.", item));
    }
}
