using System.Globalization;
using System.Security;
using System.Text;

namespace NeuralNet.Core.Reporting
{
    /// <summary>Small helpers for writing SVG by hand: invariant numbers and escaped text.</summary>
    internal static class Svg
    {
        public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        public static string Text(string value) => SecurityElement.Escape(value ?? "");

        public static StringBuilder Open(int width, int height, string title) => new StringBuilder()
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(width).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\" font-family=\"Segoe UI, Helvetica, Arial, sans-serif\">\n")
            .Append("  <title>").Append(Text(title)).Append("</title>\n")
            .Append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    }
}
