using System;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>The optimizer table: one rule per choice, and the resolver, solvers and help ask it.</summary>
    public class OptimizerTableTests
    {
        private static Network Small() => Network.Create(new[] { 3, 2, 1 }, Activation.Tanh, Activation.Identity, hasBias: true);

        [Fact]
        public void Every_choice_has_its_rule_and_every_update_rule_makes_an_optimizer_of_its_kind()
        {
            foreach (OptimizerKind kind in Enum.GetValues(typeof(OptimizerKind)))
            {
                var rule = kind.Rule();
                Assert.Equal(kind, rule.Kind);
                if (!rule.IsUpdateRule)
                {
                    Assert.Throws<InvalidOperationException>(() => rule.Create(Small(), 0.1, 0, false));
                    continue;
                }
                var optimizer = rule.Create(Small(), rule.DefaultLearningRate, 0.5, nesterov: false);
                Assert.Equal(kind, optimizer.Kind);
                Assert.Equal(rule.DefaultLearningRate, optimizer.LearningRate);
                Assert.Equal(0.5, optimizer.WeightDecay);
            }
            Assert.False(OptimizerKind.Lbfgs.Rule().IsUpdateRule);
        }

        [Fact]
        public void The_defaults_are_the_published_ones()
        {
            // As Keras and PyTorch: 0.001 for the adaptive rules, 0.01 for plain and momentum SGD; Rprop starts from Δ₀ = 0.1.
            Assert.Equal(0.001, OptimizerKind.Adam.Rule().DefaultLearningRate);
            Assert.Equal(0.001, OptimizerKind.AdamW.Rule().DefaultLearningRate);
            Assert.Equal(0.001, OptimizerKind.RMSProp.Rule().DefaultLearningRate);
            Assert.Equal(0.01, OptimizerKind.GradientDescent.Rule().DefaultLearningRate);
            Assert.Equal(0.01, OptimizerKind.Momentum.Rule().DefaultLearningRate);
            Assert.Equal(RpropOptimizer.InitialStep, OptimizerKind.Rprop.Rule().DefaultLearningRate);
            Assert.Equal(0.001, Resolver.LearningRateFor(null, OptimizerKind.Adam));
            Assert.Equal(0.3, Resolver.LearningRateFor(0.3, OptimizerKind.Adam));
            Assert.Equal(500, Resolver.BatchSizeFor(null, OptimizerKind.Rprop, 500));
            Assert.Equal(Resolver.DefaultBatchSize, Resolver.BatchSizeFor(null, OptimizerKind.Adam, 500));
        }

        [Fact]
        public void Help_states_the_learning_rates_the_table_holds()
        {
            Assert.Equal("0.01 for GradientDescent and Momentum; 0.001 for Adam, AdamW and RMSProp", OptimizerTable.DescribeLearningRates());
            Assert.Contains(OptimizerTable.DescribeLearningRates(), Resolver.DescribeDefault(typeof(TrainingOptions), "LearningRate"));
            Assert.EndsWith("every row for Rprop.", Resolver.DescribeDefault(typeof(TrainingOptions), "BatchSize"));
        }

        [Fact]
        public void Only_momentum_has_a_Nesterov_variant()
        {
            Assert.True(OptimizerKind.Momentum.Rule().Create(Small(), 0.1, 0, nesterov: true).Nesterov);
            Assert.False(OptimizerKind.Momentum.Rule().Create(Small(), 0.1, 0, nesterov: false).Nesterov);
            Assert.False(OptimizerKind.Adam.Rule().Create(Small(), 0.1, 0, nesterov: true).Nesterov);
        }
    }
}
