namespace NeuralNet.Core.Reporting
{
    /// <summary>One bar of an importance chart: a column, its mean score drop and the spread over the repeats.</summary>
    public sealed record ImportanceBar(string Column, double Importance, double StandardDeviation);

    /// <summary>
    /// Feature importances as an SVG bar chart: one horizontal bar per column in the order given (the
    /// most important first, as Get-NetworkFeatureImportance sorts them), drawn from zero so that a
    /// negative importance points left, with a whisker of ± one standard deviation, the value at the bar's
    /// end, a value axis with ticks and grid lines, and the metric in the axis label.
    /// </summary>
    public static class ImportanceChart
    {
        private const int Width = 800, Top = 56, Bottom = 64, Right = 72, BarHeight = 18, RowHeight = 28;
        private const int MinLeft = 80, MaxLeft = 280, CharacterWidth = 7;
        private const string Positive = "#1f77b4", Negative = "#b0b0b0", Whisker = "#333333";

        /// <param name="bars">The columns, in the order to draw them (top to bottom).</param>
        /// <param name="metric">The score whose drop the values are ("Accuracy"), for the axis label.</param>
        /// <param name="title">The chart's title.</param>
        public static string Render(IReadOnlyList<ImportanceBar> bars, string metric, string title)
        {
            int plotHeight = Math.Max(1, bars.Count) * RowHeight;
            int height = Top + plotHeight + Bottom;
            // Room for the longest label, within bounds (a longer one is cut with an ellipsis).
            int left = Math.Min(MaxLeft, Math.Max(MinLeft, 16 + CharacterWidth * bars.Select(b => b.Column?.Length ?? 0).DefaultIfEmpty(0).Max()));
            int plotWidth = Width - left - Right;
            var svg = Svg.Open(Width, height, title);
            svg.Append("  <text x=\"").Append(Width / 2).Append("\" y=\"32\" text-anchor=\"middle\" font-size=\"20\" font-weight=\"600\" fill=\"#222\">").Append(Svg.Text(title)).Append("</text>\n");
            if (bars.Count == 0)
            {
                svg.Append("  <text x=\"").Append(Width / 2).Append("\" y=\"").Append(Top + RowHeight / 2).Append("\" text-anchor=\"middle\" font-size=\"16\" fill=\"#666\">No columns</text>\n</svg>\n");
                return svg.ToString();
            }

            // The axis always holds zero, where every bar starts, and the ends of the whiskers.
            var extremes = bars.SelectMany(b => new[] { b.Importance - Spread(b), b.Importance + Spread(b) }).Concat(new[] { 0.0 });
            var x = ChartScale.For(extremes, 6);
            double X(double value) => left + x.Fraction(value) * plotWidth;
            double zero = X(0);

            svg.Append("  <g font-size=\"12\" fill=\"#444\">\n");
            foreach (var tick in x.Ticks())
            {
                double px = X(tick);
                svg.Append("    <line x1=\"").Append(Svg.N(px)).Append("\" x2=\"").Append(Svg.N(px)).Append("\" y1=\"").Append(Top).Append("\" y2=\"").Append(Top + plotHeight).Append("\" stroke=\"#e5e5e5\"/>\n");
                svg.Append("    <text x=\"").Append(Svg.N(px)).Append("\" y=\"").Append(Top + plotHeight + 20).Append("\" text-anchor=\"middle\">").Append(ChartScale.Label(tick)).Append("</text>\n");
            }
            svg.Append("  </g>\n");
            svg.Append("  <rect x=\"").Append(left).Append("\" y=\"").Append(Top).Append("\" width=\"").Append(plotWidth).Append("\" height=\"").Append(plotHeight).Append("\" fill=\"none\" stroke=\"#444\"/>\n");
            svg.Append("  <line x1=\"").Append(Svg.N(zero)).Append("\" x2=\"").Append(Svg.N(zero)).Append("\" y1=\"").Append(Top).Append("\" y2=\"").Append(Top + plotHeight).Append("\" stroke=\"#444\"/>\n");
            svg.Append("  <text x=\"").Append(left + plotWidth / 2).Append("\" y=\"").Append(height - 18).Append("\" text-anchor=\"middle\" font-size=\"14\" fill=\"#222\">")
                .Append(Svg.Text($"Drop in {metric} when the column is shuffled (mean ± standard deviation)")).Append("</text>\n");

            svg.Append("  <g font-size=\"13\">\n");
            for (int i = 0; i < bars.Count; i++)
            {
                var bar = bars[i];
                double middle = Top + i * RowHeight + RowHeight / 2.0;
                double end = X(bar.Importance);
                double from = Math.Min(zero, end), length = Math.Abs(end - zero);
                svg.Append("    <text x=\"").Append(left - 8).Append("\" y=\"").Append(Svg.N(middle + 4)).Append("\" text-anchor=\"end\" fill=\"#222\">")
                    .Append(Svg.Text(Label(bar.Column, left))).Append("</text>\n");
                svg.Append("    <rect x=\"").Append(Svg.N(from)).Append("\" y=\"").Append(Svg.N(middle - BarHeight / 2.0)).Append("\" width=\"").Append(Svg.N(length))
                    .Append("\" height=\"").Append(BarHeight).Append("\" fill=\"").Append(bar.Importance >= 0 ? Positive : Negative).Append("\"><title>")
                    .Append(Svg.Text($"{bar.Column}: {ChartScale.Label(bar.Importance)} ± {ChartScale.Label(bar.StandardDeviation)}")).Append("</title></rect>\n");
                double spread = Spread(bar);
                if (spread > 0)
                {
                    double low = X(bar.Importance - spread), high = X(bar.Importance + spread);
                    svg.Append("    <path d=\"M").Append(Svg.N(low)).Append(' ').Append(Svg.N(middle)).Append(" H").Append(Svg.N(high))
                        .Append(" M").Append(Svg.N(low)).Append(' ').Append(Svg.N(middle - 5)).Append(" V").Append(Svg.N(middle + 5))
                        .Append(" M").Append(Svg.N(high)).Append(' ').Append(Svg.N(middle - 5)).Append(" V").Append(Svg.N(middle + 5))
                        .Append("\" stroke=\"").Append(Whisker).Append("\" fill=\"none\"/>\n");
                }
                // The value beside the bar's outer end (or the whisker's, when that reaches further).
                double outer = bar.Importance >= 0 ? Math.Max(end, X(bar.Importance + spread)) + 6 : Math.Min(end, X(bar.Importance - spread)) - 6;
                svg.Append("    <text x=\"").Append(Svg.N(outer)).Append("\" y=\"").Append(Svg.N(middle + 4)).Append("\" text-anchor=\"").Append(bar.Importance >= 0 ? "start" : "end")
                    .Append("\" font-size=\"11\" fill=\"#444\">").Append(ChartScale.Label(bar.Importance)).Append("</text>\n");
            }
            svg.Append("  </g>\n");
            return svg.Append("</svg>\n").ToString();
        }

        /// <summary>A whisker's half-length: the standard deviation when it is a usable number.</summary>
        private static double Spread(ImportanceBar bar) =>
            double.IsNaN(bar.StandardDeviation) || double.IsInfinity(bar.StandardDeviation) || bar.StandardDeviation < 0 ? 0 : bar.StandardDeviation;

        /// <summary>The column's name, cut to fit the label margin.</summary>
        private static string Label(string column, int left)
        {
            column = column ?? "";
            int fits = Math.Max(4, (left - 16) / CharacterWidth);
            return column.Length <= fits ? column : column.Substring(0, fits - 1) + "…";
        }
    }
}
