using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Persistence.Onnx;

namespace NeuralNet.Onnx.Tests
{
    /// <summary>
    /// Exports a network and runs the bytes in ONNX Runtime, fed the way a consumer would feed it: one
    /// [N, 1] tensor per original column (numbers as float64, categories as strings), or one [N, inputs] tensor for a network trained on matrices.
    /// </summary>
    internal static class OnnxRun
    {
        public static byte[] Export(NeuralNetworkModel model, UnknownCategoryPolicy unknown = UnknownCategoryPolicy.Error)
        {
            using var stream = new MemoryStream();
            OnnxExport.Write(model, stream, "9.8.7", unknown);
            return stream.ToArray();
        }

        /// <summary>Every output of the graph for the rows of <paramref name="table"/>, by name, as float64 arrays or strings.</summary>
        public static Dictionary<string, object> Rows(byte[] onnx, NeuralNetworkModel model, RawTable table)
        {
            int rows = table.RowCount;
            var feeds = new List<NamedOnnxValue>();
            foreach (var feature in model.Schema.Features)
            {
                int c = table.IndexOf(feature.Name);
                var shape = new[] { rows, 1 };
                if (feature.Kind == ColumnKind.Categorical)
                {
                    var labels = Enumerable.Range(0, rows).Select(r => ValueParser.ToLabel(table[r, c])).ToArray();
                    feeds.Add(NamedOnnxValue.CreateFromTensor(feature.Name, new DenseTensor<string>(labels, shape)));
                    continue;
                }
                var values = Enumerable.Range(0, rows).Select(r => Number(table[r, c])).ToArray();
                feeds.Add(NamedOnnxValue.CreateFromTensor(feature.Name, new DenseTensor<double>(values, shape)));
            }
            return Run(onnx, feeds);
        }

        /// <summary>The graph's "output" for raw network inputs (rows × inputs, row-major).</summary>
        public static double[] Matrix(byte[] onnx, NeuralNetworkModel model, double[] inputs, int rows)
        {
            var shape = new[] { rows, model.Network.InputSize };
            var feed = NamedOnnxValue.CreateFromTensor("input", new DenseTensor<double>(inputs, shape));
            return (double[])Run(onnx, new List<NamedOnnxValue> { feed })["output"];
        }

        private static Dictionary<string, object> Run(byte[] onnx, List<NamedOnnxValue> feeds)
        {
            using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
            using var session = new InferenceSession(onnx, options);
            using var results = session.Run(feeds);
            var outputs = new Dictionary<string, object>();
            foreach (var result in results)
            {
                switch (result.ElementType)
                {
                    case TensorElementType.String: outputs[result.Name] = result.AsTensor<string>().ToArray(); break;
                    case TensorElementType.Double: outputs[result.Name] = result.AsTensor<double>().ToArray(); break;
                    default: throw new InvalidOperationException($"Unexpected output type {result.ElementType} of '{result.Name}'.");
                }
            }
            return outputs;
        }

        private static double Number(object cell) =>
            ValueParser.TryParse(cell, out double v) ? v : throw new InvalidOperationException($"'{cell}' is not a number.");
    }
}
