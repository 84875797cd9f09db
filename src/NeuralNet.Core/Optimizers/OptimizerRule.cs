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
    public sealed class OptimizerRule
    {
        private readonly Func<Network, double, double, bool, Optimizer> _create;

        internal OptimizerRule(OptimizerKind kind, double defaultLearningRate, bool everyRowByDefault, Func<Network, double, double, bool, Optimizer> create)
        {
            Kind = kind;
            DefaultLearningRate = defaultLearningRate;
            EveryRowByDefault = everyRowByDefault;
            _create = create;
        }

        public OptimizerKind Kind { get; }

        /// <summary>The learning rate when none is given or carried over (Rprop: its initial step; L-BFGS ignores it).</summary>
        public double DefaultLearningRate { get; }

        /// <summary>True when the rule is meant for full batches (Rprop reads gradient signs, which mini-batches make noisy).</summary>
        public bool EveryRowByDefault { get; }

        /// <summary>False for a minimizer that runs its own loop (L-BFGS): it keeps no update-rule state between calls.</summary>
        public bool IsUpdateRule => _create != null;

        /// <summary>A fresh update rule for <paramref name="network"/>; <paramref name="nesterov"/> matters to momentum only.</summary>
        public Optimizer Create(Network network, double learningRate, double weightDecay, bool nesterov) =>
            _create != null ? _create(network, learningRate, weightDecay, nesterov)
                : throw new InvalidOperationException($"{Kind} is a full-batch minimizer, not an update rule; its solver runs it.");

        /// <summary>The solver that trains with this choice: mini-batches for an update rule, L-BFGS's own loop otherwise.</summary>
        internal ISolver Solver() => IsUpdateRule ? (ISolver)new MiniBatchSolver() : new LbfgsSolver();
    }
}
