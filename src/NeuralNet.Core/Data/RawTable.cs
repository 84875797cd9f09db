using System;
using System.Collections.Generic;

namespace NeuralNet.Core.Data
{
    /// <summary>
    /// Rows as they arrive, before any parsing: one value per column, in <see cref="Columns"/> order.
    /// A value is a string, a number, a bool, null (empty), or <see cref="MissingProperty"/> when the
    /// row had no such property at all. Columns are matched case-insensitively, as PowerShell does.
    /// </summary>
    public sealed class RawTable
    {
        /// <summary>Stands for a property the row does not have.</summary>
        public static readonly object MissingProperty = new object();

        private readonly Dictionary<string, int> _index;

        public RawTable(IReadOnlyList<string> columns)
        {
            Columns = columns;
            _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (int c = 0; c < columns.Count; c++)
            {
                if (!_index.ContainsKey(columns[c])) _index.Add(columns[c], c);
            }
        }

        public IReadOnlyList<string> Columns { get; }

        public List<object[]> Rows { get; } = new List<object[]>();

        public int RowCount => Rows.Count;

        /// <summary>The column's index, or −1.</summary>
        public int IndexOf(string column) => _index.TryGetValue(column, out int c) ? c : -1;

        /// <summary>The column's name as the data spells it.</summary>
        public string CanonicalName(string column) => _index.TryGetValue(column, out int c) ? Columns[c] : column;

        public void Add(object[] row)
        {
            if (row.Length != Columns.Count) throw new ArgumentException("The row has a different number of values than the table has columns.");
            Rows.Add(row);
        }
    }
}
