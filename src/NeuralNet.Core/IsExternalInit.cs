#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// The marker C# needs for records and init-only properties; .NET 5 and later have it, and the
    /// netstandard2.0 build brings its own (the compiler looks it up by name).
    /// </summary>
    internal static class IsExternalInit
    {
    }
}
#endif
