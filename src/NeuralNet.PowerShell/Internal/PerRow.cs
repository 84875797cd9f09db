namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// For the methods a cmdlet runs once per pipeline row (and the reporter's, once per epoch): compiled
    /// fully optimised at their first call. PowerShell keeps compiling new script code, which keeps
    /// postponing the runtime's promotion of tier-0 code, so without this a row reader stays unoptimised
    /// for a whole training call.
    /// </summary>
    internal static class PerRow
    {
        /// <summary>MethodImplOptions.AggressiveOptimization, by value: netstandard2.0 lacks the name, and the runtime honours it.</summary>
        public const MethodImplOptions Optimized = (MethodImplOptions)512;
    }
}
