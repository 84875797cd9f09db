namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks backpropagation against central finite differences, layer by layer.</para>
    /// <para type="description">For every weight and bias, compares the backpropagated gradient with
    /// (L(w+h) − L(w−h)) / 2h over the given labelled rows, and outputs one object per layer: Layer,
    /// Parameters, MaxRelativeError, MaxAbsoluteError and Passed (MaxRelativeError at most -Tolerance).
    /// The relative error is |a − n| / max(|a| + |n|, 1e-6). Each parameter costs two passes over the
    /// rows, so give a few rows (20 is plenty). The network's weights are restored exactly. The check
    /// works in double precision even for a -Precision Single network, because float32 rounding would
    /// swamp the finite differences; it verifies the mathematics the single-precision products share.</para>
    /// </summary>
    /// <example>
    /// <code>Test-NetworkGradient -Network $net -InputObject ($train | Select-Object -First 20) -Target digit</code>
    /// <para>Compares backpropagation with central finite differences on 20 rows; each layer reports its largest relative error and whether it passed.</para>
    /// </example>
    /// <example>
    /// <code>Test-NetworkGradient -Network $tutorial -FeatureMatrix $X -TargetMatrix $Y -Loss SumSquaredError -Epsilon 1e-6 -Tolerance 1e-6</code>
    /// <para>A stricter check with a smaller step and tolerance.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "NetworkGradient", DefaultParameterSetName = RowsSet)]
    [OutputType("NeuralNet.GradientCheck")]
    public sealed class TestNetworkGradientCommand : GradientCommandBase
    {
        /// <summary>
        /// <para type="description">The finite-difference step h. Default 1e-5.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(1e-12, 1.0)]
        public double Epsilon { get; set; } = GradientCheck.DefaultStep;

        /// <summary>
        /// <para type="description">The largest relative error a layer may have and pass. Default 1e-4 (ReLU kinks can exceed it in rare cases).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        public double Tolerance { get; set; } = 1e-4;

        private protected override void Compute(PreparedTraining prepared)
        {
            var checks = GradientCheck.Run(Network.Model.Network, prepared.Train, prepared.Plan.Loss, prepared.Plan.L2, Epsilon);
            foreach (var layer in checks.GroupBy(c => c.Layer))
            {
                double relative = layer.Max(c => c.MaxRelativeError), absolute = layer.Max(c => c.MaxAbsoluteError);
                var result = new PSObject();
                result.TypeNames.Insert(0, "NeuralNet.GradientCheck");
                result.Properties.Add(new PSNoteProperty("Layer", layer.Key));
                result.Properties.Add(new PSNoteProperty("Parameters", layer.Sum(c => c.Analytic.Length)));
                result.Properties.Add(new PSNoteProperty("MaxRelativeError", relative));
                result.Properties.Add(new PSNoteProperty("MaxAbsoluteError", absolute));
                result.Properties.Add(new PSNoteProperty("Passed", relative <= Tolerance && !double.IsNaN(relative)));
                WriteObject(result);
            }
        }
    }
}
