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
        public static bool TryReadColumns(PSObject row, string[] columns, object[] values, int at)
        {
            var sink = new ColumnValues(columns, values, at);
            return Walk(row, ref sink) && sink.Matched == columns.Length;
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
                    int count = dictionary.Count;
                    var entries = EntryArray(dictionary);
                    if (entries != null && entries.Length >= count)
                    {
                        // The dictionary's own array of entries, read in place: its indexer costs three calls a cell.
                        // Anything but an entry there (a runtime that keeps them otherwise) means the row is read by name.
                        for (int i = 0; i < count; i++)
                            if (!(entries[i] is DictionaryEntry entry) || !sink.Take(entry.Value)) return false;
                        return true;
                    }
                    for (int i = 0; i < count; i++)
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
            private readonly string[] _columns;
            private readonly object[] _values;
            private readonly int _at;

            public ColumnValues(string[] columns, object[] values, int at)
            {
                _columns = columns;
                _values = values;
                _at = at;
                Matched = 0;
            }

            /// <summary>Columns read so far, in order.</summary>
            public int Matched;

            // PSNoteProperty and PSObject are not sealed, so `is` on them calls a cast helper: the exact types
            // (what Import-Csv makes) are tested first, inline, and a string value is taken as it is.
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public bool Take(object member)
            {
                var note = member != null && member.GetType() == typeof(PSNoteProperty) ? AsNote(member) : member as PSNoteProperty;
                if (note == null) return !(member is PSPropertyInfo);
                if (Matched < _columns.Length)
                {
                    string name = note.Name, column = _columns[Matched];
                    // Rows of one Import-Csv share their header's strings, so the names are mostly the same object.
                    if ((object)name == column || string.Equals(name, column, StringComparison.Ordinal))
                    {
                        var value = note.Value;
                        _values[_at + Matched++] = value is string || !(value is PSObject wrapped) ? value : wrapped.BaseObject;
                    }
                }
                return true;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static PSNoteProperty AsNote(object member) =>
#if NET8_0_OR_GREATER
            System.Runtime.CompilerServices.Unsafe.As<PSNoteProperty>(member);
#else
            (PSNoteProperty)member;
#endif

        /// <summary>
        /// The array behind an ordered dictionary's list of entries (its private ArrayList's items), or null
        /// where this runtime names them otherwise; the dictionary's indexer is used then.
        /// </summary>
        private static readonly Func<System.Collections.Specialized.OrderedDictionary, object[]> EntryArray = CreateEntryArrayAccessor() ?? (_ => null);

        private static Func<System.Collections.Specialized.OrderedDictionary, object[]> CreateEntryArrayAccessor()
        {
            try
            {
                const System.Reflection.BindingFlags Private = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic;
                var list = typeof(System.Collections.Specialized.OrderedDictionary).GetField("_objectsArray", Private);
                var items = typeof(ArrayList).GetField("_items", Private);
                if (list == null || list.FieldType != typeof(ArrayList) || items == null || items.FieldType != typeof(object[])) return null;
                var dictionary = System.Linq.Expressions.Expression.Parameter(typeof(System.Collections.Specialized.OrderedDictionary), "dictionary");
                var entries = System.Linq.Expressions.Expression.Variable(typeof(ArrayList), "entries");
                // dictionary._objectsArray?._items (the list is made with the first entry).
                var body = System.Linq.Expressions.Expression.Block(new[] { entries },
                    System.Linq.Expressions.Expression.Assign(entries, System.Linq.Expressions.Expression.Field(dictionary, list)),
                    System.Linq.Expressions.Expression.Condition(
                        System.Linq.Expressions.Expression.Equal(entries, System.Linq.Expressions.Expression.Constant(null, typeof(ArrayList))),
                        System.Linq.Expressions.Expression.Constant(null, typeof(object[])),
                        System.Linq.Expressions.Expression.Field(entries, items)));
                var accessor = System.Linq.Expressions.Expression.Lambda<Func<System.Collections.Specialized.OrderedDictionary, object[]>>(body, dictionary).Compile();
                // Fields of these names that hold something else (another runtime's layout) are not used.
                var probe = new System.Collections.Specialized.OrderedDictionary { { "a", 1 }, { "b", 2 } };
                var array = accessor(probe);
                bool holdsEntries = array != null && array.Length >= 2 && array[0] is DictionaryEntry first && array[1] is DictionaryEntry second &&
                    Equals(first.Key, "a") && Equals(first.Value, 1) && Equals(second.Key, "b") && Equals(second.Value, 2);
                return holdsEntries ? accessor : null;
            }
            catch (Exception)
            {
                return null;
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
