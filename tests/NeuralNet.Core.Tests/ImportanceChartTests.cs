using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using NeuralNet.Core.Reporting;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>The importance bar chart: well-formed SVG whose bars measure the values from zero.</summary>
    public class ImportanceChartTests
    {
        private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

        private static double Attribute(XElement e, string name) => double.Parse(e.Attribute(name).Value, CultureInfo.InvariantCulture);

        [Fact]
        public void Bars_start_at_zero_are_as_long_as_their_values_and_keep_the_order_given()
        {
            var bars = new[] { new ImportanceBar("income & <tax>", 0.30, 0.02), new ImportanceBar("age", 0.15, 0.01), new ImportanceBar("noise", -0.05, 0) };
            var svg = XDocument.Parse(ImportanceChart.Render(bars, "Accuracy", "Feature importance (Accuracy)"));
            var rects = svg.Descendants(Ns + "rect").Where(r => r.Element(Ns + "title") != null).ToList();
            Assert.Equal(3, rects.Count);
            Assert.StartsWith("income & <tax>:", rects[0].Element(Ns + "title").Value);
            Assert.True(Attribute(rects[0], "y") < Attribute(rects[1], "y") && Attribute(rects[1], "y") < Attribute(rects[2], "y"));
            // Widths in proportion to the values; the positive bars share their left edge, zero, where the negative one ends.
            Assert.Equal(2.0, Attribute(rects[0], "width") / Attribute(rects[1], "width"), 2);
            Assert.Equal(Attribute(rects[0], "x"), Attribute(rects[1], "x"));
            Assert.Equal(Attribute(rects[0], "x"), Attribute(rects[2], "x") + Attribute(rects[2], "width"), 6);
            Assert.Equal(3.0, Attribute(rects[1], "width") / Attribute(rects[2], "width"), 2);
            Assert.NotEqual(rects[0].Attribute("fill").Value, rects[2].Attribute("fill").Value);
            // Whiskers for the bars that vary, none for the one that does not.
            Assert.Equal(2, svg.Descendants(Ns + "path").Count());
            var texts = svg.Descendants(Ns + "text").Select(t => t.Value).ToList();
            Assert.Contains("Feature importance (Accuracy)", texts);
            Assert.Contains(texts, t => t.StartsWith("Drop in Accuracy"));
            Assert.Contains("income & <tax>", texts);
            Assert.Contains("0.3", texts);
        }

        [Fact]
        public void No_columns_still_make_a_chart_that_says_so()
        {
            var svg = XDocument.Parse(ImportanceChart.Render(new ImportanceBar[0], "RSquared", "Nothing"));
            Assert.Contains("No columns", svg.Descendants(Ns + "text").Select(t => t.Value));
        }

        [Fact]
        public void A_long_name_is_cut_to_fit_its_margin()
        {
            var name = new string('x', 100);
            var svg = XDocument.Parse(ImportanceChart.Render(new[] { new ImportanceBar(name, 1, 0) }, "Loss", "Long"));
            var label = svg.Descendants(Ns + "text").Select(t => t.Value).Single(t => t.StartsWith("xxx"));
            Assert.EndsWith("…", label);
            Assert.True(label.Length < 50);
        }
    }
}
