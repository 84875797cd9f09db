namespace NeuralNet.Core.Reporting
{
    /// <summary>
    /// The loss curves of a training history as an SVG document: title, axes with ticks and grid lines,
    /// axis labels, the training curve and (when measured) the validation curve, and a legend.
    /// </summary>
    public static class SvgChart
    {
        private const int Width = 800, Height = 480, Left = 80, Right = 24, Top = 56, Bottom = 64;
        private const string TrainingColour = "#1f77b4", ValidationColour = "#ff7f0e";

        public static string Render(HistorySeries series, string title, bool logarithmic)
        {
            var svg = Svg.Open(Width, Height, title);
            svg.Append("  <text x=\"").Append(Width / 2).Append("\" y=\"32\" text-anchor=\"middle\" font-size=\"20\" font-weight=\"600\" fill=\"#222\">").Append(Svg.Text(title)).Append("</text>\n");
            int plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
            if (series.Epochs.Length == 0)
            {
                svg.Append("  <text x=\"").Append(Width / 2).Append("\" y=\"").Append(Height / 2).Append("\" text-anchor=\"middle\" font-size=\"16\" fill=\"#666\">No epochs trained yet</text>\n</svg>\n");
                return svg.ToString();
            }
            var y = ChartScale.For(series.AllValues, 6, logarithmic);
            var x = ChartScale.ForCount(series.Epochs[0], series.Epochs[series.Epochs.Length - 1], 8);
            double X(double epoch) => Left + x.Fraction(epoch) * plotWidth;
            double Y(double value) => Top + (1 - y.Fraction(value)) * plotHeight;

            svg.Append("  <g font-size=\"12\" fill=\"#444\">\n");
            foreach (var tick in y.Ticks())
            {
                double py = Y(tick);
                svg.Append("    <line x1=\"").Append(Left).Append("\" x2=\"").Append(Left + plotWidth).Append("\" y1=\"").Append(Svg.N(py)).Append("\" y2=\"").Append(Svg.N(py)).Append("\" stroke=\"#e5e5e5\"/>\n");
                svg.Append("    <text x=\"").Append(Left - 8).Append("\" y=\"").Append(Svg.N(py + 4)).Append("\" text-anchor=\"end\">").Append(ChartScale.Label(tick)).Append("</text>\n");
            }
            foreach (var tick in x.Ticks())
            {
                double px = X(tick);
                svg.Append("    <line x1=\"").Append(Svg.N(px)).Append("\" x2=\"").Append(Svg.N(px)).Append("\" y1=\"").Append(Top + plotHeight).Append("\" y2=\"").Append(Top + plotHeight + 5).Append("\" stroke=\"#444\"/>\n");
                svg.Append("    <text x=\"").Append(Svg.N(px)).Append("\" y=\"").Append(Top + plotHeight + 20).Append("\" text-anchor=\"middle\">").Append(ChartScale.Label(tick)).Append("</text>\n");
            }
            svg.Append("  </g>\n");
            svg.Append("  <rect x=\"").Append(Left).Append("\" y=\"").Append(Top).Append("\" width=\"").Append(plotWidth).Append("\" height=\"").Append(plotHeight).Append("\" fill=\"none\" stroke=\"#444\"/>\n");
            svg.Append("  <text x=\"").Append(Left + plotWidth / 2).Append("\" y=\"").Append(Height - 18).Append("\" text-anchor=\"middle\" font-size=\"14\" fill=\"#222\">Epoch</text>\n");
            svg.Append("  <text transform=\"translate(22,").Append(Top + plotHeight / 2).Append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"14\" fill=\"#222\">")
                .Append(logarithmic ? "Loss (log scale)" : "Loss").Append("</text>\n");

            Curve(svg, series.Epochs, series.Loss, X, Y, TrainingColour);
            if (series.HasValidation) Curve(svg, series.Epochs, series.ValidationLoss, X, Y, ValidationColour);

            int legendX = Left + plotWidth - 180, legendY = Top + 12;
            int entries = series.HasValidation ? 2 : 1;
            svg.Append("  <rect x=\"").Append(legendX).Append("\" y=\"").Append(legendY).Append("\" width=\"168\" height=\"").Append(10 + 22 * entries).Append("\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#ccc\"/>\n");
            Legend(svg, legendX + 10, legendY + 20, TrainingColour, "Training loss");
            if (series.HasValidation) Legend(svg, legendX + 10, legendY + 42, ValidationColour, "Validation loss");
            return svg.Append("</svg>\n").ToString();
        }

        private static void Curve(StringBuilder svg, double[] xs, double[] ys, Func<double, double> x, Func<double, double> y, string colour)
        {
            // Break the line where a value is missing (epochs without validation, non-finite losses).
            var segment = new List<string>();
            void Flush()
            {
                if (segment.Count == 1) svg.Append("  <circle cx=\"").Append(segment[0].Split(',')[0]).Append("\" cy=\"").Append(segment[0].Split(',')[1]).Append("\" r=\"2.5\" fill=\"").Append(colour).Append("\"/>\n");
                else if (segment.Count > 1) svg.Append("  <polyline fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"").Append(string.Join(" ", segment)).Append("\"/>\n");
                segment.Clear();
            }
            for (int i = 0; i < xs.Length; i++)
            {
                double py = y(ys[i]);
                if (double.IsNaN(py)) { Flush(); continue; }
                segment.Add(Svg.N(x(xs[i])) + "," + Svg.N(py));
            }
            Flush();
        }

        private static void Legend(StringBuilder svg, int x, int y, string colour, string label)
        {
            svg.Append("  <line x1=\"").Append(x).Append("\" x2=\"").Append(x + 28).Append("\" y1=\"").Append(y - 4).Append("\" y2=\"").Append(y - 4).Append("\" stroke=\"").Append(colour).Append("\" stroke-width=\"3\"/>\n");
            svg.Append("  <text x=\"").Append(x + 38).Append("\" y=\"").Append(y).Append("\" font-size=\"13\" fill=\"#222\">").Append(Svg.Text(label)).Append("</text>\n");
        }
    }
}
