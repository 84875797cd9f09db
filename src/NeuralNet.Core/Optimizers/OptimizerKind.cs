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
        /// <summary>iRPROP−, Igel &amp; Hüsken (2000): per-weight step sizes from gradient signs; the learning rate is only its first step size.</summary>
        Rprop,
        /// <summary>Full-batch L-BFGS (MathNet.Numerics' minimizer with a Wolfe line search); no learning rate.</summary>
        Lbfgs,
    }

    /// <summary>
    /// Each <see cref="OptimizerKind"/>'s rule (<see cref="OptimizerRule"/>): what the resolver, the solvers
    /// and the model file ask, so a new optimizer is an enum value, one row here and its own class.
    /// </summary>
    public static class OptimizerTable
    {
        private static readonly OptimizerRule[] Rules = ChoiceTable.Of<OptimizerKind, OptimizerRule>("optimizer", row => row.Kind,
            new OptimizerRule(OptimizerKind.GradientDescent, 0.01, false, (n, rate, decay, _) => new GradientDescentOptimizer(n, rate, decay)),
            new OptimizerRule(OptimizerKind.Momentum, 0.01, false, (n, rate, decay, nesterov) => new MomentumOptimizer(n, rate, decay, nesterov)),
            new OptimizerRule(OptimizerKind.Adam, 0.001, false, (n, rate, decay, _) => new AdamOptimizer(n, rate, decay, decoupled: false)),
            new OptimizerRule(OptimizerKind.AdamW, 0.001, false, (n, rate, decay, _) => new AdamOptimizer(n, rate, decay, decoupled: true)),
            new OptimizerRule(OptimizerKind.RMSProp, 0.001, false, (n, rate, decay, _) => new RMSPropOptimizer(n, rate, decay)),
            new OptimizerRule(OptimizerKind.Rprop, RpropOptimizer.InitialStep, true, (n, _, decay, __) => new RpropOptimizer(n, decay)),
            new OptimizerRule(OptimizerKind.Lbfgs, 0.01, false, null));

        /// <summary>The rule of an optimizer choice.</summary>
        public static OptimizerRule Rule(this OptimizerKind kind) =>
            (uint)kind < (uint)Rules.Length ? Rules[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind), $"{kind} is not an optimizer.");

        /// <summary>The default learning rates as help states them ("0.001 for Adam, AdamW and RMSProp; …"), from the table itself.</summary>
        public static string DescribeLearningRates() =>
            string.Join("; ", Rules.Where(r => r.IsUpdateRule && r.Kind != OptimizerKind.Rprop).GroupBy(r => r.DefaultLearningRate)
                .Select(g => $"{g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)} for {Names(g.Select(r => r.Kind.ToString()).ToArray())}"));

        private static string Names(string[] names) =>
            names.Length == 1 ? names[0] : string.Join(", ", names, 0, names.Length - 1) + " and " + names[names.Length - 1];
    }
}
