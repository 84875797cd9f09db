using System.Security;

namespace NeuralNet.Core.Reporting
{
    /// <summary>Small helpers for writing SVG by hand: invariant numbers and escaped text.</summary>
    internal static class Svg
    {
        public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        /// <summary>
        /// Text escaped for markup, with every character XML 1.0 cannot hold (controls but tab, LF and
        /// CR; U+FFFE and U+FFFF; a lone surrogate) shown as U+FFFD: an escape alone would leave them,
        /// and an SVG holding one is a file no XML parser reads.
        /// </summary>
        public static string Text(string value)
        {
            value = value ?? "";
            StringBuilder clean = null;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
                bool allowed = pair || (!char.IsSurrogate(c) && (c >= ' ' || c == '\t' || c == '\n' || c == '\r') && c != '\uFFFE' && c != '\uFFFF');
                if (!allowed && clean == null) clean = new StringBuilder(value, 0, i, value.Length);
                if (clean != null)
                {
                    clean.Append(allowed ? c : '\uFFFD');
                    if (pair) clean.Append(value[++i]);
                }
                else if (pair) i++;
            }
            return SecurityElement.Escape(clean?.ToString() ?? value);
        }

        public static StringBuilder Open(int width, int height, string title) => new StringBuilder()
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(width).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\" font-family=\"Segoe UI, Helvetica, Arial, sans-serif\">\n")
            .Append("  <title>").Append(Text(title)).Append("</title>\n")
            .Append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    }
}
