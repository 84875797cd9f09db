using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NeuralNet.Core.Reporting
{
    /// <summary>
    /// A loss curve drawn with Unicode braille characters (2 × 4 dots per character cell) for a console:
    /// the training loss as a line of dots, the validation loss as '•' marks, a labelled value axis on
    /// the left and epoch labels underneath, fitted to the given width.
    /// </summary>
    public static class ConsoleChart
    {
        private const char ValidationMark = '•';

        /// <summary>The chart's lines; <paramref name="width"/> and <paramref name="height"/> count character cells of the whole chart.</summary>
        public static IReadOnlyList<string> Render(HistorySeries series, int width, int height, bool logarithmic, string title)
        {
            if (series.Epochs.Length == 0) return new[] { title, "(no epochs trained yet)" };
            var scale = ChartScale.For(series.AllValues, Math.Max(2, height / 3), logarithmic);
            var labels = Enumerable.Range(0, height).Select(row => row % 3 == 0 || row == height - 1 ? ChartScale.Label(ValueAtRow(scale, row, height)) : "").ToArray();
            int labelWidth = labels.Max(l => l.Length);
            int columns = Math.Max(10, width - labelWidth - 3);
            int dotsX = columns * 2, dotsY = height * 4;
            var cells = new int[height, columns];
            var marks = new bool[height, columns];
            double first = series.Epochs[0], last = series.Epochs[series.Epochs.Length - 1];
            var epochs = ChartScale.ForCount(first, last, Math.Max(2, columns / 12));

            int previousX = -1, previousY = -1;
            for (int i = 0; i < series.Epochs.Length; i++)
            {
                double fy = scale.Fraction(series.Loss[i]);
                if (double.IsNaN(fy)) { previousX = -1; continue; }
                int x = Dot(epochs.Fraction(series.Epochs[i]), dotsX), y = dotsY - 1 - Dot(fy, dotsY);
                if (previousX >= 0) Line(cells, previousX, previousY, x, y);
                else Set(cells, x, y);
                previousX = x;
                previousY = y;
            }
            if (series.HasValidation)
            {
                for (int i = 0; i < series.Epochs.Length; i++)
                {
                    double fy = scale.Fraction(series.ValidationLoss[i]);
                    if (double.IsNaN(fy)) continue;
                    int x = Dot(epochs.Fraction(series.Epochs[i]), dotsX) / 2, y = (dotsY - 1 - Dot(fy, dotsY)) / 4;
                    marks[y, x] = true;
                }
            }

            var lines = new List<string> { title };
            for (int row = 0; row < height; row++)
            {
                var line = new StringBuilder(labels[row].PadLeft(labelWidth)).Append(labels[row].Length > 0 ? " ┤" : " │");
                for (int c = 0; c < columns; c++)
                    line.Append(marks[row, c] ? ValidationMark : cells[row, c] == 0 ? ' ' : (char)(0x2800 + cells[row, c]));
                lines.Add(line.ToString().TrimEnd());
            }
            lines.Add(new string(' ', labelWidth) + " └" + new string('─', columns));
            lines.Add(AxisLabels(epochs, labelWidth + 2, columns));
            lines.Add(new string(' ', labelWidth + 2) + "epoch" + (series.HasValidation ? $"    ⣀ training loss   {ValidationMark} validation loss" : "    ⣀ training loss") + (logarithmic ? "   (log scale)" : ""));
            return lines;
        }

        private static double ValueAtRow(ChartScale scale, int row, int height)
        {
            double fraction = 1.0 - (row + 0.5) / height;
            double t = scale.Min + fraction * (scale.Max - scale.Min);
            return scale.Logarithmic ? Math.Pow(10, t) : t;
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
