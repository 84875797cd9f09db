namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes a network's training history as an SVG chart or a CSV file.</para>
    /// <para type="description">An .svg path gets a chart of the loss per epoch (title, axes with ticks, training and validation curves, legend);
    /// a .csv path gets one row per epoch (Epoch, Loss, ValidationLoss, MetricName, Metric, ValidationMetric, LearningRate, ElapsedSeconds, Interrupted),
    /// numbers in the invariant culture. -Format overrides the extension. Writes are atomic, as Export-NeuralNetwork's are, with the same -Force, -NoClobber, -PassThru and -WhatIf.</para>
    /// </summary>
    /// <example>
    /// <code>Export-NetworkTrainingHistory -Network $net -Path ./loss.svg</code>
    /// <para>An SVG chart of the training and validation loss, for a report or a browser.</para>
    /// </example>
    /// <example>
    /// <code>$net | Export-NetworkTrainingHistory -Path ./history.csv</code>
    /// <para>The history as CSV, one row per epoch.</para>
    /// </example>
    [Cmdlet(VerbsData.Export, "NetworkTrainingHistory", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportNetworkTrainingHistoryCommand : FileExportCommand
    {
        /// <summary>
        /// <para type="description">The network whose history to write; accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        [NeuralNetworkArgument]
        public NeuralNetwork Network { get; set; }

        /// <summary>
        /// <para type="description">Svg or Csv. Default: from the file's extension.</para>
        /// </summary>
        [Parameter]
        [ValidateSet("Svg", "Csv")]
        public string Format { get; set; }

        /// <summary>
        /// <para type="description">The chart's title. Default: the network's layers and loss function.</para>
        /// </summary>
        [Parameter]
        public string Title { get; set; }

        /// <summary>
        /// <para type="description">Plot the loss on a logarithmic axis (SVG only).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter LogScale { get; set; }

        /// <summary>Writes the file.</summary>
        protected override void ProcessRecord()
        {
            var target = TargetPath;
            var format = Format ?? (target.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "Csv" : target.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? "Svg" : null);
            if (format == null)
                ThrowTerminatingError(ErrorRecords.Create("UnknownFormat", ErrorCategory.InvalidArgument,
                    $"'{target}' ends in neither .svg nor .csv; give -Format Svg or -Format Csv.", target));
            Save(target, Network, $"Export training history as {format}", () =>
            {
                var history = Network.Model.History;
                return format == "Svg"
                    ? SvgChart.Render(new HistorySeries(history), Title ?? $"Training loss of {Network.Layers} ({Network.LossFunction ?? "untrained"})", LogScale)
                    : Csv(history);
            });
        }

        private static string Csv(System.Collections.Generic.IReadOnlyList<Core.Training.EpochRecord> history)
        {
            string N(double? v) => v.HasValue && !double.IsNaN(v.Value) ? v.Value.ToString("R", CultureInfo.InvariantCulture) : "";
            var csv = new StringBuilder("\"Epoch\",\"Loss\",\"ValidationLoss\",\"MetricName\",\"Metric\",\"ValidationMetric\",\"LearningRate\",\"ElapsedSeconds\",\"Interrupted\"\n");
            foreach (var r in history)
            {
                csv.Append(r.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',').Append(N(r.Loss)).Append(',').Append(N(r.ValidationLoss)).Append(',')
                    .Append('"').Append(r.MetricName).Append("\",").Append(N(r.Metric)).Append(',').Append(N(r.ValidationMetric)).Append(',')
                    .Append(N(r.LearningRate)).Append(',').Append(N(r.Elapsed.TotalSeconds)).Append(',').Append(r.Interrupted ? "True" : "False").Append('\n');
            }
            return csv.ToString();
        }
    }
}
