namespace NeuralNet.Core.Data
{
    /// <summary>
    /// The parsed numbers of every column in one row-major array (rows × columns): filling it touches
    /// memory in one sequential stream, and on first touch, fresh memory is the dominant cost of a read.
    /// </summary>
    internal sealed class NumericMatrix
    {
        public NumericMatrix(int width, int capacity)
        {
            Width = width;
            Capacity = Math.Max(16, capacity);
            Data = new double[checked((long)Capacity * width)];
        }

        public int Width { get; }

        public int Capacity { get; private set; }

        public double[] Data { get; private set; }

        /// <summary>Grows to at least <paramref name="rows"/> rows (before parallel writers start).</summary>
        public void EnsureCapacity(int rows)
        {
            while (Capacity < rows) Grow();
        }

        public void Grow()
        {
            Capacity += Capacity / 2;
            var data = Data;
            Array.Resize(ref data, checked(Capacity * Width));
            Data = data;
        }
    }

    /// <summary>One column of a <see cref="NumericMatrix"/>, with cell states recorded only once a cell is missing.</summary>
    internal sealed class NumericColumnBuilder
    {
        private readonly NumericMatrix _matrix;
        private readonly int _column;
        private CellState[] _states;

        public NumericColumnBuilder(NumericMatrix matrix, int column)
        {
            _matrix = matrix;
            _column = column;
        }

        /// <summary>Set when a present cell is not a number: the column is text after all.</summary>
        public bool Failed { get; set; }

        public NumericMatrix Matrix => _matrix;

        /// <summary>True until a cell of the column is missing (then states are kept).</summary>
        public bool AllPresent => _states == null;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int row, double value, CellState state)
        {
            if (row >= _matrix.Capacity) _matrix.Grow();
            _matrix.Data[row * _matrix.Width + _column] = value;
            if (state == CellState.Present && _states == null) return;
            // Missing cells are rare; the lock makes the first one safe when two threads parse halves of a file.
            if (_states == null || _states.Length < _matrix.Capacity)
            {
                lock (this)
                {
                    if (_states == null) _states = new CellState[_matrix.Capacity];
                    else if (_states.Length < _matrix.Capacity) Array.Resize(ref _states, _matrix.Capacity);
                }
            }
            _states[row] = state;
        }

        public NumericColumn Build(int rows)
        {
            if (_states != null && _states.Length < rows) Array.Resize(ref _states, rows);
            return new NumericColumn(_matrix.Data, _column, _matrix.Width, _states);
        }
    }
}
