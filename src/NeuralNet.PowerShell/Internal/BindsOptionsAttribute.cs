namespace NeuralNet.PowerShell
{
    /// <summary>
    /// Names the core option types a cmdlet's parameters bind to by name (<see cref="Internal.BoundOptions"/>).
    /// The help generator reads it to state each such parameter's real default, which the core decides.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
    public sealed class BindsOptionsAttribute : Attribute
    {
        public BindsOptionsAttribute(params Type[] types) => Types = types;

        public Type[] Types { get; }
    }
}
