using System.Management.Automation.Language;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Tab completion for -Target and -Feature: the column names of the CSV file already given with
    /// -Path (relative to the current location; the first file when several match), honouring -Delimiter.
    /// Offers nothing, rather than failing, when there is no readable file yet.
    /// </summary>
    public sealed class CsvColumnCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var path = First(fakeBoundParameters?["Path"]);
            if (string.IsNullOrEmpty(path)) return Enumerable.Empty<CompletionResult>();
            char delimiter = fakeBoundParameters.Contains("Delimiter") && First(fakeBoundParameters["Delimiter"]) is string d && d.Length == 1 ? d[0] : ',';
            string[] columns;
            try
            {
                using (var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace))
                {
                    var resolved = ps.AddCommand("Resolve-Path").AddParameter("Path", path).AddParameter("ErrorAction", "Ignore").Invoke().FirstOrDefault();
                    var info = resolved?.BaseObject as PathInfo;
                    var file = info?.Provider?.Name == "FileSystem" ? info.ProviderPath : null;
                    // A FIFO or a device would block the shell while it waits for a header.
                    if (file == null || FileSystemPaths.NotRegular(file) != null) return Enumerable.Empty<CompletionResult>();
                    columns = CsvSource.Columns(file, new CsvOptions { Delimiter = delimiter });
                }
            }
            catch (Exception e) when (e is NeuralNetException || e is System.IO.IOException || e is UnauthorizedAccessException || e is PSInvalidOperationException)
            {
                return Enumerable.Empty<CompletionResult>();
            }
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return columns.Where(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, "Column '" + c + "' of " + path));
        }

        private static string First(object value)
        {
            if (value is PSObject pso) value = pso.BaseObject;
            if (value is IEnumerable list && !(value is string)) value = list.Cast<object>().FirstOrDefault();
            return value?.ToString();
        }

        private static string Quote(string name) =>
            name.Any(c => char.IsWhiteSpace(c) || "'\"`$,;(){}[]@#&|<>".IndexOf(c) >= 0) ? "'" + name.Replace("'", "''") + "'" : name;
    }
}
