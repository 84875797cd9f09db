using NeuralNet.Core.Options;

namespace NeuralNet.PowerShell.Internal
{
    /// <summary>
    /// Checks a parameter while PowerShell binds it, against the range its core option declares
    /// (<see cref="OptionRangeAttribute"/>): the constraint is written once, in the core, and a bad value
    /// still fails as a binding error that names the parameter.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class ValidateOptionAttribute : ValidateArgumentsAttribute
    {
        private readonly Type _options;
        private readonly string _name;

        public ValidateOptionAttribute(Type options, string name)
        {
            _options = options;
            _name = name;
        }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            try
            {
                OptionBinder.Validate(_options, _name, BoundOptions.Plain(arguments));
            }
            catch (NeuralNetException e)
            {
                throw new ValidationMetadataException(e.Message, e);
            }
        }
    }
}
