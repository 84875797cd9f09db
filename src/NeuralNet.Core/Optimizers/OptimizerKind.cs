namespace NeuralNet.Core.Optimizers
{
    /// <summary>The update rule applied to the gradients.</summary>
    public enum OptimizerKind
    {
        /// <summary>w ← w − η·g: the tutorial's rule.</summary>
        GradientDescent,
        /// <summary>Heavy-ball momentum (optionally Nesterov), as PyTorch's SGD.</summary>
        Momentum,
        /// <summary>Kingma &amp; Ba (2015).</summary>
        Adam,
        /// <summary>Adam with decoupled weight decay, Loshchilov &amp; Hutter (2019).</summary>
        AdamW,
        /// <summary>Tieleman &amp; Hinton (2012).</summary>
        RMSProp,
        /// <summary>iRPROP−, Igel &amp; Hüsken (2000): per-weight step sizes from gradient signs; no learning rate.</summary>
        Rprop,
        /// <summary>Full-batch L-BFGS (MathNet.Numerics' minimizer with a Wolfe line search); no learning rate.</summary>
        Lbfgs,
    }
}
