using System;
using System.Linq;
using NeuralNet.Core.Reporting;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    public class ReportingTests
    {
        [Fact]
        public void Linear_scale_widens_to_nice_ticks()
        {
            var scale = ChartScale.For(new[] { 0.3, 1.6, double.NaN }, 4);
            Assert.Equal(0.0, scale.Min);
            Assert.Equal(2.0, scale.Max);
            Assert.Equal(new[] { 0.0, 0.5, 1.0, 1.5, 2.0 }, scale.Ticks().ToArray());
            Assert.Equal(0.25, scale.Fraction(0.5), 12);
        }

        [Fact]
        public void Log_scale_ticks_at_powers_of_ten_and_ignores_non_positive_values()
        {
            var scale = ChartScale.For(new[] { 0.02, 7.0, 0.0 }, 4, logarithmic: true);
            Assert.Equal(new[] { 0.01, 0.1, 1.0, 10.0 }, scale.Ticks().Select(t => System.Math.Round(t, 10)).ToArray());
            Assert.Equal(0.5, scale.Fraction(System.Math.Sqrt(0.1)), 12);
            Assert.True(double.IsNaN(scale.Fraction(-1)));
        }

        [Theory]
        [InlineData("a<b> & \"c\"", "a&lt;b&gt; &amp; &quot;c&quot;")]
        [InlineData("nul\0 bell\a tab\t line\n", "nul\uFFFD bell\uFFFD tab\t line\n")]
        [InlineData("emoji \uD83D\uDE00 kept", "emoji \uD83D\uDE00 kept")]
        public void Svg_text_is_escaped_and_holds_only_characters_XML_can(string text, string expected)
        {
            Assert.Equal(expected, Svg.Text(text));
            System.Xml.Linq.XDocument.Parse("<t>" + Svg.Text(text) + "</t>");
        }

        [Fact]
        public void Svg_text_shows_a_lone_surrogate_and_a_noncharacter_as_the_replacement_character()
        {
            // Built here: attribute data cannot carry a lone surrogate.
            string text = "\uFFFF " + '\uD800' + " x " + '\uDC00';
            Assert.Equal("\uFFFD \uFFFD x \uFFFD", Svg.Text(text));
            System.Xml.Linq.XDocument.Parse("<t>" + Svg.Text(text) + "</t>");
        }

        [Fact]
        public void A_falling_line_runs_from_the_top_left_to_the_bottom_right_cell()
        {
            var history = Enumerable.Range(1, 10).Select(e => new EpochRecord(e, 11 - e, null, null, null, null, 0.01, TimeSpan.Zero, false)).ToList();
            var lines = ConsoleChart.Render(new HistorySeries(history), 40, 8, false, "t");
            var plot = lines.Skip(1).Take(8).Select(l => l.Substring(l.IndexOfAny(new[] { '┤', '│' }) + 1)).ToArray();
            Assert.True(plot.First(l => l.Trim().Length > 0).TrimEnd().Length < plot.Last(l => l.Trim().Length > 0).TrimEnd().Length);
            Assert.All(plot.SelectMany(l => l).Where(c => c != ' '), c => Assert.InRange(c, '\u2801', '\u28FF'));
        }
    }
}
