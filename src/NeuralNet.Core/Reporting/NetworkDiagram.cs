using NeuralNet.Core.Model;

namespace NeuralNet.Core.Reporting
{
    /// <summary>
    /// A picture of a network as SVG: one column of units per layer, every connection drawn with width
    /// and opacity growing with the weight's magnitude, blue for positive and red for negative weights;
    /// inputs and outputs named when the network knows its features and classes. Layers wider than
    /// <see cref="MaxUnitsShown"/> show their first and last units around an ellipsis.
    /// </summary>
    public static class NetworkDiagram
    {
        public const int MaxUnitsShown = 24;
        private const int ColumnGap = 200, RowGap = 34, Margin = 70, Radius = 11;

        public static string Render(Network network, IReadOnlyList<string> inputNames, IReadOnlyList<string> outputNames, string title)
        {
            var sizes = network.LayerSizes;
            inputNames = inputNames ?? Numbered("x", sizes[0]);
            outputNames = outputNames ?? Numbered("ŷ", sizes[sizes.Length - 1]);
            var shown = sizes.Select(Shown).ToArray();
            int tallest = shown.Max(s => s.Length);
            int width = Margin * 2 + 160 + ColumnGap * (sizes.Length - 1), height = Margin * 2 + 40 + RowGap * tallest;
            var svg = Svg.Open(width, height, title);
            svg.Append("  <text x=\"").Append(width / 2).Append("\" y=\"34\" text-anchor=\"middle\" font-size=\"20\" font-weight=\"600\" fill=\"#222\">").Append(Svg.Text(title)).Append("</text>\n");

            double X(int layer) => Margin + 80 + layer * ColumnGap;
            double Y(int layer, int position) => Margin + 40 + RowGap * (position + (tallest - shown[layer].Length) / 2.0) + RowGap / 2.0;

            double largest = network.Layers.SelectMany(l => l.Weights).Select(Math.Abs).DefaultIfEmpty(1).Max();
            if (largest <= 0) largest = 1;
            svg.Append("  <g stroke-linecap=\"round\">\n");
            for (int l = 0; l < network.Layers.Count; l++)
            {
                var layer = network.Layers[l];
                for (int a = 0; a < shown[l].Length; a++)
                {
                    int i = shown[l][a];
                    if (i < 0) continue;
                    for (int b = 0; b < shown[l + 1].Length; b++)
                    {
                        int j = shown[l + 1][b];
                        if (j < 0) continue;
                        double w = layer.Weights[i * layer.Units + j], strength = Math.Abs(w) / largest;
                        svg.Append("    <line x1=\"").Append(Svg.N(X(l))).Append("\" y1=\"").Append(Svg.N(Y(l, a))).Append("\" x2=\"").Append(Svg.N(X(l + 1))).Append("\" y2=\"").Append(Svg.N(Y(l + 1, b)))
                            .Append("\" stroke=\"").Append(w >= 0 ? "#2b6cb0" : "#c53030").Append("\" stroke-width=\"").Append(Svg.N(0.4 + 4.6 * strength))
                            .Append("\" stroke-opacity=\"").Append(Svg.N(0.15 + 0.8 * strength)).Append("\"><title>w").Append(i + 1).Append(',').Append(j + 1).Append(" = ")
                            .Append(w.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)).Append("</title></line>\n");
                    }
                }
            }
            svg.Append("  </g>\n");
            for (int l = 0; l < sizes.Length; l++)
            {
                string caption = l == 0 ? $"Input ({sizes[0]})" : l == sizes.Length - 1 ? $"Output ({sizes[l]}, {network.Layers[l - 1].Activation})" : $"Hidden {l} ({sizes[l]}, {network.Layers[l - 1].Activation})";
                svg.Append("  <text x=\"").Append(Svg.N(X(l))).Append("\" y=\"").Append(Margin + 12).Append("\" text-anchor=\"middle\" font-size=\"13\" fill=\"#333\">").Append(Svg.Text(caption)).Append("</text>\n");
                for (int p = 0; p < shown[l].Length; p++)
                {
                    int unit = shown[l][p];
                    if (unit < 0)
                    {
                        svg.Append("  <text x=\"").Append(Svg.N(X(l))).Append("\" y=\"").Append(Svg.N(Y(l, p) + 5)).Append("\" text-anchor=\"middle\" font-size=\"18\" fill=\"#666\">⋮</text>\n");
                        continue;
                    }
                    double bias = l > 0 && network.Layers[l - 1].HasBias ? network.Layers[l - 1].Bias[unit] : 0;
                    svg.Append("  <circle cx=\"").Append(Svg.N(X(l))).Append("\" cy=\"").Append(Svg.N(Y(l, p))).Append("\" r=\"").Append(Radius)
                        .Append("\" fill=\"").Append(l == 0 ? "#edf2f7" : l == sizes.Length - 1 ? "#fefcbf" : "#e6fffa").Append("\" stroke=\"#2d3748\" stroke-width=\"1.5\">")
                        .Append(l > 0 && network.Layers[l - 1].HasBias ? "<title>bias " + bias.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) + "</title>" : "").Append("</circle>\n");
                    string name = l == 0 ? Name(inputNames, unit) : l == sizes.Length - 1 ? Name(outputNames, unit) : null;
                    if (name != null)
                    {
                        bool left = l == 0;
                        svg.Append("  <text x=\"").Append(Svg.N(X(l) + (left ? -Radius - 6 : Radius + 6))).Append("\" y=\"").Append(Svg.N(Y(l, p) + 4))
                            .Append("\" text-anchor=\"").Append(left ? "end" : "start").Append("\" font-size=\"12\" fill=\"#222\">").Append(Svg.Text(name)).Append("</text>\n");
                    }
                }
            }
            int legendY = height - 22;
            svg.Append("  <line x1=\"").Append(Margin).Append("\" x2=\"").Append(Margin + 30).Append("\" y1=\"").Append(legendY - 4).Append("\" y2=\"").Append(legendY - 4).Append("\" stroke=\"#2b6cb0\" stroke-width=\"3\"/>\n");
            svg.Append("  <text x=\"").Append(Margin + 38).Append("\" y=\"").Append(legendY).Append("\" font-size=\"12\" fill=\"#222\">positive weight</text>\n");
            svg.Append("  <line x1=\"").Append(Margin + 150).Append("\" x2=\"").Append(Margin + 180).Append("\" y1=\"").Append(legendY - 4).Append("\" y2=\"").Append(legendY - 4).Append("\" stroke=\"#c53030\" stroke-width=\"3\"/>\n");
            svg.Append("  <text x=\"").Append(Margin + 188).Append("\" y=\"").Append(legendY).Append("\" font-size=\"12\" fill=\"#222\">negative weight (width and opacity: |w|)</text>\n");
            return svg.Append("</svg>\n").ToString();
        }

        private static string Name(IReadOnlyList<string> names, int index) => names != null && index < names.Count ? names[index] : null;

        /// <summary>Names for a network that knows none (trained on matrices): x1…, ŷ1….</summary>
        private static IReadOnlyList<string> Numbered(string prefix, int count) => Enumerable.Range(1, count).Select(i => prefix + i).ToArray();

        /// <summary>The unit indexes drawn for a layer: all of them, or the first and last few with −1 for the ellipsis.</summary>
        private static int[] Shown(int units)
        {
            if (units <= MaxUnitsShown) return Enumerable.Range(0, units).ToArray();
            int half = (MaxUnitsShown - 1) / 2;
            return Enumerable.Range(0, half).Concat(new[] { -1 }).Concat(Enumerable.Range(units - half, half)).ToArray();
        }
    }
}
