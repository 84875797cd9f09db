namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Gives one output object its default display properties, for objects whose properties depend on
    /// the data (prediction rows, experiment results) and so cannot have a view in the format file.
    /// Export-Csv, Select-Object * and ConvertTo-Json still see every property.
    /// </summary>
    internal static class DisplaySet
    {
        public static void Apply(PSObject target, IEnumerable<string> properties)
        {
            var names = new List<string>();
            foreach (var name in properties)
                if (target.Properties[name] != null && !names.Contains(name)) names.Add(name);
            if (names.Count == 0) return;
            var set = new PSPropertySet("DefaultDisplayPropertySet", names);
            target.Members.Add(new PSMemberSet("PSStandardMembers", new PSMemberInfo[] { set }));
        }
    }
}
