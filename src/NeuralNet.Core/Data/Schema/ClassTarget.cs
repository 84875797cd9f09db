namespace NeuralNet.Core.Data
{
    /// <summary>A class target: one-hot outputs (softmax), or one sigmoid output for two classes (the probability of the second).</summary>
    public sealed class ClassTarget : TargetColumn
    {
        private readonly string[] _classes;

        /// <param name="name">The column.</param>
        /// <param name="classes">Class labels in output order (ordinal string sort; numeric labels by value).</param>
        /// <param name="oneSigmoid">Two classes in one sigmoid output (see <see cref="Training.Resolver.UsesOneSigmoid"/>).</param>
        public ClassTarget(string name, IEnumerable<string> classes, bool oneSigmoid) : base(name)
        {
            _classes = classes.ToArray();
            OneSigmoid = oneSigmoid && _classes.Length == 2;
        }

        public IReadOnlyList<string> Classes => _classes;

        /// <summary>Two classes in one sigmoid output (probability of the second class) rather than two softmax outputs.</summary>
        public bool OneSigmoid { get; }

        public override bool IsClassification => true;

        public override int ClassCount => _classes.Length;

        public override int Width => OneSigmoid ? 1 : _classes.Length;

        public override IEnumerable<string> OutputNames => OneSigmoid ? new[] { Name } : _classes.Select(c => Name + "=" + c);

        public ClassTarget WithOneSigmoid(bool oneSigmoid) => new ClassTarget(Name, _classes, oneSigmoid);

        /// <summary>The class index of a label, or an error naming the row when training never saw it.</summary>
        public int ClassIndex(object value, int rowNumber)
        {
            string label = ValueParser.ToLabel(value, rowNumber, Name);
            int index = Labels.IndexOf(_classes, label, value);
            if (index < 0) throw DataErrors.UnknownClass(rowNumber, Name, label, _classes);
            return index;
        }

        internal override void Encode(object cell, int rowNumber, double[] y, int offset) => Write(ClassIndex(cell, rowNumber), y, offset);

        /// <summary>Numeric class codes (digits 0–9) are looked up once per distinct value.</summary>
        [MethodImpl(Hot.Optimize)]
        internal override void EncodeColumn(RawTable table, int column, IReadOnlyList<int> keep, double[] y, int stride, int offset, in CellPolicy policy)
        {
            var numeric = table.Numeric(column);
            if (numeric == null)
            {
                base.EncodeColumn(table, column, keep, y, stride, offset, policy);
                return;
            }
            var classOf = new Dictionary<double, int>();
            for (int k = 0; k < keep.Count; k++)
            {
                int r = keep[k];
                if (numeric.StateAt(r) != CellState.Present) throw DataErrors.MissingTarget(policy.RowNumber(r), Name, fitting: !policy.Scoring);
                double v = numeric[r];
                if (!classOf.TryGetValue(v, out int index)) classOf[v] = index = ClassIndex(v, policy.RowNumber(r));
                Write(index, y, k * stride + offset);
            }
        }

        [MethodImpl(Hot.Optimize)]
        private void Write(int index, double[] y, int offset)
        {
            if (OneSigmoid)
            {
                y[offset] = index;
                return;
            }
            for (int j = 0; j < _classes.Length; j++) y[offset + j] = j == index ? 1.0 : 0.0;
        }

        public override TargetPrediction Decode(double[] outputs, int offset)
        {
            var probabilities = new double[_classes.Length];
            for (int j = 0; j < probabilities.Length; j++) probabilities[j] = Probability(outputs, offset, j);
            return new TargetPrediction(Name, _classes, BestClass(outputs, offset), probabilities);
        }

        /// <summary>The probability of class <paramref name="index"/> in one output row: one sigmoid output p is (1 − p, p).</summary>
        public double Probability(double[] outputs, int offset, int index) =>
            OneSigmoid ? (index == 1 ? outputs[offset] : 1.0 - outputs[offset]) : outputs[offset + index];

        /// <summary>The most probable class of one output row (the first of equals).</summary>
        public int BestClass(double[] outputs, int offset)
        {
            int best = 0;
            for (int j = 1; j < _classes.Length; j++) if (Probability(outputs, offset, j) > Probability(outputs, offset, best)) best = j;
            return best;
        }
    }
}
