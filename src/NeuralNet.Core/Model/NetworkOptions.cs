using MathNet.Numerics.Random;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Model
{
    /// <summary>
    /// New-NeuralNetwork's parameters, named as they are so bound parameters and experiment grid keys
    /// set them by name (<see cref="Options.OptionBinder"/>). <see cref="ToSpec"/> applies the defaults
    /// (<see cref="Resolver"/>) and checks the sizes.
    /// </summary>
    public sealed class NetworkOptions
    {
        /// <summary>Every size: input, hidden…, output (the tutorial's 3,4,1). Null: -HiddenLayers.</summary>
        public int[] LayerSizes { get; set; }

        /// <summary>Hidden sizes, the input and output sizes left to the data. Null: <see cref="Resolver.DefaultHiddenLayers"/>.</summary>
        public int[] HiddenLayers { get; set; }

        public Activation? Activation { get; set; }

        public Activation? OutputActivation { get; set; }

        public bool NoBias { get; set; }

        /// <summary>Null: a random seed, recorded in the network.</summary>
        public int? Seed { get; set; }

        public WeightInit WeightInit { get; set; } = WeightInit.Auto;

        public Precision Precision { get; set; } = Precision.Double;

        public double[][][] InitialWeights { get; set; }

        public double[][] InitialBiases { get; set; }

        /// <summary>The spec these parameters ask for; sizes and initial weights are checked by <see cref="NeuralNetworkModel.Create"/>.</summary>
        public NetworkSpec ToSpec()
        {
            bool fixedSizes = LayerSizes != null;
            if (fixedSizes && LayerSizes.Length < 2)
                throw new NeuralNetException("TooFewLayerSizes", ErrorKind.InvalidArgument,
                    $"-LayerSizes needs at least an input and an output size (for example 3,4,1); it has {LayerSizes.Length}.");
            if (InitialWeights != null && !fixedSizes)
                throw new NeuralNetException("InitialWeightsNeedLayerSizes", ErrorKind.InvalidArgument,
                    "-InitialWeights needs every layer size: use -LayerSizes (input, hidden…, output) with it.");
            var hidden = Resolver.HiddenActivationFor(Activation, fixedSizes);
            return new NetworkSpec(
                inputSize: fixedSizes ? LayerSizes[0] : (int?)null,
                hiddenSizes: fixedSizes ? LayerSizes.Skip(1).Take(LayerSizes.Length - 2) : HiddenLayers ?? Resolver.DefaultHiddenLayers,
                outputSize: fixedSizes ? LayerSizes[LayerSizes.Length - 1] : (int?)null,
                hiddenActivation: hidden,
                outputActivation: OutputActivation ?? (fixedSizes ? hidden : (Activation?)null),
                hasBias: !NoBias,
                seed: Seed ?? RandomSeed.Robust(),
                weightInit: WeightInit,
                precision: Precision,
                initialWeights: InitialWeights,
                initialBiases: InitialBiases);
        }
    }
}
