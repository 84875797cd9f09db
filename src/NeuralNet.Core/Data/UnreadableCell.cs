namespace NeuralNet.Core.Data
{
    /// <summary>
    /// A row property whose value could not be read (a ScriptProperty that throws, say). It is kept as
    /// the cell, so that the error names the row and the column when the cell is used, as for every
    /// other bad cell, instead of reading it as empty.
    /// </summary>
    public sealed class UnreadableCell
    {
        public UnreadableCell(string reason)
        {
            Reason = reason;
        }

        /// <summary>Why reading it failed, as the getter said.</summary>
        public string Reason { get; }

        public override string ToString() => "(unreadable: " + Reason + ")";
    }
}
