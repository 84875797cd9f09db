using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using NeuralNet.Core.Data;
using Xunit;

namespace NeuralNet.Core.Tests
{
    public class DataSchemaTests
    {
        private static RawTable Table(string[] columns, params object[][] rows)
        {
            var table = new RawTable(columns);
            foreach (var row in rows) table.Add(row);
            return table;
        }

        [Fact]
        public void Numbers_parse_with_the_invariant_culture_under_de_DE()
        {
            var saved = Thread.CurrentThread.CurrentCulture;
            try
            {
                Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
                Assert.True(ValueParser.TryParse("1.5", out double v));
                Assert.Equal(1.5, v);
                Assert.True(ValueParser.TryParse(2.5m, out v));
                Assert.Equal(2.5, v);
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = saved;
            }
        }

        [Fact]
        public void Standard_scaling_uses_the_population_mean_and_deviation_and_keeps_constant_columns_finite()
        {
            var table = Table(new[] { "a", "c", "y" }, new object[] { "1", "5", "0.5" }, new object[] { "3", "5", "1.5" });
            var schema = SchemaInference.Fit(table, new DataOptions { Target = new[] { "y" } });
            var data = schema.Encode(table, withTargets: true);
            Assert.Equal(new[] { -1.0, 0.0, 1.0, 0.0 }, data.Features);   // (1−2)/1, constant → 0
            Assert.False(schema.IsClassification);
        }

        [Fact]
        public void MinMax_scaling_maps_onto_zero_to_one()
        {
            var table = Table(new[] { "a", "y" }, new object[] { 2, "x" }, new object[] { 6, "z" }, new object[] { 4, "x" });
            var schema = SchemaInference.Fit(table, new DataOptions { Target = new[] { "y" }, Scaling = Scaling.MinMax });
            Assert.Equal(new[] { 0.0, 1.0, 0.5 }, schema.Encode(table, false).Features);
        }

        [Fact]
        public void String_columns_are_one_hot_encoded_in_sorted_order()
        {
            var table = Table(new[] { "color", "y" }, new object[] { "red", "a" }, new object[] { "blue", "b" }, new object[] { "red", "c" });
            var schema = SchemaInference.Fit(table, new DataOptions { Target = new[] { "y" } });
            Assert.Equal(new[] { "color=blue", "color=red" }, schema.InputNames.ToArray());
            var data = schema.Encode(table, true);
            Assert.Equal(new[] { 0.0, 1.0, 1.0, 0.0, 0.0, 1.0 }, data.Features);
            Assert.Equal(new[] { 1.0, 0, 0, 0, 1, 0, 0, 0, 1 }, data.Targets);
        }

        [Fact]
        public void A_numeric_column_with_a_stray_string_names_the_first_bad_row()
        {
            var table = Table(new[] { "a", "y" }, new object[] { "1", "p" }, new object[] { "2", "q" }, new object[] { "oops", "p" });
            var e = Assert.Throws<NeuralNetException>(() => SchemaInference.Fit(table, new DataOptions { Target = new[] { "y" } }));
            Assert.Equal("NonNumericValue", e.ErrorId);
            Assert.Equal(3, e.Row);
            Assert.Equal("a", e.Column);
            Assert.Contains("-Categorical a", e.Message);
        }

        [Fact]
        public void Missing_values_error_skip_or_mean()
        {
            var table = Table(new[] { "a", "y" }, new object[] { "1", "1.5" }, new object[] { "", "2.5" }, new object[] { "3", "3.5" });
            var e = Assert.Throws<NeuralNetException>(() => SchemaInference.Fit(table, new DataOptions { Target = new[] { "y" } }).Encode(table, true));
            Assert.Equal(("MissingValue", 2, "a"), (e.ErrorId, e.Row, e.Column));

            var skip = SchemaInference.Fit(table, new DataOptions { Target = new[] { "y" }, Scaling = Scaling.None, MissingValue = MissingValuePolicy.Skip });
            var skipped = skip.Encode(table, true);
            Assert.Equal(new[] { 1, 3 }, skipped.SourceRows);

            var mean = SchemaInference.Fit(table, new DataOptions { Target = new[] { "y" }, Scaling = Scaling.None, MissingValue = MissingValuePolicy.Mean });
            Assert.Equal(new[] { 1.0, 2.0, 3.0 }, mean.Encode(table, true).Features);
        }

        [Fact]
        public void Whole_numbers_with_few_values_are_classes_unless_the_task_says_regression()
        {
            var table = Table(new[] { "a", "digit" }, new object[] { 1.0, "3" }, new object[] { 2.0, "7" }, new object[] { 3.0, "3" });
            Assert.True(SchemaInference.Fit(table, new DataOptions { Target = new[] { "digit" } }).IsClassification);
            Assert.False(SchemaInference.Fit(table, new DataOptions { Target = new[] { "digit" }, Task = TaskKind.Regression }).IsClassification);
        }

        [Fact]
        public void Unknown_categories_error_or_encode_as_none()
        {
            var train = Table(new[] { "color", "y" }, new object[] { "red", 1.5 }, new object[] { "blue", 2.5 });
            var schema = SchemaInference.Fit(train, new DataOptions { Target = new[] { "y" } });
            var test = Table(new[] { "color" }, new object[] { "green" });
            var e = Assert.Throws<NeuralNetException>(() => schema.Encode(test, false));
            Assert.Equal("UnknownCategory", e.ErrorId);
            Assert.Equal(new[] { 0.0, 0.0 }, schema.Encode(test, false, UnknownCategoryPolicy.Ignore).Features);
        }

        [Fact]
        public void Regression_targets_are_standardised_for_unbounded_outputs_and_decoded_back()
        {
            var table = Table(new[] { "a", "y" }, new object[] { 1.0, 10.5 }, new object[] { 2.0, 30.5 });
            var schema = SchemaInference.Fit(table, new DataOptions { Target = new[] { "y" } });
            schema = SchemaInference.WithOutputs(schema, table, Activation.Identity, null);
            Assert.Equal(new[] { -1.0, 1.0 }, schema.Encode(table, true).Targets);
            Assert.Equal(20.5, schema.Decode(new[] { 0.0 }, 0)[0].Value);
            Assert.Equal(40.5, schema.Decode(new[] { 2.0 }, 0)[0].Value);
        }
    }
}
