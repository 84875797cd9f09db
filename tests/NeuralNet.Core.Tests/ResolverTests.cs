using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Every default in one place: each rule as the README and Get-Help state it.</summary>
    public class ResolverTests
    {
        private static NetworkSpec Spec(NetworkOptions options) { options.Seed = options.Seed ?? 1; return options.ToSpec(); }

        [Fact]
        public void Network_defaults_follow_the_form_of_the_sizes()
        {
            var tutorial = Spec(new NetworkOptions { LayerSizes = new[] { 3, 4, 1 } });
            Assert.Equal(Activation.Sigmoid, tutorial.HiddenActivation);
            Assert.Equal(Activation.Sigmoid, tutorial.OutputActivation);
            var open = Spec(new NetworkOptions());
            Assert.Equal(Activation.ReLU, open.HiddenActivation);
            Assert.Null(open.OutputActivation);
            Assert.Equal(new[] { 16 }, open.HiddenSizes);
            Assert.Empty(Spec(new NetworkOptions { HiddenLayers = new int[0] }).HiddenSizes);
        }

        [Fact]
        public void Initial_weights_mean_raw_inputs_unless_scaling_is_given()
        {
            var spec = Spec(new NetworkOptions { LayerSizes = new[] { 1, 1 }, InitialWeights = new[] { new[] { new[] { 1.0 } } } });
            Assert.Equal(Scaling.None, Resolver.ScalingFor(null, spec));
            Assert.Equal(Scaling.MinMax, Resolver.ScalingFor(Scaling.MinMax, spec));
            Assert.Equal(Scaling.Standard, Resolver.ScalingFor(null, Spec(new NetworkOptions())));
        }

        [Fact]
        public void A_loss_decides_the_task_when_it_is_Auto()
        {
            Assert.Equal(TaskKind.Regression, Resolver.TaskFor(TaskKind.Auto, Loss.SumSquaredError));
            Assert.Equal(TaskKind.Classification, Resolver.TaskFor(TaskKind.Auto, Loss.CrossEntropy));
            Assert.Equal(TaskKind.Auto, Resolver.TaskFor(TaskKind.Auto, null));
            Assert.Equal(TaskKind.Classification, Resolver.TaskFor(TaskKind.Classification, Loss.Huber));
        }

        [Fact]
        public void Two_classes_take_one_sigmoid_unless_the_output_size_was_fixed_at_two()
        {
            Assert.True(Resolver.UsesOneSigmoid(2, 1, null));
            Assert.False(Resolver.UsesOneSigmoid(2, 1, 2));
            Assert.True(Resolver.UsesOneSigmoid(2, 2, 2));
            Assert.False(Resolver.UsesOneSigmoid(3, 1, null));
            var open = Spec(new NetworkOptions());
            Assert.Equal(Activation.Sigmoid, Resolver.OutputActivationFor(open, new TargetColumn[] { new ClassTarget("y", new[] { "a", "b" }, false) }, null));
            Assert.Equal(Activation.Softmax, Resolver.OutputActivationFor(open, new TargetColumn[] { new ClassTarget("y", new[] { "a", "b", "c" }, false) }, null));
            Assert.Equal(Activation.Identity, Resolver.OutputActivationFor(open, new TargetColumn[] { new ValueTarget("y") }, null));
            Assert.Equal(Activation.Softmax, Resolver.OutputActivationFor(open, new TargetColumn[] { new ClassTarget("y", new[] { "a", "b" }, false) }, Loss.CrossEntropy));
        }

        [Fact]
        public void Loss_optimizer_and_rate_follow_the_output_then_the_previous_training()
        {
            Assert.Equal(Loss.CrossEntropy, Resolver.LossFor(null, null, Activation.Softmax, true));
            Assert.Equal(Loss.BinaryCrossEntropy, Resolver.LossFor(null, null, Activation.Sigmoid, true));
            Assert.Equal(Loss.MeanSquaredError, Resolver.LossFor(null, null, Activation.Sigmoid, false));
            var previous = new TrainingOptions { Loss = Loss.Huber, Optimizer = OptimizerKind.RMSProp, LearningRate = 0.05 };
            Assert.Equal(Loss.Huber, Resolver.LossFor(null, previous, Activation.Softmax, true));
            Assert.Equal(OptimizerKind.GradientDescent, Resolver.OptimizerFor(null, null, Loss.SumSquaredError));
            Assert.Equal(OptimizerKind.Adam, Resolver.OptimizerFor(null, null, Loss.MeanSquaredError));
            Assert.Equal(OptimizerKind.RMSProp, Resolver.OptimizerFor(null, previous, Loss.MeanSquaredError));
            Assert.Equal(0.05, Resolver.CarriedLearningRate(null, previous, OptimizerKind.RMSProp));
            Assert.Null(Resolver.CarriedLearningRate(null, previous, OptimizerKind.Adam));
            Assert.Equal(0.001, Resolver.LearningRateFor(null, OptimizerKind.Adam));
            Assert.Equal(0.01, Resolver.LearningRateFor(null, OptimizerKind.Momentum));
        }

        [Fact]
        public void Batches_are_32_rows_every_row_for_Rprop_and_never_more_than_the_rows()
        {
            Assert.Equal(32, Resolver.BatchSizeFor(null, OptimizerKind.Adam, 1000));
            Assert.Equal(1000, Resolver.BatchSizeFor(null, OptimizerKind.Rprop, 1000));
            Assert.Equal(10, Resolver.BatchSizeFor(64, OptimizerKind.Adam, 10));
        }

        [Fact]
        public void Help_texts_describe_the_defaults_the_rules_decide()
        {
            Assert.Contains("CrossEntropy", Resolver.DescribeDefault(typeof(TrainingOptions), "Loss"));
            Assert.Contains("Adam", Resolver.DescribeDefault(typeof(TrainingOptions), "Optimizer"));
            Assert.Contains("32", Resolver.DescribeDefault(typeof(TrainingOptions), "BatchSize"));
            Assert.Contains("random", Resolver.DescribeDefault(typeof(NetworkOptions), "Seed"));
            Assert.Null(Resolver.DescribeDefault(typeof(TrainingOptions), "Epochs"));
        }
    }
}
