using NeuralNet.Core.Options;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Hands a cmdlet's bound parameters to the core's option objects by name
    /// (<see cref="OptionBinder"/>): a parameter the user gave sets the option of the same name, and one
    /// left out keeps the core's default. So cmdlets decide no defaults and map no options one by one.
    /// </summary>
    internal static class BoundOptions
    {
        /// <summary>The bound parameters as plain values (switches as booleans, PowerShell wrappers removed).</summary>
        public static IEnumerable<KeyValuePair<string, object>> Of(PSCmdlet cmdlet) =>
            cmdlet.MyInvocation.BoundParameters.Select(p => new KeyValuePair<string, object>(p.Key, Plain(p.Value)));

        /// <summary>A new <typeparamref name="T"/> with every bound parameter of its name set.</summary>
        public static T Bind<T>(PSCmdlet cmdlet) where T : new() => OptionBinder.Bind(new T(), Of(cmdlet));

        public static object Plain(object value)
        {
            switch (value)
            {
                case SwitchParameter s: return s.IsPresent;
                case PSObject pso: return Plain(pso.BaseObject);
                default: return value;
            }
        }
    }
}
