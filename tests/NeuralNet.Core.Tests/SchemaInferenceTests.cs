using System.Collections;
using NeuralNet.Core.Data;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>What fitting refuses: columns named twice, and cells that are lists or dictionaries.</summary>
    public class SchemaInferenceTests
    {
        private static RawTable Table(string[] columns, params object[][] rows)
        {
            var table = new RawTable(columns);
            foreach (var row in rows) table.Add(row);
            return table;
        }

        [Fact]
        public void Feature_names_that_differ_only_by_case_pick_one_column_twice_and_are_refused()
        {
            var table = Table(new[] { "Sc.Var.maxis", "y" }, new object[] { 1.0, "a" }, new object[] { 2.0, "b" });
            var e = Assert.Throws<NeuralNetException>(() => SchemaInference.Fit(table, new DataOptions { Target = new[] { "y" }, Feature = new[] { "Sc.Var.maxis", "Sc.Var.Maxis" } }));
            Assert.Equal(("DuplicateColumn", "Sc.Var.Maxis"), (e.ErrorId, e.Column));
            Assert.Contains("'Sc.Var.maxis' and 'Sc.Var.Maxis'", e.Message);
        }

        [Theory]
        [InlineData("hashtable")]
        [InlineData("array")]
        public void A_cell_holding_a_list_or_a_dictionary_names_its_row_and_column(string kind)
        {
            object odd = kind == "hashtable" ? (object)new Hashtable { ["a"] = 1 } : new object[] { 1, 2 };
            var table = Table(new[] { "c", "y" }, new object[] { "red", 1.0 }, new object[] { odd, 2.0 });
            var e = Assert.Throws<NeuralNetException>(() => SchemaInference.Fit(table, new DataOptions { Target = new[] { "y" } }));
            Assert.Equal(("NonScalarValue", 2, "c"), (e.ErrorId, e.Row, e.Column));
        }

        [Fact]
        public void A_scoring_error_advises_retraining_rather_than_a_parameter_the_scorer_lacks()
        {
            var train = Table(new[] { "a", "y" }, new object[] { 1.0, 1.0 }, new object[] { 2.0, 2.0 });
            var schema = SchemaInference.Fit(train, new DataOptions { Target = new[] { "y" } });
            var test = Table(new[] { "a", "y" }, new object[] { "", 1.0 });
            var e = Assert.Throws<NeuralNetException>(() => schema.Encode(test, withTargets: true, scoring: true));
            Assert.Equal("MissingValue", e.ErrorId);
            Assert.Contains("retrain the network with -MissingValue Mean", e.Message);
            var fitting = Assert.Throws<NeuralNetException>(() => schema.Encode(test, withTargets: true));
            Assert.Contains("use -MissingValue Skip", fitting.Message);
        }

        [Fact]
        public void A_schema_refuses_repeated_names_classes_and_unusable_scales()
        {
            Assert.NotNull(DataSchema.Problem(new FeatureColumn[] { new NumericFeature("a", 0, 1, 0), new NumericFeature("A", 0, 1, 0) }, new TargetColumn[] { new ValueTarget("y") }));
            Assert.NotNull(DataSchema.Problem(new FeatureColumn[] { new NumericFeature("a", 0, 1e-320, 0) }, new TargetColumn[] { new ValueTarget("y") }));
            Assert.NotNull(DataSchema.Problem(new FeatureColumn[] { new NumericFeature("a", 0, 1, 0) }, new TargetColumn[] { new ClassTarget("y", new[] { "p", "p" }, false) }));
            Assert.Null(DataSchema.Problem(new FeatureColumn[] { new CategoricalFeature("c", new[] { "x", "z" }, "x") }, new TargetColumn[] { new ClassTarget("y", new[] { "p", "q" }, true) }));
        }

        [Fact]
        public void A_cell_that_could_not_be_read_is_named_with_its_reason_wherever_it_is_used()
        {
            var rows = new object[12][];
            for (int i = 0; i < 12; i++) rows[i] = new object[] { (double)i, i % 2 == 0 ? "a" : "b" };
            rows[4] = new object[] { new UnreadableCell("the sensor is offline"), "a" };
            var e = Assert.Throws<NeuralNetException>(() => SchemaInference.Fit(Table(new[] { "x", "y" }, rows), new DataOptions { Target = new[] { "y" } }));
            Assert.Equal("PropertyNotReadable", e.ErrorId);
            Assert.StartsWith("Row 5, property 'x' could not be read: the sensor is offline. ", e.Message);
        }

        [Theory]
        [InlineData("1e400", false, "is '1e400', a number too large for a double")]
        [InlineData("Infinity", false, "is 'Infinity'; values must be finite numbers")]
        [InlineData(double.PositiveInfinity, true, "is 'Infinity' (written as such, or as a number too large for a double, such as 1e400)")]
        [InlineData(double.NegativeInfinity, false, "is '-Infinity'; values must be finite numbers")]
        public void A_non_finite_value_says_whether_its_text_was_too_large_a_number(object value, bool fileNumber, string expected)
        {
            Assert.Contains(expected, DataErrors.NonFinite(2, "x", value, fileNumber).Message);
        }
    }
}
