using System;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Test-NeuralNetwork's scores against values worked out by hand for networks with chosen weights.</summary>
    public class EvaluationTests
    {
        private static NeuralNetworkModel Fixed(int inputs, int outputs, Activation output, double[] weights)
        {
            var model = NeuralNetworkModel.Create(new NetworkOptions
            {
                LayerSizes = new[] { inputs, outputs }, Activation = Activation.ReLU, OutputActivation = output, NoBias = true, Seed = 0,
            }.ToSpec());
            Array.Copy(weights, model.Network.Layers[0].Weights, weights.Length);
            return model;
        }

        [Fact]
        public void Regression_scores_match_the_formulas()
        {
            var model = Fixed(1, 1, Activation.Identity, new[] { 2.0 });   // ŷ = 2x
            var data = DataSet.FromMatrices(new[] { new[] { 1.0 }, new[] { 2.0 }, new[] { 3.0 } }, new[] { new[] { 2.0 }, new[] { 5.0 }, new[] { 6.0 } });
            var report = Evaluation.Evaluate(model, data, Loss.MeanSquaredError);
            // residuals 0, 1, 0; mean y = 13/3; SST = 26/3
            Assert.False(report.IsClassification);
            Assert.Equal(1.0 / 3, report.MeanSquaredError, 12);
            Assert.Equal(Math.Sqrt(1.0 / 3), report.RootMeanSquaredError, 12);
            Assert.Equal(1.0 / 3, report.MeanAbsoluteError, 12);
            Assert.Equal(1.0 - 1.0 / (26.0 / 3), report.RSquared, 12);
            Assert.Equal(1.0 / 3, report.Loss, 12);
        }

        [Fact]
        public void Classification_scores_match_the_confusion_matrix()
        {
            // softmax(10·x): row e_i predicts class i with probability e¹⁰/(e¹⁰ + 2)
            var model = Fixed(3, 3, Activation.Softmax, new[] { 10.0, 0, 0, 0, 10, 0, 0, 0, 10 });
            double[] E(int i) { var v = new double[3]; v[i] = 1; return v; }
            var data = DataSet.FromMatrices(new[] { E(0), E(1), E(2), E(0) }, new[] { E(0), E(1), E(1), E(2) });
            var report = Evaluation.Evaluate(model, data, Loss.CrossEntropy);

            Assert.True(report.IsClassification);
            Assert.Equal(new[] { new[] { 1, 0, 0 }, new[] { 0, 1, 1 }, new[] { 1, 0, 0 } }, report.ConfusionMatrix);
            Assert.Equal(0.5, report.Accuracy, 12);
            Assert.Equal((0.5, 1.0, 2.0 / 3, 1), (report.PerClass[0].Precision, report.PerClass[0].Recall, report.PerClass[0].F1, report.PerClass[0].Support));
            Assert.Equal((1.0, 0.5, 2.0 / 3, 2), (report.PerClass[1].Precision, report.PerClass[1].Recall, report.PerClass[1].F1, report.PerClass[1].Support));
            Assert.Equal(0.0, report.PerClass[2].F1);
            Assert.Equal(4.0 / 9, report.MacroF1, 12);
            double high = Math.Exp(10) / (Math.Exp(10) + 2), low = 1 / (Math.Exp(10) + 2);
            double logLoss = -(2 * Math.Log(high) + 2 * Math.Log(low)) / 4;
            Assert.Equal(logLoss, report.LogLoss, 9);
            Assert.Equal(logLoss, report.Loss, 9);   // cross-entropy with one-hot targets is the log loss
        }

        [Fact]
        public void A_row_without_a_feature_property_is_FeatureNotFound_unless_missing_values_are_filled()
        {
            var table = new RawTable(new[] { "a", "y" });
            table.Add(new object[] { 1.0, 1.5 });
            table.Add(new object[] { 3.0, 2.5 });
            var schema = SchemaInference.Fit(table, new DataOptions { Target = new[] { "y" } });
            var scored = new RawTable(new[] { "a" });
            scored.Add(new object[] { 2.0 });
            scored.Add(new[] { RawTable.MissingProperty });
            var e = Assert.Throws<NeuralNetException>(() => schema.Encode(scored, false, scoring: true, firstRowNumber: 3));
            Assert.Equal(("FeatureNotFound", 4, "a"), (e.ErrorId, e.Row, e.Column));

            var filled = SchemaInference.Fit(table, new DataOptions { Target = new[] { "y" }, MissingValue = MissingValuePolicy.Mean });
            var encoded = filled.Encode(scored, false, scoring: true);
            Assert.Equal(new[] { 0.0, 0.0 }, encoded.Features);   // 2 is the mean: standardised, it and the filled-in mean are 0
        }
    }
}
