namespace NeuralNet.Core
{
    /// <summary>
    /// The training loop's methods are compiled fully optimised on first call. With tiered compilation
    /// they would start unoptimised and be promoted only after a delay that a tutorial-sized training
    /// (10,000 epochs in milliseconds) never reaches.
    /// </summary>
    internal static class Hot
    {
        /// <summary>MethodImplOptions.AggressiveOptimization: .NET Core 3.0+; netstandard2.0 lacks the name, the runtime honours the value.</summary>
        public const MethodImplOptions Optimize = (MethodImplOptions)512;

        /// <summary>MethodImplOptions.AggressiveInlining, for the one-line arithmetic of the activations' loops.</summary>
        public const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;
    }
}
