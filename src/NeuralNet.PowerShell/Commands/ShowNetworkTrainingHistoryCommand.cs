namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Draws a network's loss curve in the console.</para>
    /// <para type="description">Plots the training loss of every epoch (and the validation loss, where it was measured) with Unicode braille characters,
    /// with a labelled loss axis and epoch axis, fitted to the console's width. The chart is written as lines of text, so it can also be saved with Out-File.</para>
    /// </summary>
    /// <example>
    /// <code>Show-NetworkTrainingHistory -Network $net</code>
    /// <para>Draws the loss per epoch (and the validation loss, when it was measured) in the console.</para>
    /// </example>
    /// <example>
    /// <code>$net | Show-NetworkTrainingHistory -LogScale -Width 100 -Height 20 | Out-File ./loss.txt</code>
    /// <para>A taller chart on a logarithmic loss axis, saved as text.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Show, "NetworkTrainingHistory")]
    [OutputType(typeof(string))]
    public sealed class ShowNetworkTrainingHistoryCommand : PSCmdlet
    {
        /// <summary>
        /// <para type="description">The network whose history to draw; accepts pipeline input.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        [NeuralNetworkArgument]
        public NeuralNetwork Network { get; set; }

        /// <summary>
        /// <para type="description">Characters per line. Default: the console's width (80 when there is no console).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(30, 1000)]
        public int Width { get; set; }

        /// <summary>
        /// <para type="description">Lines of the plot area. Default 16.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(4, 200)]
        public int Height { get; set; } = 16;

        /// <summary>
        /// <para type="description">Plot the loss on a logarithmic axis, which shows progress over several orders of magnitude.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter LogScale { get; set; }

        /// <summary>
        /// <para type="description">Draw the two curves in colour (ANSI). Default: when PowerShell renders colour ($PSStyle.OutputRendering is not PlainText).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter Color { get; set; }

        /// <summary>Draws the chart.</summary>
        protected override void ProcessRecord()
        {
            int width = Width > 0 ? Width : ConsoleWidth();
            bool colour = MyInvocation.BoundParameters.ContainsKey(nameof(Color)) ? Color.IsPresent : HostRendersColour();
            var title = $"Loss of {Network.Layers} ({Network.EpochsTrained} epochs, {Network.LossFunction ?? "untrained"})";
            foreach (var line in ConsoleChart.Render(new HistorySeries(Network.Model.History), width, Height, LogScale, title, colour)) WriteObject(line);
        }

        /// <summary>PowerShell 7's $PSStyle.OutputRendering; Windows PowerShell 5.1 has none, and gets plain text.</summary>
        private bool HostRendersColour()
        {
            var style = GetVariableValue("PSStyle") as PSObject;
            var rendering = style?.Properties["OutputRendering"]?.Value?.ToString();
            return rendering != null && !string.Equals(rendering, "PlainText", StringComparison.OrdinalIgnoreCase);
        }

        private int ConsoleWidth()
        {
            try
            {
                int width = Host?.UI?.RawUI?.WindowSize.Width ?? 0;
                return width >= 30 ? Math.Min(width - 1, 200) : 80;
            }
            catch (Exception e) when (e is NotImplementedException || e is System.Management.Automation.Host.HostException || e is NotSupportedException || e is System.IO.IOException)
            {
                return 80;
            }
        }
    }
}
