namespace NeuralNet.Core.Data
{
    /// <summary>Receives the plain scanner's cells by table column and 0-based row.</summary>
    internal interface ICellSink
    {
        void BeginRow(int row);

        void Cell(int column, int row, byte[] bytes, int start, int length);

        void Absent(int column, int row);
    }

    /// <summary>Parses cells into the shared row-major matrix directly (the hot path of a read).</summary>
    internal sealed class NumberSink : ICellSink
    {
        private readonly NumericColumnBuilder[] _numbers;
        private readonly NumericMatrix _matrix;

        public NumberSink(NumericColumnBuilder[] numbers)
        {
            _numbers = numbers;
            _matrix = numbers.FirstOrDefault(n => n != null)?.Matrix;
        }

        public NumericMatrix Matrix => _matrix;

        public void BeginRow(int row)
        {
            if (_matrix != null && row >= _matrix.Capacity) _matrix.Grow();
        }

        [MethodImpl(Hot.Optimize)]
        public void Cell(int column, int row, byte[] bytes, int start, int length)
        {
            var builder = _numbers[column];
            if (builder == null || builder.Failed) return;
            if (FastNumber.TryParse(bytes, start, length, out double value))
            {
                if (builder.AllPresent) _matrix.Data[row * _matrix.Width + column] = value;
                else builder.Add(row, value, CellState.Present);
            }
            else if (FastNumber.IsBlank(bytes, start, length)) builder.Add(row, 0, CellState.Empty);
            else builder.Failed = true;
        }

        public void Absent(int column, int row) => _numbers[column]?.Add(row, 0, CellState.Absent);
    }

    /// <summary>Keeps the wanted columns' cells as strings.</summary>
    internal sealed class TextSink : ICellSink
    {
        private readonly bool[] _wanted;
        private readonly string[][] _text;

        public void BeginRow(int row)
        {
        }

        public TextSink(int[] columns, string[][] text)
        {
            _wanted = new bool[text.Length];
            foreach (var c in columns) _wanted[c] = true;
            _text = text;
        }

        public void Cell(int column, int row, byte[] bytes, int start, int length)
        {
            if (_wanted[column]) _text[column][row] = Encoding.UTF8.GetString(bytes, start, length);
        }

        public void Absent(int column, int row)
        {
            if (_wanted[column]) _text[column][row] = null;
        }
    }
}
