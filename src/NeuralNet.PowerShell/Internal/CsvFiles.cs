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
        public static RawTable Read(PSCmdlet cmdlet, string[] paths, char delimiter, IEnumerable<string> textColumns, System.Threading.CancellationToken token)
        {
            return CsvSource.Read(Resolve(cmdlet, paths).ToList(), delimiter, textColumns, token);
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
