using System.Collections.Generic;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Options;
using NeuralNet.Core.Persistence;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Options bind by name, check their declared ranges, and save and read themselves.</summary>
    public class OptionsTests
    {
        private static KeyValuePair<string, object> P(string name, object value) => new KeyValuePair<string, object>(name, value);

        [Fact]
        public void Bound_parameters_set_the_options_of_their_name_converted_as_PowerShell_would()
        {
            var options = OptionBinder.Bind(new TrainingOptions(), new[]
            {
                P("epochs", 7.0), P("LearningRate", "0.25"), P("optimizer", "rprop"), P("Shuffle", false), P("Target", "ignored"),
            });
            Assert.Equal(7, options.Epochs);
            Assert.Equal(0.25, options.LearningRate);
            Assert.Equal(OptimizerKind.Rprop, options.Optimizer);
            Assert.False(options.Shuffle);
            Assert.Null(options.BatchSize);
        }

        [Theory]
        [InlineData("Epochs", 2.5)]
        [InlineData("Optimizer", "Sgd")]
        [InlineData("Optimizer", "3")]
        [InlineData("Shuffle", "maybe")]
        public void A_value_that_does_not_convert_names_the_parameter(string name, object value)
        {
            var e = Assert.Throws<NeuralNetException>(() => OptionBinder.Bind(new TrainingOptions(), new[] { P(name, value) }));
            Assert.Equal("InvalidOptionValue", e.ErrorId);
            Assert.StartsWith("-" + name + " cannot be", e.Message);
        }

        [Theory]
        [InlineData("Epochs", 0, "at least 1")]
        [InlineData("BatchSize", 0, "at least 1")]
        [InlineData("LearningRate", -0.5, "at least 0")]
        [InlineData("ValidationSplit", 1.0, "between 0 and 1 (exclusive of 1)")]
        [InlineData("ScheduleFactor", 0.0, "between 0 and 1 (exclusive of 0)")]
        [InlineData("L2", -1.0, "at least 0")]
        public void Validate_refuses_values_outside_the_declared_range_and_names_the_parameter(string name, object value, string range)
        {
            var options = OptionBinder.Bind(new TrainingOptions(), new[] { P(name, value) });
            var e = Assert.Throws<NeuralNetException>(options.Validate);
            Assert.Equal("InvalidOptionValue", e.ErrorId);
            Assert.Equal(name, e.Column);
            Assert.Contains($"-{name} must be {range}", e.Message);
            Assert.Throws<NeuralNetException>(() => OptionBinder.Validate(typeof(TrainingOptions), name, value));
        }

        [Fact]
        public void A_batch_size_of_zero_no_longer_reaches_the_training_loop()
        {
            var model = NeuralNetworkModel.Create(new NetworkOptions { LayerSizes = new[] { 2, 1 }, Seed = 1 }.ToSpec());
            var data = DataSet.FromMatrices(new[] { new[] { 0.0, 1.0 } }, new[] { new[] { 1.0 } });
            var e = Assert.Throws<NeuralNetException>(() => TrainingSetup.Prepare(model, data, new TrainingOptions { BatchSize = 0 }));
            Assert.Equal("InvalidOptionValue", e.ErrorId);
        }

        [Fact]
        public void Options_save_every_property_by_name_and_read_back_equal()
        {
            var options = new TrainingOptions
            {
                Epochs = 12, LearningRate = 0.1, BatchSize = 8, Loss = Loss.Huber, Optimizer = OptimizerKind.Momentum, Nesterov = true, L2 = 1e-4,
                Shuffle = false, Seed = -3, ValidationSplit = 0.25, Patience = 4, MinDelta = 1e-6, AutoReduceLearningRate = true,
                LearningRateSchedule = LearningRateSchedule.Plateau, ScheduleStep = 3, ScheduleFactor = 0.2,
            };
            var saved = OptionsFormat.Write(options).ToList();
            Assert.Equal("epochs", saved[0].Key);
            Assert.Contains(saved, p => p.Key == "schedule" && p.Value == "\"Plateau\"");
            var json = (JsonObject)Json.Parse("{" + string.Join(", ", saved.Select(p => Json.Quote(p.Key) + ": " + p.Value)) + "}");
            var read = OptionsFormat.Read(json, new TrainingOptions());
            foreach (var property in OptionBinder.Properties(typeof(TrainingOptions)).Values)
                Assert.Equal(property.GetValue(options), property.GetValue(read));
        }

        [Fact]
        public void An_option_a_file_does_not_hold_keeps_its_default_and_bad_values_are_refused()
        {
            var read = OptionsFormat.Read((JsonObject)Json.Parse("{\"epochs\": 5}"), new TrainingOptions());
            Assert.Equal(5, read.Epochs);
            Assert.Equal(10, read.ScheduleStep);
            Assert.True(read.Shuffle);
            Assert.Throws<NeuralNetException>(() => OptionsFormat.Read((JsonObject)Json.Parse("{\"batchSize\": 0}"), new TrainingOptions()));
        }
    }
}
