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
            var sink = new NoteList(notes);
            if (Walk(row, ref sink)) return true;
            notes.Clear();
            return false;
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
            var sink = new ColumnValues(columns, values, at);
            return Walk(row, ref sink) && sink.Matched == columns.Count;
        }

        /// <summary>What a walk over a row's members does with each: false ends the walk (the row is not read this way).</summary>
        private interface IMemberSink
        {
            bool Take(object member);
        }

        /// <summary>
        /// Gives each of the row's own members to <paramref name="sink"/> in order (a struct, so each caller
        /// gets its own compiled loop); false when the row is not a plain [pscustomobject], its members
        /// cannot be read here, or the sink says no. A row whose members were never made has none.
        /// </summary>
        [MethodImpl(PerRow.Optimized)]
        private static bool Walk<TSink>(PSObject row, ref TSink sink) where TSink : struct, IMemberSink
        {
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
                if (dictionary == null) return true;
                // Under PowerShell's own lock on the collection: a row shared by runspaces (ForEach-Object
                // -Parallel with $using:rows) may get its hidden members added by another thread meanwhile.
                lock (dictionary)
                {
                    for (int i = 0; i < dictionary.Count; i++)
                        if (!sink.Take(dictionary[i])) return false;
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
                if (!sink.Take(member)) return false;
            return true;
        }

        /// <summary>Collects the notes; another kind of property means no. The row's own members may also hold PowerShell's hidden member sets, which are passed over.</summary>
        private readonly struct NoteList : IMemberSink
        {
            private readonly List<PSNoteProperty> _notes;

            public NoteList(List<PSNoteProperty> notes) => _notes = notes;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public bool Take(object member)
            {
                if (member is PSNoteProperty note) _notes.Add(note);
                else if (member is PSPropertyInfo) return false;
                return true;
            }
        }

        /// <summary>Reads the note that is the next column into its place, unwrapped; another kind of property means no.</summary>
        private struct ColumnValues : IMemberSink
        {
            private readonly IReadOnlyList<string> _columns;
            private readonly object[] _values;
            private readonly int _at;

            public ColumnValues(IReadOnlyList<string> columns, object[] values, int at)
            {
                _columns = columns;
                _values = values;
                _at = at;
                Matched = 0;
            }

            /// <summary>Columns read so far, in order.</summary>
            public int Matched;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public bool Take(object member)
            {
                if (member is PSNoteProperty note)
                {
                    if (Matched < _columns.Count && string.Equals(note.Name, _columns[Matched], StringComparison.Ordinal))
                    {
                        var value = note.Value;
                        _values[_at + Matched++] = value is PSObject wrapped ? wrapped.BaseObject : value;
                    }
                    return true;
                }
                return !(member is PSPropertyInfo);
            }
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
