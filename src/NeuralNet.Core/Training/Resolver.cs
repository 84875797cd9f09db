using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Every default the module decides for the user, in one place: what a network, a training, a test,
    /// a gradient or an experiment does when an option is left out. Each rule states what it depends on
    /// (the data, the network, the previous training), and <see cref="DescribeDefault"/> says the same in
    /// words for Get-Help, so help and behaviour cannot drift apart.
    /// </summary>
    public static class Resolver
    {
        /// <summary>Rows per gradient step unless -BatchSize says otherwise (Rprop: every row).</summary>
        public const int DefaultBatchSize = 32;

        /// <summary>New-NeuralNetwork's hidden layers when -HiddenLayers is left out.</summary>
        public static readonly IReadOnlyList<int> DefaultHiddenLayers = new[] { 16 };

        /// <summary>
        /// A validation set of fewer rows cannot tell epochs apart reliably: its loss jumps from epoch to
        /// epoch more than the epochs differ, so early stopping would keep an epoch by chance.
        /// </summary>
        public const int MinValidationRows = 30;

        /// <summary>The warning for a validation set too small to judge epochs by, or null.</summary>
        public static string SmallValidationWarning(int validationRows) =>
            validationRows >= MinValidationRows ? null :
            $"The validation set has only {validationRows} rows, too few to judge epochs by: the epoch kept (the one with the lowest validation loss) may be a chance. " +
            $"Hold out at least {MinValidationRows} rows (a larger -ValidationSplit, or -ValidationData), or train without validation (-Patience alone watches the training loss).";

        /// <summary>Whole-numbered targets with at most this many distinct values are read as classes.</summary>
        public const int MaxIntegerClasses = 20;

        /// <summary>Hidden layers are sigmoid when every size is spelled out (-LayerSizes, the tutorial's form), ReLU otherwise.</summary>
        public static Activation HiddenActivationFor(Activation? given, bool layerSizesGiven) =>
            given ?? (layerSizesGiven ? Activation.Sigmoid : Activation.ReLU);

        /// <summary>
        /// Numeric features are standardised, except for a network given -InitialWeights: those weights
        /// were chosen for the raw inputs.
        /// </summary>
        public static Scaling ScalingFor(Scaling? given, NetworkSpec spec) =>
            given ?? (spec.InitialWeights != null ? NeuralNet.Core.Data.Scaling.None : NeuralNet.Core.Data.Scaling.Standard);

        /// <summary>A chosen loss decides the task when -Task is Auto: a regression loss makes the target numeric.</summary>
        public static TaskKind TaskFor(TaskKind given, Loss? loss)
        {
            if (given != TaskKind.Auto || !loss.HasValue) return given;
            return loss.Value.Function().IsRegression ? TaskKind.Regression : TaskKind.Classification;
        }

        /// <summary>
        /// Two classes take one sigmoid output (the probability of the second class), unless the
        /// network's output size was fixed at 2 for a single target: then it gets two softmax outputs.
        /// </summary>
        public static bool UsesOneSigmoid(int classes, int targetCount, int? fixedOutputSize) =>
            classes == 2 && !(targetCount == 1 && fixedOutputSize == 2);

        /// <summary>
        /// The output activation for targets read from rows: the spec's when given; else the one the loss
        /// needs; else identity for numbers, one sigmoid when every class target has two classes, softmax otherwise.
        /// </summary>
        public static Activation OutputActivationFor(NetworkSpec spec, IReadOnlyList<TargetColumn> targets, Loss? loss)
        {
            if (spec.OutputActivation.HasValue) return spec.OutputActivation.Value;
            var natural = loss?.Function().NaturalOutput;
            if (natural.HasValue && natural != Activation.Identity) return natural.Value;
            if (!targets[0].IsClassification) return Activation.Identity;
            bool binary = targets.All(t => UsesOneSigmoid(t.ClassCount, targets.Count, spec.OutputSize));
            return binary ? Activation.Sigmoid : Activation.Softmax;
        }

        /// <summary>The output activation for raw target matrices: the spec's, else the one the loss needs, else identity.</summary>
        public static Activation OutputActivationFor(NetworkSpec spec, Loss? loss) =>
            spec.OutputActivation ?? loss?.Function().NaturalOutput ?? Activation.Identity;

        /// <summary>Numeric targets are standardised when the output is unbounded; a bounded output (sigmoid) needs them left as they are.</summary>
        public static bool StandardisesTargets(Activation output) => !output.Function().IsBounded;

        /// <summary>
        /// The loss: as given; else the previous training's; else the output activation's natural one
        /// (softmax: CrossEntropy, sigmoid over classes: BinaryCrossEntropy, anything else: MeanSquaredError).
        /// </summary>
        public static Loss LossFor(Loss? given, TrainingOptions previous, Activation output, bool classification) =>
            given ?? previous?.Loss ?? (output == Activation.Softmax ? NeuralNet.Core.Loss.CrossEntropy
                : output == Activation.Sigmoid && classification ? NeuralNet.Core.Loss.BinaryCrossEntropy
                : NeuralNet.Core.Loss.MeanSquaredError);

        /// <summary>The optimizer: as given; else the previous training's; else plain gradient descent with SumSquaredError (the tutorial's pairing) and Adam otherwise.</summary>
        public static OptimizerKind OptimizerFor(OptimizerKind? given, TrainingOptions previous, Loss loss) =>
            given ?? previous?.Optimizer ?? (loss == NeuralNet.Core.Loss.SumSquaredError ? OptimizerKind.GradientDescent : OptimizerKind.Adam);

        /// <summary>The learning rate carried over from the previous training when the optimizer stays the same (null otherwise).</summary>
        public static double? CarriedLearningRate(double? given, TrainingOptions previous, OptimizerKind optimizer) =>
            given ?? (previous?.Optimizer == optimizer ? previous.LearningRate : null);

        /// <summary>The learning rate: as given or carried over, else the optimizer's default (Adam, AdamW, RMSProp 0.001; others 0.01).</summary>
        public static double LearningRateFor(double? given, OptimizerKind optimizer) => given ?? optimizer.Rule().DefaultLearningRate;

        /// <summary>Rows per step: as given, else every row for Rprop (a full-batch method) and <see cref="DefaultBatchSize"/> otherwise; never more than the rows.</summary>
        public static int BatchSizeFor(int? given, OptimizerKind optimizer, int rows) =>
            System.Math.Min(given ?? (optimizer.Rule().EveryRowByDefault ? rows : DefaultBatchSize), rows);

        /// <summary>Class weights: as given, else the previous training's, else none (so resumed training keeps its weighting).</summary>
        public static ClassWeights ClassWeightFor(ClassWeights given, TrainingOptions previous) => given ?? previous?.ClassWeight ?? ClassWeights.None;

        /// <summary>The row-weight column: as given, else the previous training's; empty means none (null).</summary>
        public static string SampleWeightFor(string given, TrainingOptions previous)
        {
            var column = given ?? previous?.SampleWeight;
            return string.IsNullOrWhiteSpace(column) ? null : column;
        }

        /// <summary>
        /// Dropout rates, one per hidden layer: as given (one rate is every hidden layer's), else the previous
        /// training's; null when every rate is 0, so training without dropout is exactly training without it.
        /// </summary>
        public static double[] DropoutFor(double[] given, TrainingOptions previous, int hiddenLayers)
        {
            var rates = given ?? previous?.Dropout;
            if (rates == null || rates.All(r => r == 0)) return null;
            if (hiddenLayers == 0)
                throw new NeuralNetException("DropoutNeedsHiddenLayers", ErrorKind.InvalidArgument,
                    "-Dropout drops hidden layers' outputs, but this network has no hidden layer. Leave -Dropout out, or create the network with -HiddenLayers.", column: "Dropout");
            if (rates.Length == 1) return Enumerable.Repeat(rates[0], hiddenLayers).ToArray();
            if (rates.Length != hiddenLayers)
                throw new NeuralNetException("DropoutLayerCount", ErrorKind.InvalidArgument,
                    $"-Dropout gives {rates.Length} rates, but the network has {hiddenLayers} hidden layers. Give one rate for all of them, or one per hidden layer.", column: "Dropout");
            return (double[])rates.Clone();
        }

        /// <summary>Shuffling, validation splits and feature importance's shuffles follow the network's seed unless given their own.</summary>
        public static int SeedFor(int? given, NetworkSpec spec) => given ?? spec.Seed;

        /// <summary>Experiments and feature importance score classes by accuracy and numbers by R².</summary>
        public static Metric MetricFor(Metric? given, bool classification) =>
            given ?? (classification ? NeuralNet.Core.Training.Metric.Accuracy : NeuralNet.Core.Training.Metric.RSquared);

        /// <summary>
        /// The default of an option that this class decides, in words for Get-Help; null when the
        /// option's default is the plain value its property starts with.
        /// </summary>
        /// <param name="options">The options type the parameter binds to (TrainingOptions, DataOptions, NetworkOptions, …).</param>
        /// <param name="name">The option (and parameter) name.</param>
        public static string DescribeDefault(System.Type options, string name)
        {
            switch (options.Name + "." + name)
            {
                case "TrainingOptions.Loss": return "The previous training's loss; for a new network CrossEntropy with a softmax output, BinaryCrossEntropy with a sigmoid output over classes, MeanSquaredError otherwise.";
                case "TrainingOptions.Optimizer": return "The previous training's optimizer; for a new network GradientDescent with -Loss SumSquaredError (the tutorial's pairing), Adam otherwise.";
                case "TrainingOptions.LearningRate": return "The previous training's rate when the optimizer is the same; otherwise the optimizer's: " + OptimizerTable.DescribeLearningRates() + ".";
                case "TrainingOptions.BatchSize": return $"{DefaultBatchSize}; every row for " + string.Join(", ", Enum.GetValues(typeof(OptimizerKind)).Cast<OptimizerKind>().Where(k => k.Rule().EveryRowByDefault)) + ".";
                case "TrainingOptions.Seed": return "The network's seed.";
                case "TrainingOptions.Patience": return "None (no early stopping).";
                case "TrainingOptions.Dropout": return "The previous training's rates; for a new network none.";
                case "TrainingOptions.ClassWeight": return "The previous training's class weights; for a new network none (every class's rows weigh 1).";
                case "TrainingOptions.SampleWeight": return "The previous training's weight column; for a new network none (every row weighs 1).";
                case "ImportanceOptions.Seed": return "The network's seed.";
                case "ImportanceOptions.Metric": return "Accuracy for a classifier (of its first target), RSquared for a regression.";
                case "DataOptions.Scaling": return "Standard; None for a network created with -InitialWeights.";
                case "DataOptions.Feature": return "Every property that is not a target.";
                case "DataOptions.Task": return "Auto: from -Loss when given, else from the target values.";
                case "NetworkOptions.Activation": return "Sigmoid with -LayerSizes, ReLU with -HiddenLayers.";
                case "NetworkOptions.OutputActivation": return "-Activation with -LayerSizes; with -HiddenLayers chosen at the first training: softmax for classes, one sigmoid for two classes, identity for numbers.";
                case "NetworkOptions.HiddenLayers": return string.Join(", ", DefaultHiddenLayers);
                case "NetworkOptions.Seed": return "A random seed, recorded in the network's Seed property.";
                default: return null;
            }
        }
    }
}
