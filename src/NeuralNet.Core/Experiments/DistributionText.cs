using System.Text.RegularExpressions;

namespace NeuralNet.Core.Experiments
{
    /// <summary>
    /// Reads 'Uniform(a,b)', 'LogUniform(a,b)' and 'IntUniform(a,b)' (names in any case, spaces
    /// allowed, numbers in the invariant culture so '0.5' means the same in every locale).
    /// </summary>
    internal static class DistributionText
    {
        public const string ErrorId = "InvalidParameterDistribution";

        private const string Forms = "'Uniform(a,b)', 'LogUniform(a,b)' with a, b > 0, or 'IntUniform(a,b)' with whole a, b";

        private static readonly Regex Call = new Regex(@"^\s*(?<name>[A-Za-z_]\w*)\s*\((?<arguments>.*)\)\s*$", RegexOptions.Singleline | RegexOptions.CultureInvariant);

        /// <summary>True for text shaped like a function call, which a search space reads as a distribution.</summary>
        public static bool LooksLikeDistribution(string text) => text != null && Call.IsMatch(text);

        /// <summary>The distribution <paramref name="text"/> describes; <paramref name="key"/> names the parameter in errors.</summary>
        public static ParameterDistribution Parse(string key, string text)
        {
            var call = Call.Match(text ?? "");
            if (!call.Success)
                throw Error(key, text, $"it is not a distribution. Write {Forms}, or give a list of values");
            string name = call.Groups["name"].Value;
            string[] arguments = call.Groups["arguments"].Value.Split(',');
            if (arguments.Length != 2)
                throw Error(key, text, $"a distribution takes two bounds separated by a comma, for example '{name}(1,10)'");
            switch (name.ToUpperInvariant())
            {
                case "UNIFORM":
                {
                    var (a, b) = (Real(key, text, arguments[0]), Real(key, text, arguments[1]));
                    Ordered(key, text, a < b, arguments);
                    if (double.IsInfinity(b - a)) throw Error(key, text, "its bounds are too far apart for a double; narrow them");
                    return new UniformDistribution(a, b);
                }
                case "LOGUNIFORM":
                {
                    var (a, b) = (Real(key, text, arguments[0]), Real(key, text, arguments[1]));
                    if (a <= 0 || b <= 0)
                        throw Error(key, text, "LogUniform needs bounds above 0 (it is uniform in their logarithms), for example 'LogUniform(1e-4,1e-1)'; for a range that includes 0 use Uniform");
                    Ordered(key, text, a < b, arguments);
                    return new LogUniformDistribution(a, b);
                }
                case "INTUNIFORM":
                {
                    var (a, b) = (Whole(key, text, arguments[0]), Whole(key, text, arguments[1]));
                    Ordered(key, text, a < b, arguments);
                    return new IntUniformDistribution(a, b);
                }
                default:
                    throw Error(key, text, $"'{name}' is not a known distribution. Write {Forms}, or give a list of values");
            }
        }

        public static NeuralNetException Error(string key, string text, string problem) =>
            new NeuralNetException(ErrorId, ErrorKind.InvalidArgument, $"The search space gives '{key}' the value '{text}', but {problem}.");

        private static double Real(string key, string text, string argument)
        {
            if (!double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value) || double.IsInfinity(value))
                throw Error(key, text, $"'{argument.Trim()}' is not a finite number; write bounds like 0.5 or 1e-3, with a dot for decimals");
            return value;
        }

        private static int Whole(string key, string text, string argument)
        {
            if (!int.TryParse(argument, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
                throw Error(key, text, $"'{argument.Trim()}' is not a whole number between {int.MinValue} and {int.MaxValue}; IntUniform takes whole bounds like 'IntUniform(1,5)'");
            return value;
        }

        private static void Ordered(string key, string text, bool ordered, string[] arguments)
        {
            if (!ordered)
                throw Error(key, text, $"its lower bound {arguments[0].Trim()} is not below its upper bound {arguments[1].Trim()}; give the smaller bound first (for one fixed value, give the value itself)");
        }
    }
}
