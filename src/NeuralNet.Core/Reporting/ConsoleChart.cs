namespace NeuralNet.Core.Reporting
{
    /// <summary>
    /// A loss curve drawn with Unicode braille characters (2 × 4 dots per character cell) for a console,
    /// with a value axis labelled at round ticks on the left and epoch labels underneath, fitted to the
    /// given width. With colour (ANSI), training and validation are two coloured lines; without, the
    /// validation loss is a row of sparse '•' marks that never hide the training line.
    /// </summary>
    public static class ConsoleChart
    {
        private const char ValidationMark = '•';
        private const string Blue = "\u001b[94m", Yellow = "\u001b[93m", Reset = "\u001b[0m";

        /// <summary>The chart's lines; <paramref name="width"/> counts character cells of the whole chart, <paramref name="height"/> the plot's rows.</summary>
        public static IReadOnlyList<string> Render(HistorySeries series, int width, int height, bool logarithmic, string title, bool colour = false)
        {
            if (series.Epochs.Length == 0) return new[] { title, "(no epochs trained yet)" };
            var scale = ChartScale.For(series.AllValues, Math.Max(2, height / 4), logarithmic);
            var labels = new string[height];
            foreach (var tick in scale.Ticks())
            {
                int row = (int)Math.Round((1 - scale.Fraction(tick)) * (height - 1));
                if (row >= 0 && row < height) labels[row] = ChartScale.Label(tick);
            }
            int labelWidth = labels.Max(l => l?.Length ?? 0);
            int columns = Math.Max(10, width - labelWidth - 3);
            var epochs = ChartScale.ForCount(series.Epochs[0], series.Epochs[series.Epochs.Length - 1], Math.Max(2, columns / 12));
            var training = Plot(series.Epochs, series.Loss, scale, epochs, height, columns);
            var validation = series.HasValidation ? Plot(series.Epochs, series.ValidationLoss, scale, epochs, height, columns) : null;

            var lines = new List<string> { title };
            for (int row = 0; row < height; row++)
            {
                var line = new StringBuilder((labels[row] ?? "").PadLeft(labelWidth)).Append(labels[row] != null ? " ┤" : " │");
                for (int c = 0; c < columns; c++)
                {
                    int t = training[row, c], v = validation?[row, c] ?? 0;
                    if (colour)
                    {
                        if (t != 0) line.Append(Blue).Append((char)(0x2800 + t)).Append(Reset);
                        else if (v != 0) line.Append(Yellow).Append((char)(0x2800 + v)).Append(Reset);
                        else line.Append(' ');
                    }
                    else if (t != 0) line.Append((char)(0x2800 + t));
                    else if (v != 0 && c % 2 == 0) line.Append(ValidationMark);
                    else line.Append(' ');
                }
                lines.Add(line.ToString().TrimEnd());
            }
            lines.Add(new string(' ', labelWidth) + " └" + new string('─', columns));
            lines.Add(AxisLabels(epochs, labelWidth + 2, columns));
            string trainingKey = colour ? Blue + "⣀" + Reset + " training loss" : "⣀ training loss";
            string validationKey = colour ? Yellow + "⣀" + Reset + " validation loss" : ValidationMark + " validation loss";
            lines.Add(new string(' ', labelWidth + 2) + "epoch    " + trainingKey + (series.HasValidation ? "   " + validationKey : "") + (logarithmic ? "   (log scale)" : ""));
            return lines;
        }

        /// <summary>The braille dot bits of one series, per character cell.</summary>
        private static int[,] Plot(double[] xs, double[] ys, ChartScale scale, ChartScale epochs, int height, int columns)
        {
            int dotsX = columns * 2, dotsY = height * 4;
            var cells = new int[height, columns];
            int previousX = -1, previousY = -1;
            for (int i = 0; i < xs.Length; i++)
            {
                double fy = scale.Fraction(ys[i]);
                if (double.IsNaN(fy)) { previousX = -1; continue; }
                int x = Dot(epochs.Fraction(xs[i]), dotsX), y = dotsY - 1 - Dot(fy, dotsY);
                if (previousX >= 0) Line(cells, previousX, previousY, x, y);
                else Set(cells, x, y);
                previousX = x;
                previousY = y;
            }
            return cells;
        }

        private static string AxisLabels(ChartScale epochs, int indent, int columns)
        {
            var line = new char[indent + columns + 8];
            for (int i = 0; i < line.Length; i++) line[i] = ' ';
            int free = 0;
            foreach (var tick in epochs.Ticks())
            {
                var text = ChartScale.Label(tick);
                int at = indent + (int)Math.Round(epochs.Fraction(tick) * (columns - 1)) - text.Length / 2;
                at = Math.Max(at, free);
                if (at + text.Length > line.Length) break;
                text.CopyTo(0, line, at, text.Length);
                free = at + text.Length + 1;
            }
            return new string(line).TrimEnd();
        }

        private static int Dot(double fraction, int dots) => Math.Min(dots - 1, Math.Max(0, (int)Math.Round(fraction * (dots - 1))));

        /// <summary>Bresenham between two dots, so a steep drop is a continuous line rather than scattered points.</summary>
        private static void Line(int[,] cells, int x0, int y0, int x1, int y1)
        {
            int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, error = dx + dy;
            while (true)
            {
                Set(cells, x0, y0);
                if (x0 == x1 && y0 == y1) return;
                int e2 = 2 * error;
                if (e2 >= dy) { error += dy; x0 += sx; }
                if (e2 <= dx) { error += dx; y0 += sy; }
            }
        }

        /// <summary>Braille dot numbering: left column 1,2,3,7 and right column 4,5,6,8, top to bottom.</summary>
        private static readonly int[,] DotBits = { { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 } };

        private static void Set(int[,] cells, int x, int y) => cells[y / 4, x / 2] |= DotBits[y % 4, x % 2];
    }
}
