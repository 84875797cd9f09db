using NeuralNet.Core.Model;
using NeuralNet.Core.Solvers;

namespace NeuralNet.Core.Optimizers
{
    /// <summary>
    /// What the rest of the module needs to know about one <see cref="OptimizerKind"/>: its default
    /// learning rate, whether it steps on every row by default, and how to make it. An update rule
    /// (gradient descent, Adam, Rprop, …) is applied to mini-batches; a full-batch minimizer (L-BFGS) is
    /// a solver of its own and has no update rule.
    /// </summary>
    /// <param name="Kind">The choice.</param>
    /// <param name="DefaultLearningRate">The learning rate when none is given or carried over (Rprop: its initial step; L-BFGS ignores it).</param>
    /// <param name="EveryRowByDefault">True when the rule is meant for full batches (Rprop reads gradient signs, which mini-batches make noisy).</param>
    /// <param name="Factory">Makes the update rule from the network, learning rate, weight decay and Nesterov flag; null for a full-batch minimizer.</param>
    public sealed record OptimizerRule(OptimizerKind Kind, double DefaultLearningRate, bool EveryRowByDefault, Func<Network, double, double, bool, Optimizer> Factory)
    {
        /// <summary>How the rule is made: not part of what callers see of it.</summary>
        internal Func<Network, double, double, bool, Optimizer> Factory { get; } = Factory;

        /// <summary>False for a minimizer that runs its own loop (L-BFGS): it keeps no update-rule state between calls.</summary>
        public bool IsUpdateRule => Factory != null;

        /// <summary>A fresh update rule for <paramref name="network"/>; <paramref name="nesterov"/> matters to momentum only.</summary>
        public Optimizer Create(Network network, double learningRate, double weightDecay, bool nesterov) =>
            Factory != null ? Factory(network, learningRate, weightDecay, nesterov)
                : throw new InvalidOperationException($"{Kind} is a full-batch minimizer, not an update rule; its solver runs it.");

        /// <summary>The solver that trains with this choice: mini-batches for an update rule, L-BFGS's own loop otherwise.</summary>
        internal ISolver Solver() => IsUpdateRule ? (ISolver)new MiniBatchSolver() : new LbfgsSolver();
    }
}
