namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// A [pscustomobject] row's own note properties, in order, read from PSObject.InstanceMembers,
    /// which PowerShell keeps internal. Enumerating <c>PSObject.Properties</c> or looking a property
    /// up by name goes through every member collection of the object (instance, type data, adapter):
    /// about 5 µs for an iris row, 0.8 µs a property by name. Reading the row's own notes costs a
    /// fraction of that, which is what lets rows piped from Import-Csv stream. Where the member is
    /// missing (another PowerShell) or the row has other instance properties (script or alias
    /// properties from Add-Member), <see cref="TryRead"/> says no and callers read the row as before.
    /// Members from type data (Update-TypeData on a row's type name) are not instance members and are
    /// not seen here, as they were not by the readers before.
    /// </summary>
    internal static class RowNotes
    {
        private static readonly Func<PSObject, IEnumerable> InstanceMembers = CreateInstanceMembersAccessor();

        /// <summary>
        /// The ordered dictionary behind a row's instance members, read under the collection's lock as
        /// PowerShell's enumerator reads it, but without the new list the enumerator copies the members
        /// into for every row (10 MB of W2's 10× training call). Null where this PowerShell keeps its
        /// members otherwise; the enumerator is used then.
        /// </summary>
        private static readonly Func<PSObject, System.Collections.Specialized.OrderedDictionary> MemberDictionary = CreateMemberDictionaryAccessor();

        /// <summary>The row's notes into <paramref name="notes"/> (cleared first); false when the row is not a plain [pscustomobject].</summary>
        [MethodImpl(PerRow.Optimized)]
        public static bool TryRead(PSObject row, List<PSNoteProperty> notes)
        {
            notes.Clear();
            if (InstanceMembers == null || !(row.BaseObject is PSCustomObject)) return false;
            if (MemberDictionary != null)
            {
                System.Collections.Specialized.OrderedDictionary dictionary;
                try
                {
                    dictionary = MemberDictionary(row);
                }
                catch (Exception)
                {
                    return false;
                }
                // A row whose members were never made has none.
                if (dictionary == null) return true;
                // Under PowerShell's own lock on the collection: a row shared by runspaces (ForEach-Object
                // -Parallel with $using:rows) may get its hidden members added by another thread meanwhile.
                lock (dictionary)
                {
                    for (int i = 0; i < dictionary.Count; i++)
                        if (!Take(dictionary[i], notes)) return false;
                }
                return true;
            }
            IEnumerable members;
            try
            {
                members = InstanceMembers(row);
            }
            catch (Exception)
            {
                return false;
            }
            if (members == null) return false;
            foreach (var member in members)
                if (!Take(member, notes)) return false;
            return true;
        }

        /// <summary>
        /// Reads the row's notes named <paramref name="columns"/>, in that order (other notes between them
        /// passed over), straight into <paramref name="values"/> from <paramref name="at"/>, in one pass over
        /// the row's members: what <see cref="TryRead"/> and matching its list give, without the list. False
        /// when the row is not a plain [pscustomobject] or lacks a column in that order; the values written
        /// so far are then to be overwritten by the caller.
        /// </summary>
        [MethodImpl(PerRow.Optimized)]
        public static bool TryReadColumns(PSObject row, IReadOnlyList<string> columns, object[] values, int at)
        {
            if (InstanceMembers == null || !(row.BaseObject is PSCustomObject)) return false;
            int c = 0, count = columns.Count;
            if (MemberDictionary != null)
            {
                System.Collections.Specialized.OrderedDictionary dictionary;
                try
                {
                    dictionary = MemberDictionary(row);
                }
                catch (Exception)
                {
                    return false;
                }
                if (dictionary == null) return count == 0;
                lock (dictionary)
                {
                    for (int i = 0; i < dictionary.Count; i++)
                        if (!Match(dictionary[i], columns, values, at, ref c)) return false;
                }
                return c == count;
            }
            IEnumerable members;
            try
            {
                members = InstanceMembers(row);
            }
            catch (Exception)
            {
                return false;
            }
            if (members == null) return false;
            foreach (var member in members)
                if (!Match(member, columns, values, at, ref c)) return false;
            return c == count;
        }

        /// <summary>A note that is the next column is read into its place; false for another kind of property.</summary>
        [MethodImpl(PerRow.Optimized)]
        private static bool Match(object member, IReadOnlyList<string> columns, object[] values, int at, ref int c)
        {
            if (member is PSNoteProperty note)
            {
                if (c < columns.Count && string.Equals(note.Name, columns[c], StringComparison.Ordinal))
                {
                    var value = note.Value;
                    values[at + c++] = value is PSObject wrapped ? wrapped.BaseObject : value;
                }
                return true;
            }
            // The row's own members may also hold PowerShell's hidden member sets; any other property means no.
            return !(member is PSPropertyInfo);
        }

        /// <summary>Adds a note to <paramref name="notes"/>; false (and the notes cleared) for another kind of property.</summary>
        [MethodImpl(PerRow.Optimized)]
        private static bool Take(object member, List<PSNoteProperty> notes)
        {
            // The row's own members may also hold PowerShell's hidden member sets; its data are the notes.
            if (member is PSNoteProperty note) notes.Add(note);
            else if (member is PSPropertyInfo)
            {
                notes.Clear();
                return false;
            }
            return true;
        }

        private static Func<PSObject, System.Collections.Specialized.OrderedDictionary> CreateMemberDictionaryAccessor()
        {
            try
            {
                var property = typeof(PSObject).GetProperty("InstanceMembers", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
                var field = property?.PropertyType.GetField("_members", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
                if (field == null || field.FieldType != typeof(System.Collections.Specialized.OrderedDictionary)) return null;
                var row = System.Linq.Expressions.Expression.Parameter(typeof(PSObject), "row");
                var body = System.Linq.Expressions.Expression.Field(System.Linq.Expressions.Expression.Property(row, property), field);
                return System.Linq.Expressions.Expression.Lambda<Func<PSObject, System.Collections.Specialized.OrderedDictionary>>(body, row).Compile();
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static Func<PSObject, IEnumerable> CreateInstanceMembersAccessor()
        {
            try
            {
                var property = typeof(PSObject).GetProperty("InstanceMembers", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
                if (property == null || !typeof(IEnumerable).IsAssignableFrom(property.PropertyType)) return null;
                var row = System.Linq.Expressions.Expression.Parameter(typeof(PSObject), "row");
                var body = System.Linq.Expressions.Expression.Convert(System.Linq.Expressions.Expression.Property(row, property), typeof(IEnumerable));
                return System.Linq.Expressions.Expression.Lambda<Func<PSObject, IEnumerable>>(body, row).Compile();
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
