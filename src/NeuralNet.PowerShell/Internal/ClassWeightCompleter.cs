using System.Management.Automation.Language;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>Tab completion for -ClassWeight: its two words (a hashtable is typed, not completed).</summary>
    public sealed class ClassWeightCompleter : IArgumentCompleter
    {
        private static readonly string[] Words = { "Balanced", "None" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return Words.Where(w => w.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(w => new CompletionResult(w, w, CompletionResultType.ParameterValue, w == "Balanced" ? "Weigh each class by rows / (classes × its rows)" : "No class weights"));
        }
    }
}
