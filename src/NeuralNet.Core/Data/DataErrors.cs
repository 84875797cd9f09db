namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Every error about the user's data, built in one place: a stable id, the 1-based row and the
    /// column where there is one, and a message that says what is wrong, where, and how to fix it.
    /// Scoring errors (a fitted network reading new rows) advise retraining where the fix is a
    /// training option, since testing and prediction cannot change how the network reads rows.
    /// </summary>
    public static class DataErrors
    {
        public static NeuralNetException NoRows(string how) =>
            new NeuralNetException("NoRows", ErrorKind.InvalidData, "No rows " + how + ".");

        public static NeuralNetException TargetRequired() =>
            new NeuralNetException("TargetRequired", ErrorKind.InvalidArgument, "Name the target property with -Target (for example -Target species).");

        /// <summary>-Target, -Feature or -Categorical names a column the rows do not have.</summary>
        public static NeuralNetException NoSuchColumn(string parameter, string name, IReadOnlyList<string> columns) =>
            new NeuralNetException(parameter == "Target" ? "TargetNotFound" : "PropertyNotFound", ErrorKind.InvalidArgument,
                $"-{parameter} names '{name}', but the rows have no such property. Their properties are: {string.Join(", ", columns)}.{DelimiterHint(columns)}", column: name);

        /// <summary>
        /// A file read with the wrong delimiter has one column whose name holds the real delimiter
        /// ("a;b;y"): say which -Delimiter would split it.
        /// </summary>
        private static string DelimiterHint(IReadOnlyList<string> columns)
        {
            if (columns.Count != 1) return "";
            foreach (char candidate in new[] { ';', '\t', '|', ',' })
            {
                if (columns[0].IndexOf(candidate) < 0) continue;
                bool tab = candidate == '\t';
                return $" The rows have a single column, whose name holds {(tab ? "tabs" : "'" + candidate + "'")}: " +
                    $"if the file is separated by {(tab ? "tabs" : "them")}, give -Delimiter {(tab ? "\"`t\"" : "'" + candidate + "'")}.";
            }
            return "";
        }

        /// <summary>A column the network was trained with is absent from the rows it now reads.</summary>
        public static NeuralNetException TrainedColumnMissing(string name, string role, IReadOnlyList<string> columns) =>
            new NeuralNetException(role == "target" ? "TargetNotFound" : "FeatureNotFound", ErrorKind.InvalidData,
                $"The rows have no property '{name}', which the network was trained with as a {role}. Their properties are: {string.Join(", ", columns)}.{DelimiterHint(columns)}", column: name);

        public static NeuralNetException FeatureIsTarget(string name) =>
            new NeuralNetException("FeatureIsTarget", ErrorKind.InvalidArgument, $"'{name}' is both a feature and a target; leave it out of -Feature.", column: name);

        /// <summary>Two names of one parameter pick the same column (names match case-insensitively, as PowerShell's do).</summary>
        public static NeuralNetException DuplicateColumn(string parameter, string first, string second) =>
            new NeuralNetException("DuplicateColumn", ErrorKind.InvalidArgument,
                $"-{parameter} names the same column twice ('{first}' and '{second}'); property names match case-insensitively. Name each column once.", column: second);

        public static NeuralNetException NoFeatures(IEnumerable<string> targets) =>
            new NeuralNetException("NoFeatures", ErrorKind.InvalidData,
                $"The rows have no properties besides the target ({string.Join(", ", targets)}); a network needs at least one feature.");

        public static NeuralNetException EveryRowSkipped() =>
            new NeuralNetException("NoRows", ErrorKind.InvalidData, "Every row has a missing value, so -MissingValue Skip left no rows to train on.");

        /// <summary>Every row's weight is 0 (class and sample weights multiplied), so no row would count.</summary>
        public static NeuralNetException WeightsAllZero() =>
            new NeuralNetException("WeightsAllZero", ErrorKind.InvalidData,
                "Every row's weight is 0 (-SampleWeight times -ClassWeight), so no row would count in the loss. Give some rows a weight above 0.");

        /// <summary>A -SampleWeight cell that is not a number, is negative or is not finite.</summary>
        public static NeuralNetException BadSampleWeight(int rowNumber, string column, object value) =>
            new NeuralNetException("InvalidSampleWeight", ErrorKind.InvalidData,
                $"Row {rowNumber}, property '{column}' (-SampleWeight) is {ValueParser.Describe(value)}; a row's weight is a finite number of 0 or more. Fix the value, or drop the row.", rowNumber, column);

        /// <summary>The -SampleWeight column is absent from the rows.</summary>
        public static NeuralNetException SampleWeightNotFound(string column, IEnumerable<string> columns, bool carried) =>
            new NeuralNetException("SampleWeightNotFound", ErrorKind.InvalidArgument,
                (carried ? $"The network's last training weighted rows by the property '{column}' (its -SampleWeight is kept), but these rows have no such property. " : $"-SampleWeight names '{column}', but the rows have no such property. ")
                + $"Their properties are: {string.Join(", ", columns)}." + (carried ? " Give -SampleWeight <property>, or -SampleWeight '' to train without row weights." : ""), column: column);

        /// <summary>The -SampleWeight column is one of the network's features or targets.</summary>
        public static NeuralNetException SampleWeightIsInput(string column, string role) =>
            new NeuralNetException("SampleWeightIsFeature", ErrorKind.InvalidArgument,
                $"'{column}' is the network's {role} and cannot also be -SampleWeight. Name a column that is neither a feature nor a target (on a new network, -SampleWeight leaves its column out of the features).", column: column);

        /// <summary>
        /// A NaN or infinity in a row. With <paramref name="fileNumber"/> the value is the number a
        /// file's column was read as: its text is gone, and an infinity there was either the word or a
        /// number too large for a double.
        /// </summary>
        public static NeuralNetException NonFinite(int rowNumber, string column, object value, bool fileNumber = false)
        {
            // Text such as 1e400 reads as infinity; "is '1e400'; values must be finite" would puzzle.
            string why = value is string text && text.IndexOf("inf", StringComparison.OrdinalIgnoreCase) < 0 && text.IndexOf('\u221E') < 0
                && ValueParser.TryParse(text, out double d) && double.IsInfinity(d)
                ? ", a number too large for a double (the largest is about 1.8E+308)"
                : fileNumber && value is double n && double.IsInfinity(n)
                ? " (written as such, or as a number too large for a double, such as 1e400); values must be finite numbers"
                : "; values must be finite numbers";
            return new NeuralNetException("NonFiniteValue", ErrorKind.InvalidData,
                $"Row {rowNumber}, property '{column}' is {ValueParser.Describe(value)}{why}. Fix or remove the row.", rowNumber, column);
        }

        /// <summary>A row property whose getter failed (a ScriptProperty that throws, say): not an empty cell.</summary>
        public static NeuralNetException Unreadable(int rowNumber, string column, string reason) =>
            new NeuralNetException("PropertyNotReadable", ErrorKind.InvalidData,
                $"Row {rowNumber}, property '{column}' could not be read: {reason.TrimEnd('.')}. Fix the property, or pipe rows of plain values (Select-Object with the columns you need).", rowNumber, column);

        /// <summary>A stray string in a column that is otherwise numbers (when fitting) or in a numeric feature (when scoring).</summary>
        public static NeuralNetException NonNumeric(int rowNumber, string column, object value, int otherNumbers = 0, string role = "column")
        {
            string context = otherNumbers > 0 ? $", though {otherNumbers} other values of this {role} are numbers" : "";
            // A feature may become categories; a target classes, unless -Task Regression asked for numbers.
            string alternative = role == "column" ? $", or use -Categorical {column} to read the column as categories"
                : role == "target" ? ", or use -Task Classification to read the target's values as classes" : "";
            string fix = otherNumbers > 0
                ? $"Correct the value (numbers use '.' as the decimal separator){alternative}."
                : "Correct the value; numbers use '.' as the decimal separator.";
            return new NeuralNetException("NonNumericValue", ErrorKind.InvalidData,
                $"Row {rowNumber}, property '{column}' is {ValueParser.Describe(value)}, which is not a number{context}. {fix}", rowNumber, column);
        }

        /// <summary>A cell holding a list or a dictionary, which no column kind can read.</summary>
        public static NeuralNetException NotScalar(int rowNumber, string column, object value) =>
            value is UnreadableCell unreadable ? Unreadable(rowNumber, column, unreadable.Reason) :
            new NeuralNetException("NonScalarValue", ErrorKind.InvalidData,
                $"Row {rowNumber}, property '{column}' holds a {value.GetType().Name}, not a single value; each property must be a number or a string. " +
                "Flatten the rows first (for example with Select-Object and a calculated property).", rowNumber, column);

        /// <summary>
        /// A cell read as one raw input of a network trained on matrices: the number, or the error that
        /// says why it is none (empty, a list or an object, text, NaN or ∞).
        /// </summary>
        public static double RawInput(int rowNumber, string column, object value)
        {
            if (ValueParser.IsMissing(value))
                throw new NeuralNetException("MissingValue", ErrorKind.InvalidData,
                    $"Row {rowNumber}, property '{column}' is empty; a network trained on matrices needs a number for every input.", rowNumber, column);
            if (!ValueParser.IsScalar(value)) throw NotScalar(rowNumber, column, value);
            if (!ValueParser.TryParse(value, out double number)) throw NonNumeric(rowNumber, column, value);
            if (double.IsNaN(number) || double.IsInfinity(number)) throw NonFinite(rowNumber, column, value);
            return number;
        }

        /// <summary>A hashtable row for a network whose inputs are the row's properties in order, which a hashtable does not keep.</summary>
        public static NeuralNetException UnorderedRow(int rowNumber) =>
            new NeuralNetException("UnorderedRow", ErrorKind.InvalidData,
                $"Row {rowNumber} is a hashtable, whose keys have no order, but a network trained on matrices reads a row's properties in order as its inputs. " +
                "Give [ordered]@{ ... } or [pscustomobject]@{ ... } rows, or -FeatureMatrix.", rowNumber);

        public static NeuralNetException NonNumericTarget(int rowNumber, string target, object value) =>
            new NeuralNetException("NonNumericValue", ErrorKind.InvalidData,
                $"Row {rowNumber}, target '{target}' is {ValueParser.Describe(value)}; a regression target must be a finite number.", rowNumber, target);

        public static NeuralNetException RegressionNeedsNumbers(string target, object sample) =>
            new NeuralNetException("NonNumericTarget", ErrorKind.InvalidData,
                $"-Task Regression needs numbers, but the target '{target}' holds labels such as {ValueParser.Describe(sample)}.", column: target);

        public static NeuralNetException EmptyColumn(string name) =>
            new NeuralNetException("MissingValue", ErrorKind.InvalidData, $"Property '{name}' is empty in every row; drop it with -Feature, or fill it in.", column: name);

        public static NeuralNetException SingleClass(string target, string label) =>
            new NeuralNetException("SingleClass", ErrorKind.InvalidData,
                $"The target '{target}' has only one class ('{label}'); classification needs rows of at least two classes.", column: target);

        public static NeuralNetException TargetMix() =>
            new NeuralNetException("UnsupportedTargetMix", ErrorKind.InvalidArgument,
                "The targets mix class labels and numbers; train one network per kind of target, or use -Task to read them all alike.");

        public static NeuralNetException MissingTarget(int rowNumber, string target, bool fitting) =>
            new NeuralNetException("MissingValue", ErrorKind.InvalidData,
                $"Row {rowNumber} has no value for the target '{target}'. " +
                (fitting ? "Fill it in, or use -MissingValue Skip to leave such rows out." : "Fill it in, or leave the row out of the labelled rows."),
                rowNumber, target);

        /// <summary>An empty or absent feature. <paramref name="fitting"/>: while training (the fix is an option); else while scoring (the fix is retraining).</summary>
        public static NeuralNetException MissingFeature(int rowNumber, string column, bool absent, bool fitting)
        {
            if (absent && !fitting)
                return new NeuralNetException("FeatureNotFound", ErrorKind.InvalidData,
                    $"Row {rowNumber} has no property '{column}', which the network was trained with as a feature. " +
                    "Add it, or retrain the network with -MissingValue Mean to fill in missing values.", rowNumber, column);
            string what = absent ? $"Row {rowNumber} has no property '{column}'" : $"Row {rowNumber}, property '{column}' is empty";
            string fix = fitting
                ? (absent ? "Add it, or use -MissingValue Skip or Mean." : "Fill it in, or use -MissingValue Skip (leave the row out) or Mean (use the training mean).")
                : "Fill it in, or retrain the network with -MissingValue Mean (fill in the training mean) or Skip (leave such rows out), which it then also applies when it scores.";
            return new NeuralNetException("MissingValue", ErrorKind.InvalidData, $"{what}. {fix}", rowNumber, column);
        }

        public static NeuralNetException UnknownCategory(int rowNumber, string column, string label, IEnumerable<string> known) =>
            new NeuralNetException("UnknownCategory", ErrorKind.InvalidData,
                $"Row {rowNumber}, property '{column}' is '{label}', a category the network never saw in training " +
                $"(it knows {string.Join(", ", known.Select(c => "'" + c + "'"))}). Use -UnknownCategory Ignore to encode it as none of them.",
                rowNumber, column);

        public static NeuralNetException UnknownClass(int rowNumber, string target, string label, IEnumerable<string> known) =>
            new NeuralNetException("UnknownClass", ErrorKind.InvalidData,
                $"Row {rowNumber}, target '{target}' is '{label}', a class the network was not trained on " +
                $"(it knows {string.Join(", ", known.Select(c => "'" + c + "'"))}).", rowNumber, target);

        /// <summary>Data whose width does not match the network's inputs.</summary>
        public static NeuralNetException FeatureCountMismatch(int networkInputs, int dataInputs, string hint) =>
            new NeuralNetException("FeatureCountMismatch", ErrorKind.InvalidArgument,
                $"The network takes {networkInputs} inputs but the data has {dataInputs} feature values per row. {hint}");

        public static NeuralNetException TargetCountMismatch(int networkOutputs, int dataOutputs, string hint) =>
            new NeuralNetException("TargetCountMismatch", ErrorKind.InvalidArgument,
                $"The network has {networkOutputs} outputs but the targets need {dataOutputs}. {hint}");

        public static NeuralNetException TargetMismatch(IEnumerable<string> trained, IEnumerable<string> given) =>
            new NeuralNetException("TargetMismatch", ErrorKind.InvalidArgument,
                $"This network was trained to predict {string.Join(", ", trained.Select(t => "'" + t + "'"))}, but -Target names " +
                $"{string.Join(", ", given.Select(t => "'" + t + "'"))}. Create a new network for another target.");

        public static NeuralNetException CsvNoHeader(string path) =>
            new NeuralNetException("CsvNoHeader", ErrorKind.InvalidData, $"'{path}' has no header row; the first line must name the columns.");

        public static NeuralNetException CsvDuplicateHeader(string path, string first, string second, int firstField, int secondField) =>
            new NeuralNetException("CsvDuplicateHeader", ErrorKind.InvalidData,
                $"'{path}' names two columns alike: '{first}' (column {firstField}) and '{second}' (column {secondField}); column names match case-insensitively, " +
                "as PowerShell's properties do, so rows could hold only one of them. Rename one in the header row.", column: second);

        /// <summary>A header field with no name (often a trailing delimiter), which no property could be named after.</summary>
        public static NeuralNetException CsvEmptyHeader(string path, int field, int fields) =>
            new NeuralNetException("CsvEmptyHeader", ErrorKind.InvalidData,
                $"'{path}' has no name for column {field} of the {fields} in its header row" +
                (field == fields ? " (a delimiter at the end of the line makes an empty last column)" : "") +
                ". Name every column in the header row, or remove the empty column.", column: field.ToString(System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>A file whose first line is not text: compressed, binary, or in an encoding other than UTF-8 or UTF-16 with a byte order mark.</summary>
        public static NeuralNetException CsvNotText(string path, char found) =>
            new NeuralNetException("CsvNotText", ErrorKind.InvalidData,
                $"'{path}' is not text that can be read as CSV: its header row holds {(found == '\uFFFD' ? "bytes that are not UTF-8" : $"the control character U+{(int)found:X4}")}. " +
                "A compressed or binary file must be unpacked or exported as CSV first; a text file in another encoding must be saved as UTF-8.");

        /// <summary>A numeric column whose mean or spread overflows a double (values near ±1.8E+308) or is too small to divide by.</summary>
        public static NeuralNetException Unscalable(string column, double min, double max) =>
            new NeuralNetException("UnscalableValues", ErrorKind.InvalidData,
                $"Property '{column}' has values from {min.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} to {max.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}, " +
                "whose mean or spread a double cannot hold, so the column cannot be scaled. Rescale it before training (for example divide it by 1E300), or leave it out with -Feature.",
                column: column);

        public static NeuralNetException CsvCannotRead(string path, string why) =>
            new NeuralNetException("CsvReadFailed", ErrorKind.InvalidData, $"Cannot read '{path}': {why}");

        public static NeuralNetException CsvIsDirectory(string path) =>
            new NeuralNetException("CsvPathIsDirectory", ErrorKind.InvalidArgument,
                $"'{path}' is a directory, not a CSV file. Give a file, or a wildcard such as '{System.IO.Path.Combine(path, "*.csv")}'.");

        /// <summary>Malformed CSV the full reader stopped at: an unbalanced quote, a character after a closing quote.</summary>
        public static NeuralNetException CsvMalformed(string path, int rowNumber, string what) =>
            new NeuralNetException("CsvMalformed", ErrorKind.InvalidData,
                $"'{path}', data row {rowNumber}: {what}. A field with a delimiter, a quote or a line break must be quoted as a whole, " +
                "with quotes inside it doubled (\"\").", rowNumber);

        public static NeuralNetException CsvRecordTooLarge(string path, int rowNumber) =>
            new NeuralNetException("CsvRecordTooLarge", ErrorKind.InvalidData,
                $"'{path}', data row {rowNumber} is longer than {CsvOptions.MaxRecordCharacters / (1 << 20)} million characters, most likely a quote that is never closed. " +
                "Check the quoting from that row on.", rowNumber);
    }
}
