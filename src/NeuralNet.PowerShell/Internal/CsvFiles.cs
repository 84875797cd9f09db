using System.Collections.Generic;
using System.Management.Automation;
using NeuralNet.Core;
using NeuralNet.Core.Data;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>Resolves -Path through PowerShell (relative to Get-Location, wildcards allowed) and reads the CSV files into one table.</summary>
    internal static class CsvFiles
    {
        public static RawTable Read(PSCmdlet cmdlet, string[] paths, char delimiter, System.Threading.CancellationToken token)
        {
            RawTable table = null;
            foreach (var path in Resolve(cmdlet, paths))
            {
                var part = CsvSource.Read(path, delimiter, token);
                if (table == null)
                {
                    table = part;
                    continue;
                }
                // later files are matched to the first file's columns by name
                var map = new int[table.Columns.Count];
                for (int c = 0; c < map.Length; c++) map[c] = part.IndexOf(table.Columns[c]);
                foreach (var row in part.Rows)
                {
                    var mapped = new object[map.Length];
                    for (int c = 0; c < map.Length; c++) mapped[c] = map[c] >= 0 ? row[map[c]] : RawTable.MissingProperty;
                    table.Add(mapped);
                }
            }
            return table;
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
