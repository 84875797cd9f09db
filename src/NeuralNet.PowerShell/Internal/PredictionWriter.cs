using System.Management.Automation.Runspaces;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Builds prediction output: a copy of the input row (the input is never modified) plus the
    /// prediction columns (<see cref="PredictionColumns"/>), read from the network's outputs in place.
    /// Under PowerShell 7 a row is an instance of a class made for its layout of columns
    /// (<see cref="PredictionRecordType"/>), filled from two buffers reused row after row; elsewhere,
    /// and for names no class can carry, a PSObject with note properties. The row's target,
    /// Prediction and Probability print as a table, through type data registered once per runspace
    /// and layout rather than a display set made for every object; every other property is still
    /// there for Select-Object and Export-Csv.
    /// </summary>
    internal sealed class PredictionWriter
    {
        public const string TypeName = "NeuralNet.Prediction";

        private static readonly HashSet<string> Registered = new HashSet<string>(StringComparer.Ordinal);

        private readonly PSCmdlet _cmdlet;
        private readonly DataSchema _schema;
        private readonly string[] _names;
        private readonly Type[] _types;
        private readonly HashSet<string> _own;
        private readonly string[] _display;
        private readonly string _typeName;

        // A row's input columns (names and values), then the buffers a record is filled from: the
        // inputs and predicted classes (references), the probabilities and values (numbers).
        private readonly List<string> _inputNames = new List<string>();
        private readonly List<object> _inputValues = new List<object>();
        private readonly List<PSNoteProperty> _notes = new List<PSNoteProperty>();
        private object[] _references;
        private double[] _numbers;

        public PredictionWriter(PSCmdlet cmdlet, DataSchema schema)
        {
            _cmdlet = cmdlet;
            _schema = schema;
            _names = PredictionColumns.All(schema).ToArray();
            _types = ColumnTypes(schema).ToArray();
            // Room for the predictions alone; a record's inputs widen the buffers (RecordFor).
            _numbers = new double[_types.Count(t => t == typeof(double))];
            _references = new object[_types.Length - _numbers.Length];
            _own = new HashSet<string>(_names, StringComparer.OrdinalIgnoreCase);
            int count = schema.Targets.Count;
            _display = schema.Targets.Select(t => t.Name)
                .Concat(schema.Targets.SelectMany(t => t is ClassTarget ? new[] { PredictionColumns.Prediction(t, count), PredictionColumns.Probability(t, count) } : new[] { PredictionColumns.Prediction(t, count) }))
                .ToArray();
            _typeName = TypeName + "#" + string.Join(",", _display);
            Register(cmdlet, _typeName, _display);
        }

        /// <summary>The prediction columns' property types, in <see cref="PredictionColumns"/>' order: a class name, or a number.</summary>
        private static IEnumerable<Type> ColumnTypes(DataSchema schema)
        {
            foreach (var target in schema.Targets)
            {
                if (target is ClassTarget classes)
                {
                    yield return typeof(string);
                    yield return typeof(double);
                    if (PredictionColumns.HasClassProbabilities(schema.Targets.Count))
                        for (int j = 0; j < classes.ClassCount; j++) yield return typeof(double);
                }
                else yield return typeof(double);
            }
        }

        /// <summary>A copy of <paramref name="input"/> with the predictions of one output row (outputs[offset …]).</summary>
        public object For(object input, double[] outputs, int offset)
        {
            ReadInput(input, _inputNames, _inputValues);
            var record = PipedRecordFor(_inputNames);
            if (record == null) return WithPredictions(ToObject(_inputNames, _inputValues), outputs, offset);
            for (int i = 0; i < _inputValues.Count; i++) _references[i] = _inputValues[i];
            return Fill(record, _inputValues.Count, 0, outputs, offset);
        }

        /// <summary>
        /// Row <paramref name="row"/> of a parsed file with its predictions, built straight from the table's cells
        /// (no intermediate object to copy).
        /// </summary>
        public object For(RawTable table, int row, double[] outputs, int offset)
        {
            var copied = CopiedColumns(table);
            if (_tableRecord != null)
            {
                int r = 0, n = 0;
                var dense = _dense;
                for (int c = 0; c < copied.Length; c++)
                {
                    if (!copied[c]) continue;
                    if (dense[c] != null)
                    {
                        _numbers[n++] = dense[c][row];
                        continue;
                    }
                    var cell = table[row, c];
                    _references[r++] = cell == RawTable.MissingProperty ? null : cell;
                }
                return Fill(_tableRecord, r, n, outputs, offset);
            }
            var result = new PSObject();
            var properties = result.Properties;
            for (int c = 0; c < copied.Length; c++)
            {
                if (!copied[c]) continue;
                var cell = table[row, c];   // read in place: no array of the row's cells
                if (cell != RawTable.MissingProperty) properties.Add(new PSNoteProperty(table.Columns[c], cell), true);
            }
            return WithPredictions(result, outputs, offset);
        }

        /// <summary>
        /// Per column of <paramref name="table"/>, whether rows keep it (the prediction columns replace an
        /// old one), and the table's record class; worked out once per table. A file's column of numbers
        /// with no cell missing is a double property, read from the parsed column without boxing; any
        /// other column an object one, as its cells come (text, a number, or empty).
        /// </summary>
        private bool[] CopiedColumns(RawTable table)
        {
            if (ReferenceEquals(table, _copiedFor)) return _copied;
            _copied = table.Columns.Select(name => !_own.Contains(name)).ToArray();
            _copiedFor = table;
            _dense = new NumericColumn[_copied.Length];
            var names = new List<string>();
            var types = new List<Type>();
            for (int c = 0; c < _copied.Length; c++)
            {
                if (!_copied[c]) continue;
                var numbers = table.ReadByColumns ? table.Numeric(c) : null;
                if (numbers != null && numbers.States == null) _dense[c] = numbers;
                names.Add(table.Columns[c]);
                types.Add(_dense[c] != null ? typeof(double) : typeof(object));
            }
            _tableRecord = RecordFor(names, types);
            return _copied;
        }

        private RawTable _copiedFor;
        private bool[] _copied;
        private NumericColumn[] _dense;
        private PredictionRecordType _tableRecord;

        /// <summary>
        /// The record class for piped rows with these input columns (object properties), or null. The
        /// last one is kept: rows of one file or pipeline share their columns, so a row costs one comparison.
        /// </summary>
        private PredictionRecordType PipedRecordFor(IReadOnlyList<string> inputs)
        {
            if (_lastInputs != null && SameNames(_lastInputs, inputs)) return _lastRecord;
            _lastInputs = inputs.ToArray();
            _lastRecord = RecordFor(inputs, inputs.Select(_ => typeof(object)).ToArray());
            return _lastRecord;
        }

        /// <summary>The record class for these input columns and types, then the prediction columns; null: PSObjects.</summary>
        private PredictionRecordType RecordFor(IReadOnlyList<string> inputs, IReadOnlyList<Type> inputTypes)
        {
            var names = inputs.Concat(_names).ToArray();
            var types = inputTypes.Concat(_types).ToArray();
            var record = PredictionRecordType.For(names, types);
            if (record == null) return null;
            int numbers = types.Count(t => t == typeof(double));
            if (_references.Length < types.Length - numbers) _references = new object[types.Length - numbers];
            if (_numbers.Length < numbers) _numbers = new double[numbers];
            Register(_cmdlet, record.TypeName, _display);
            return record;
        }

        private string[] _lastInputs;
        private PredictionRecordType _lastRecord;

        private static bool SameNames(string[] known, IReadOnlyList<string> names)
        {
            if (known.Length != names.Count) return false;
            for (int i = 0; i < known.Length; i++)
                if (!string.Equals(known[i], names[i], StringComparison.Ordinal)) return false;
            return true;
        }

        /// <summary>
        /// A record of <paramref name="record"/>'s class: the inputs' first <paramref name="references"/>
        /// references and <paramref name="numbers"/> numbers are set; the predictions follow them.
        /// </summary>
        private object Fill(PredictionRecordType record, int references, int numbers, double[] outputs, int offset)
        {
            FillPredictions(references, numbers, outputs, offset);
            return record.Create(_references, _numbers);
        }

        /// <summary>
        /// The prediction columns' values of one output row (outputs[offset …]), in column order, into
        /// the buffers from slots <paramref name="reference"/> and <paramref name="number"/> on: the one
        /// place that reads predictions, for records and PSObjects alike.
        /// </summary>
        private void FillPredictions(int reference, int number, double[] outputs, int offset)
        {
            foreach (var target in _schema.Targets)
            {
                if (target is ClassTarget classes)
                {
                    int best = classes.BestClass(outputs, offset);
                    _references[reference++] = classes.Classes[best];
                    _numbers[number++] = classes.Probability(outputs, offset, best);
                    if (PredictionColumns.HasClassProbabilities(_schema.Targets.Count))
                        for (int j = 0; j < classes.ClassCount; j++) _numbers[number++] = classes.Probability(outputs, offset, j);
                }
                else _numbers[number++] = ((ValueTarget)target).Value(outputs, offset);
                offset += target.Width;
            }
        }

        // Members are added pre-validated: each name is unique (the copy leaves out the prediction
        // columns), and validation would look every name up in the type tables, row after row.
        private PSObject WithPredictions(PSObject result, double[] outputs, int offset)
        {
            // The names come from _names, made once in PredictionColumns' order, so a row makes no strings.
            FillPredictions(0, 0, outputs, offset);
            var properties = result.Properties;
            int reference = 0, number = 0;
            for (int i = 0; i < _names.Length; i++)
                properties.Add(new PSNoteProperty(_names[i], _types[i] == typeof(double) ? _numbers[number++] : _references[reference++]), true);
            result.TypeNames.Insert(0, _typeName);
            result.TypeNames.Insert(1, TypeName);
            return result;
        }

        /// <summary>A row of a network trained on matrices with one output: the row plus Prediction, the raw output.</summary>
        public static PSObject WithRawPrediction(object input, double value)
        {
            var result = CopyOf(input, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Prediction" });
            result.Properties.Add(new PSNoteProperty("Prediction", value));
            result.TypeNames.Insert(0, TypeName);
            return result;
        }

        /// <summary>A raw network output row, for matrices: Row (1-based) and Prediction (a number, or an array for several outputs).</summary>
        public static PSObject ForMatrixRow(int row, double[] outputs, int offset, int width)
        {
            var result = new PSObject();
            result.Properties.Add(new PSNoteProperty("Row", row));
            if (width == 1) result.Properties.Add(new PSNoteProperty("Prediction", outputs[offset]));
            else
            {
                var values = new double[width];
                Array.Copy(outputs, offset, values, 0, width);
                result.Properties.Add(new PSNoteProperty("Prediction", values));
            }
            result.TypeNames.Insert(0, TypeName + ".Matrix");
            return result;
        }

        /// <summary>The input's properties, in order, but those the predictions replace (an input may carry an old Prediction).</summary>
        private static PSObject CopyOf(object input, HashSet<string> replaced)
        {
            var names = new List<string>();
            var values = new List<object>();
            ReadInput(input, names, values, replaced);
            return ToObject(names, values);
        }

        private void ReadInput(object input, List<string> names, List<object> values) => ReadInput(input, names, values, _own, _notes);

        /// <summary>
        /// The input's property names and values, in order, but those in <paramref name="replaced"/>:
        /// a dictionary's keys (the first of keys equal ignoring case; an empty key is left out), a
        /// [pscustomobject]'s own notes, or any other object's properties.
        /// </summary>
        private static void ReadInput(object input, List<string> names, List<object> values, HashSet<string> replaced, List<PSNoteProperty> notes = null)
        {
            names.Clear();
            values.Clear();
            var source = PSObject.AsPSObject(input);
            if (source.BaseObject is IDictionary dictionary)
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (DictionaryEntry entry in dictionary)
                {
                    var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                    // An empty key cannot be a property (PowerShell refuses one), so it is not echoed.
                    if (!string.IsNullOrEmpty(name) && !replaced.Contains(name) && seen.Add(name))
                    {
                        names.Add(name);
                        values.Add(entry.Value);
                    }
                }
                return;
            }
            if (notes != null && RowNotes.TryRead(source, notes))
            {
                foreach (var note in notes)
                {
                    if (replaced.Contains(note.Name)) continue;
                    names.Add(note.Name);
                    values.Add(note.Value);
                }
                return;
            }
            foreach (var property in source.Properties)
            {
                if (replaced.Contains(property.Name)) continue;
                object value;
                try
                {
                    value = property.Value;
                }
                catch (GetValueException)
                {
                    value = null;
                }
                names.Add(property.Name);
                values.Add(value);
            }
        }

        // Members are added pre-validated: the names are unique (a row's own, with the prediction columns left out).
        private static PSObject ToObject(List<string> names, List<object> values)
        {
            var result = new PSObject();
            var properties = result.Properties;
            for (int i = 0; i < names.Count; i++) properties.Add(new PSNoteProperty(names[i], values[i]), true);
            return result;
        }

        /// <summary>Gives the type its default display properties in this runspace, once (type data belongs to a runspace).</summary>
        private static void Register(PSCmdlet cmdlet, string typeName, string[] display)
        {
            var key = (Runspace.DefaultRunspace?.InstanceId.ToString() ?? "") + "/" + typeName;
            lock (Registered)
                if (Registered.Contains(key)) return;
            var data = new TypeData(typeName) { DefaultDisplayPropertySet = new PropertySetData(display) };
            // In a scope of its own: the script's parameter must not overwrite a variable of the caller's.
            cmdlet.InvokeCommand.InvokeScript(true, ScriptBlock.Create("param($typeData) Update-TypeData -TypeData $typeData -Force"), null, data);
            lock (Registered) Registered.Add(key);
        }
    }
}
