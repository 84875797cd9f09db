namespace NeuralNet.PowerShell.Internal
{
    /// <summary>Resolves -Path through PowerShell (see <see cref="FileSystemPaths"/>) and reads the CSV files into one table.</summary>
    internal static class CsvFiles
    {
        /// <summary>Reads the files as one table; <paramref name="textColumns"/> stay strings (categories).</summary>
        public static RawTable Read(PSCmdlet cmdlet, string[] paths, CsvOptions options, IEnumerable<string> textColumns, System.Threading.CancellationToken token)
        {
            try
            {
                return CsvSource.Read(FileSystemPaths.Resolve(cmdlet, paths).ToList(), options, textColumns, token);
            }
            catch (NeuralNetException e) when (e.ErrorId.StartsWith("Csv", System.StringComparison.Ordinal) || e.ErrorId == "InvalidDelimiter")
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(e, paths));
                return null;
            }
        }
    }
}
