using Sylvan.Data.Csv;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// How CSV files are read: the one record of CSV options. Each property is named as the -Path
    /// cmdlets' parameter, so bound parameters set it by name; both readers take their settings from
    /// here (<see cref="ForQuotedReader"/>, <see cref="SuitsPlainScanner"/>), so a new option is a
    /// property here plus its parameter.
    /// </summary>
    public sealed class CsvOptions
    {
        /// <summary>The longest record (a quoted field may span lines) the full reader accepts, in characters.</summary>
        public const int MaxRecordCharacters = 1 << 27;

        /// <summary>The field delimiter.</summary>
        public char Delimiter { get; set; } = ',';

        /// <summary>Throws InvalidDelimiter for a delimiter the CSV grammar reserves.</summary>
        public void Validate()
        {
            if (Delimiter == '"' || Delimiter == '\r' || Delimiter == '\n')
                throw new NeuralNetException("InvalidDelimiter", ErrorKind.InvalidArgument,
                    $"-Delimiter cannot be {(Delimiter == '"' ? "the quote character" : "a line break")}; use a comma, semicolon, tab or another character.", column: "Delimiter");
        }

        /// <summary>Sylvan's settings: a header row, RFC 4180 quoting, no comment lines (Import-Csv has none), and room for very long quoted fields.</summary>
        internal CsvDataReaderOptions ForQuotedReader() => new CsvDataReaderOptions
        {
            Delimiter = Delimiter,
            HasHeaders = true,
            BufferSize = 1 << 16,
            MaxBufferSize = MaxRecordCharacters,
            Comment = '\0',
        };

        /// <summary>Whether the byte scanner can read with these settings (it splits single-byte delimiters and never meets a quote).</summary>
        internal bool SuitsPlainScanner => Delimiter < 128;
    }
}
