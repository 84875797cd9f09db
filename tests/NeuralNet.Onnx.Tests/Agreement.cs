using System;
using System.Collections.Generic;
using System.Linq;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;
using Xunit;
using Xunit.Abstractions;

namespace NeuralNet.Onnx.Tests
{
    /// <summary>
    /// The module's own predictions (as Get-NetworkPrediction makes them: each row encoded by the
    /// schema, one forward pass, decoded) compared with ONNX Runtime's outputs, and the largest
    /// relative difference found.
    /// </summary>
    internal static class Agreement
    {
        public const double Tolerance = 1e-5;

        /// <summary>|a − b| / max(|a|, |b|): 0 for equal values, 1 when one of them is 0 and the other is not.</summary>
        public static double RelativeError(double expected, double actual)
        {
            if (expected == actual) return 0;
            return Math.Abs(expected - actual) / Math.Max(Math.Abs(expected), Math.Abs(actual));
        }

        /// <summary>Per row and target, the module's decoded prediction.</summary>
        public static TargetPrediction[][] ModulePredictions(NeuralNetworkModel model, RawTable table, UnknownCategoryPolicy unknown = UnknownCategoryPolicy.Error)
        {
            var schema = model.Schema;
            var data = schema.Encode(table, withTargets: false, unknown);
            var row = new double[schema.InputWidth];
            var result = new TargetPrediction[data.Rows][];
            for (int r = 0; r < data.Rows; r++)
            {
                Array.Copy(data.Features, r * row.Length, row, 0, row.Length);
                result[r] = schema.Decode(model.Network.Predict(row, 1), 0);
            }
            return result;
        }

        /// <summary>
        /// Checks every target's outputs of ONNX Runtime against the module's predictions: labels equal,
        /// probabilities and numbers within <see cref="Tolerance"/> relative. Returns the largest relative error.
        /// </summary>
        public static double AssertRowsAgree(NeuralNetworkModel model, RawTable table, Dictionary<string, object> onnx, ITestOutputHelper log, string name,
            UnknownCategoryPolicy unknown = UnknownCategoryPolicy.Error)
        {
            var expected = ModulePredictions(model, table, unknown);
            Assert.Equal(table.RowCount, expected.Length);
            double worst = 0;
            var targets = model.Schema.Targets;
            for (int t = 0; t < targets.Count; t++)
            {
                var target = targets[t];
                if (!target.IsClassification)
                {
                    var values = (double[])onnx[target.Name];
                    Assert.Equal(expected.Length, values.Length);
                    for (int r = 0; r < expected.Length; r++) worst = Math.Max(worst, Check(expected[r][t].Value, values[r], name, target.Name, r));
                    continue;
                }
                var labels = (string[])onnx[target.Name];
                var probabilities = (double[])onnx[target.Name + "_probabilities"];
                int classes = ((ClassTarget)target).Classes.Count;
                Assert.Equal(expected.Length, labels.Length);
                Assert.Equal(expected.Length * classes, probabilities.Length);
                for (int r = 0; r < expected.Length; r++)
                {
                    Assert.Equal(expected[r][t].Label, labels[r]);
                    for (int c = 0; c < classes; c++)
                        worst = Math.Max(worst, Check(expected[r][t].Probabilities[c], probabilities[r * classes + c], name, target.Name, r));
                }
            }
            log.WriteLine($"{name}: {expected.Length} rows, max relative error {worst:E2}");
            return worst;
        }

        /// <summary>Raw outputs of a network trained on matrices against the graph's "output".</summary>
        public static double AssertMatrixAgrees(NeuralNetworkModel model, double[] inputs, int rows, double[] onnx, ITestOutputHelper log, string name)
        {
            var expected = Evaluator.Predict(model.Network, inputs, rows);
            Assert.Equal(expected.Length, onnx.Length);
            double worst = expected.Select((e, i) => Check(e, onnx[i], name, "output", i / model.Network.OutputSize)).Max();
            log.WriteLine($"{name}: {rows} rows, max relative error {worst:E2}");
            return worst;
        }

        private static double Check(double expected, double actual, string name, string target, int row)
        {
            double error = RelativeError(expected, actual);
            if (!(error <= Tolerance))
                throw new Xunit.Sdk.XunitException($"{name}, target '{target}', row {row + 1}: the module gives {expected:R}, ONNX Runtime {actual:R} (relative error {error:E2}).");
            return error;
        }
    }
}
