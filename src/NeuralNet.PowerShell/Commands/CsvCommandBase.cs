namespace NeuralNet.PowerShell.Commands
{
    /// <summary>
    /// What every cmdlet that reads CSV files shares: -Path and the CSV options (-Delimiter), which bind
    /// by name to the core's <see cref="CsvOptions"/>. A new CSV option is a property there and a
    /// parameter here.
    /// </summary>
    [BindsOptions(typeof(CsvOptions))]
    public abstract class CsvCommandBase : PSCmdlet
    {
        private protected const string PathSet = "Path";

        /// <summary>
        /// <para type="description">CSV files with a header row (RFC 4180: quoted fields, embedded delimiters and newlines are fine), relative to the current location; wildcards allowed. Several files are read as one table, matched by column name.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>
        /// <para type="description">The CSV field delimiter for -Path.</para>
        /// </summary>
        [Parameter(ParameterSetName = PathSet)]
        public char Delimiter { get; set; }

        /// <summary>Reads the -Path files as one table; <paramref name="textColumns"/> stay strings (categories).</summary>
        private protected RawTable ReadCsv(IEnumerable<string> textColumns, CancellationToken token = default) =>
            CsvFiles.Read(this, Path, BoundOptions.Bind<CsvOptions>(this), textColumns, token);
    }
}
