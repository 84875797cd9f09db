namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Computes the gradient of the loss with respect to every weight and bias, by backpropagation.</para>
    /// <para type="description">Runs one forward and one backward pass over the given labelled rows (all of them,
    /// as one batch) and outputs one object per layer: Layer, Inputs, Units, Weights (Inputs rows of Units
    /// values: the gradient of w_ij, the tutorial's g_wij and g_wjk), Bias (or null without biases) and Loss.
    /// The network is not changed.</para>
    /// </summary>
    /// <example>
    /// <code>Get-NetworkGradient -Network $tutorial -FeatureMatrix $X -TargetMatrix $Y -Loss SumSquaredError</code>
    /// <para>The gradient of the tutorial's loss at its starting weights, per layer; the tutorial's g_wij and g_wjk are the negatives of the Weights shown.</para>
    /// </example>
    /// <example>
    /// <code>$rows | Select-Object -First 10 | Get-NetworkGradient -Network $net | ForEach-Object { [math]::Sqrt(($_.Weights | ForEach-Object { $_ } | ForEach-Object { $_ * $_ } | Measure-Object -Sum).Sum) }</code>
    /// <para>The size of each layer's weight gradient on ten rows, a quick look for vanishing or exploding gradients.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "NetworkGradient", DefaultParameterSetName = RowsSet)]
    [OutputType("NeuralNet.LayerGradient")]
    public sealed class GetNetworkGradientCommand : GradientCommandBase
    {
        private protected override void Compute(PreparedTraining prepared)
        {
            var network = Network.Model.Network;
            var evaluator = new GradientEvaluator(network, prepared.Plan.Loss, prepared.Plan.L2, prepared.Train.Rows);
            double loss = evaluator.Evaluate(prepared.Train) + evaluator.Penalty;
            int block = 0;
            for (int l = 0; l < network.Layers.Count; l++)
            {
                var layer = network.Layers[l];
                var weights = evaluator.Gradients[block++];
                var bias = layer.HasBias ? (double[])evaluator.Gradients[block++].Clone() : null;
                var result = new PSObject();
                result.TypeNames.Insert(0, "NeuralNet.LayerGradient");
                result.Properties.Add(new PSNoteProperty("Layer", l + 1));
                result.Properties.Add(new PSNoteProperty("Inputs", layer.Inputs));
                result.Properties.Add(new PSNoteProperty("Units", layer.Units));
                result.Properties.Add(new PSNoteProperty("Weights", Matrices.ToRows(weights, layer.Inputs, layer.Units)));
                result.Properties.Add(new PSNoteProperty("Bias", bias));
                result.Properties.Add(new PSNoteProperty("Loss", loss));
                WriteObject(result);
            }
        }
    }
}
