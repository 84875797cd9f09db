using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NeuralNet.Core;
using NeuralNet.Core.Data;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>Resolves -Path through PowerShell (relative to Get-Location, wildcards allowed) and reads the CSV files into one table.</summary>
    internal static class CsvFiles
    {
        /// <summary>Reads the files as one table; <paramref name="textColumns"/> stay strings (categories).</summary>
        public static RawTable Read(PSCmdlet cmdlet, string[] paths, CsvOptions options, IEnumerable<string> textColumns, System.Threading.CancellationToken token)
        {
            try
            {
                return CsvSource.Read(Resolve(cmdlet, paths).ToList(), options, textColumns, token);
            }
            catch (NeuralNetException e) when (e.ErrorId.StartsWith("Csv", System.StringComparison.Ordinal) || e.ErrorId == "InvalidDelimiter")
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(e, paths));
                return null;
            }
        }

        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string[] paths)
        {
            foreach (var path in paths)
            {
                System.Collections.ObjectModel.Collection<string> resolved;
                try
                {
                    resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _);
                }
                catch (ItemNotFoundException e)
                {
                    cmdlet.ThrowTerminatingError(new ErrorRecord(e, "FileNotFound", ErrorCategory.ObjectNotFound, path));
                    yield break;
                }
                if (resolved.Count == 0)
                    cmdlet.ThrowTerminatingError(new ErrorRecord(new ItemNotFoundException($"No file matches '{path}'."), "FileNotFound", ErrorCategory.ObjectNotFound, path));
                foreach (var file in resolved) yield return file;
            }
        }
    }
}
