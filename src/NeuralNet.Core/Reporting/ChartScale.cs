namespace NeuralNet.Core.Reporting
{
    /// <summary>
    /// A value axis: a data range widened to "nice" tick values (1, 2 or 5 × 10ⁿ), mapped linearly or,
    /// for losses spanning decades, logarithmically.
    /// </summary>
    /// <param name="Min">The axis's lowest tick.</param>
    /// <param name="Max">The axis's highest tick.</param>
    /// <param name="Step">Tick spacing (in log₁₀ units when logarithmic).</param>
    /// <param name="Logarithmic">Whether values map by their logarithm.</param>
    internal sealed record ChartScale(double Min, double Max, double Step, bool Logarithmic)
    {
        /// <summary>A scale over <paramref name="values"/> (non-finite values ignored) with about <paramref name="ticks"/> ticks.</summary>
        public static ChartScale For(IEnumerable<double> values, int ticks, bool logarithmic = false)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var v in values)
            {
                if (double.IsNaN(v) || double.IsInfinity(v) || (logarithmic && v <= 0)) continue;
                double t = logarithmic ? Math.Log10(v) : v;
                if (t < min) min = t;
                if (t > max) max = t;
            }
            if (min > max) { min = 0; max = 1; }
            if (max - min < 1e-12) { min -= logarithmic ? 0.5 : Math.Max(Math.Abs(min) * 0.1, 0.5); max += logarithmic ? 0.5 : Math.Max(Math.Abs(max) * 0.1, 0.5); }
            double step = logarithmic ? Math.Max(1, Math.Ceiling((max - min) / Math.Max(1, ticks))) : NiceStep((max - min) / Math.Max(1, ticks));
            return new ChartScale(Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step, logarithmic);
        }

        /// <summary>The scale over whole numbers first…last (epochs), ticks at nice whole steps.</summary>
        public static ChartScale ForCount(double first, double last, int ticks)
        {
            if (last <= first) last = first + 1;
            double step = Math.Max(1, NiceStep((last - first) / Math.Max(1, ticks)));
            return new ChartScale(first, last, step, false);
        }

        /// <summary>0 at <see cref="Min"/> to 1 at <see cref="Max"/>; NaN for values the scale cannot show.</summary>
        public double Fraction(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) return double.NaN;
            if (Logarithmic)
            {
                if (value <= 0) return double.NaN;
                value = Math.Log10(value);
            }
            return (value - Min) / (Max - Min);
        }

        /// <summary>The tick values, in data units.</summary>
        public IEnumerable<double> Ticks()
        {
            for (double t = Math.Ceiling(Min / Step) * Step; t <= Max + Step * 1e-9; t += Step)
                yield return Logarithmic ? Math.Pow(10, t) : t;
        }

        /// <summary>A short label: G4, without the noise of binary fractions.</summary>
        public static string Label(double value)
        {
            if (Math.Abs(value) < 1e-12) return "0";
            return value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
        }

        private static double NiceStep(double raw)
        {
            if (raw <= 0 || double.IsNaN(raw)) return 1;
            double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double normalized = raw / magnitude;
            double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
            return nice * magnitude;
        }
    }
}
