namespace NeuralNet.Core.Data
{
    /// <summary>
    /// A row property whose value could not be read (a ScriptProperty that throws, say). It is kept as
    /// the cell, so that the error names the row and the column when the cell is used, as for every
    /// other bad cell, instead of reading it as empty.
    /// </summary>
    /// <param name="Reason">Why reading it failed, as the getter said.</param>
    public sealed record UnreadableCell(string Reason)
    {
        public override string ToString() => "(unreadable: " + Reason + ")";
    }
}
