#if NETCOREAPP
using System.Reflection;
using System.Reflection.Emit;
#endif

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// A class made at run time for one layout of prediction rows: a property per column, typed
    /// object (input cells), string (a predicted class) or double (probabilities, predicted values),
    /// derived from <see cref="Prediction"/>. <see cref="Create"/> fills a new instance from two
    /// reused buffers, the references in order and the numbers in order, so a row costs one object.
    /// Layouts are made once per process and shared, since files and pipelines of one shape repeat.
    /// Only the net8.0 build can make classes (Reflection.Emit is not in netstandard2.0): under
    /// Windows PowerShell, <see cref="For"/> returns null and rows stay PSObjects with note properties.
    /// </summary>
    internal sealed class PredictionRecordType
    {
        // Beyond this many layouts (rows of ever-changing shapes), rows fall back to PSObjects rather
        // than fill the process with classes that are never unloaded.
        private const int MaxLayouts = 1000;

        private static readonly Dictionary<string, PredictionRecordType> Made = new Dictionary<string, PredictionRecordType>(StringComparer.Ordinal);

        private readonly Func<object[], double[], object> _create;

        private PredictionRecordType(string typeName, Func<object[], double[], object> create)
        {
            TypeName = typeName;
            _create = create;
        }

        /// <summary>The class's full name: the first of a row's PSTypeNames, which its display is registered under.</summary>
        public string TypeName { get; }

        /// <summary>A new row: reference-typed columns from <paramref name="references"/>, double columns from <paramref name="numbers"/>, each in column order.</summary>
        public object Create(object[] references, double[] numbers) => _create(references, numbers);

        /// <summary>
        /// The class for these columns (each type object, string or double), made on first use; null
        /// where no class can carry them (a name a class cannot have, too many layouts, or the
        /// netstandard2.0 build).
        /// </summary>
        public static PredictionRecordType For(IReadOnlyList<string> names, IReadOnlyList<Type> types)
        {
#if NETCOREAPP
            var key = Key(names, types);
            lock (Made)
            {
                if (Made.TryGetValue(key, out var made)) return made;
                if (Made.Count >= MaxLayouts || !Usable(names)) return null;
                made = Make(names, types, Made.Count + 1);
                Made.Add(key, made);
                return made;
            }
#else
            return null;
#endif
        }

#if NETCOREAPP
        private static readonly ModuleBuilder Module =
            AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("NeuralNet.Predictions"), AssemblyBuilderAccess.Run).DefineDynamicModule("NeuralNet.Predictions");

        private static string Key(IReadOnlyList<string> names, IReadOnlyList<Type> types)
        {
            var key = new System.Text.StringBuilder();
            for (int i = 0; i < names.Count; i++) key.Append(names[i]).Append('\0').Append(types[i] == typeof(double) ? 'd' : types[i] == typeof(string) ? 's' : 'o').Append('\0');
            return key.ToString();
        }

        /// <summary>
        /// Names a property can have and PowerShell can tell apart: not empty, no NUL, and unique
        /// ignoring case (PowerShell looks properties up case-insensitively).
        /// </summary>
        private static bool Usable(IReadOnlyList<string> names)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
                if (string.IsNullOrEmpty(name) || name.IndexOf('\0') >= 0 || !seen.Add(name)) return false;
            return true;
        }

        private static PredictionRecordType Make(IReadOnlyList<string> names, IReadOnlyList<Type> types, int number)
        {
            // The number keeps names unique; commas would be escaped in a type's name, so none are used.
            var typeName = "NeuralNet.Prediction#" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var builder = Module.DefineType(typeName, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(Prediction));
            var constructor = builder.DefineDefaultConstructor(MethodAttributes.Public);
            var fields = new FieldBuilder[names.Count];
            for (int i = 0; i < names.Count; i++)
            {
                fields[i] = builder.DefineField("_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), types[i], FieldAttributes.Private);
                DefineProperty(builder, names[i], fields[i]);
            }
            DefineCreate(builder, constructor, fields);
            var type = builder.CreateType();
            var create = (Func<object[], double[], object>)type.GetMethod("Create", BindingFlags.Static | BindingFlags.NonPublic)
                .CreateDelegate(typeof(Func<object[], double[], object>));
            return new PredictionRecordType(type.FullName, create);
        }

        // A property with a getter and a setter, so a row can be changed in place as a [pscustomobject] can.
        private static void DefineProperty(TypeBuilder builder, string name, FieldBuilder field)
        {
            const MethodAttributes accessor = MethodAttributes.Public | MethodAttributes.SpecialName | MethodAttributes.HideBySig;
            var property = builder.DefineProperty(name, PropertyAttributes.None, field.FieldType, null);
            var get = builder.DefineMethod("get_" + name, accessor, field.FieldType, Type.EmptyTypes);
            var il = get.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, field);
            il.Emit(OpCodes.Ret);
            property.SetGetMethod(get);
            var set = builder.DefineMethod("set_" + name, accessor, null, new[] { field.FieldType });
            il = set.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Stfld, field);
            il.Emit(OpCodes.Ret);
            property.SetSetMethod(set);
        }

        // static object Create(object[] references, double[] numbers): a new instance, each field from the next slot of its buffer.
        private static void DefineCreate(TypeBuilder builder, ConstructorInfo constructor, FieldBuilder[] fields)
        {
            var create = builder.DefineMethod("Create", MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig,
                typeof(object), new[] { typeof(object[]), typeof(double[]) });
            var il = create.GetILGenerator();
            il.Emit(OpCodes.Newobj, constructor);
            int reference = 0, number = 0;
            foreach (var field in fields)
            {
                il.Emit(OpCodes.Dup);
                if (field.FieldType == typeof(double))
                {
                    il.Emit(OpCodes.Ldarg_1);
                    il.Emit(OpCodes.Ldc_I4, number++);
                    il.Emit(OpCodes.Ldelem_R8);
                }
                else
                {
                    il.Emit(OpCodes.Ldarg_0);
                    il.Emit(OpCodes.Ldc_I4, reference++);
                    il.Emit(OpCodes.Ldelem_Ref);
                    if (field.FieldType != typeof(object)) il.Emit(OpCodes.Castclass, field.FieldType);
                }
                il.Emit(OpCodes.Stfld, field);
            }
            il.Emit(OpCodes.Ret);
        }
#endif
    }
}
