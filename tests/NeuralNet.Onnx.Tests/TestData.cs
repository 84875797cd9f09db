using System;
using System.IO;
using System.Linq;
using NeuralNet.Core;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;

namespace NeuralNet.Onnx.Tests
{
    /// <summary>The data sets the export is checked on, and training as Invoke-NetworkTraining does it (schema fitted, sizes from the data).</summary>
    internal static class TestData
    {
        public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

        public static RawTable Iris() => CsvSource.Read(new[] { DataFile("iris.csv") });

        /// <summary>Iris with two derived class columns: "length" (long/short petals) and "width" (wide/narrow petals).</summary>
        public static RawTable IrisWithTwoMoreClasses()
        {
            var iris = Iris();
            var table = new RawTable(iris.Columns.Concat(new[] { "length", "width" }).ToArray());
            int pl = iris.IndexOf("petal_length"), pw = iris.IndexOf("petal_width");
            for (int r = 0; r < iris.RowCount; r++)
            {
                var row = Enumerable.Range(0, iris.Columns.Count).Select(c => iris[r, c]).ToList();
                row.Add((double)iris[r, pl] > 4.5 ? "long" : "short");
                row.Add((double)iris[r, pw] > 1.3 ? "wide" : "narrow");
                table.Add(row.ToArray());
            }
            return table;
        }

        /// <summary>
        /// Three numeric features on different scales and two numeric targets far from zero:
        /// y = 50 + 3·sin(x1) + x2·x3/10 and z = 1000 − 20·x3 + x1² (so standardisation of the targets matters).
        /// </summary>
        public static RawTable Regression(int rows = 200, int seed = 11)
        {
            var random = new Random(seed);
            var table = new RawTable(new[] { "x1", "x2", "x3", "y", "z" });
            for (int r = 0; r < rows; r++)
            {
                double x1 = random.NextDouble() * 6 - 3, x2 = random.NextDouble() * 100, x3 = random.NextDouble() * 2 - 1;
                table.Add(new object[] { x1, x2, x3, 50 + 3 * Math.Sin(x1) + x2 * x3 / 10, 1000 - 20 * x3 + x1 * x1 });
            }
            return table;
        }

        /// <summary>
        /// Mixed inputs: "color" and "size" (strings), "zone" (numbers read as categories) and "weight"
        /// (a number); the class target "buy" (yes/no) and the three-class "tier" (bronze/silver/gold).
        /// </summary>
        public static RawTable Shop(int rows = 240, int seed = 5, string extraColor = null)
        {
            var random = new Random(seed);
            var colors = new[] { "red", "green", "blue" };
            var sizes = new[] { "S", "M", "L" };
            var table = new RawTable(new[] { "color", "size", "zone", "weight", "buy", "tier" });
            for (int r = 0; r < rows; r++)
            {
                string color = extraColor != null && r % 3 == 0 ? extraColor : colors[random.Next(3)];
                string size = sizes[random.Next(3)];
                int zone = 1 + random.Next(4);
                double weight = 20 + random.NextDouble() * 60;
                double score = (color == "red" ? 1.0 : color == "blue" ? -1.0 : 0.0) + (size == "L" ? 0.8 : 0) + (zone % 2 == 0 ? 0.5 : -0.5) + (weight - 50) / 20 + random.NextDouble() - 0.5;
                table.Add(new object[] { color, size, zone, weight, score > 0 ? "yes" : "no", score > 1 ? "gold" : score > -0.5 ? "silver" : "bronze" });
            }
            return table;
        }

        /// <summary>Trains a network created with hidden sizes only, so the data fixes its input and output sizes.</summary>
        public static NeuralNetworkModel Train(RawTable table, string[] targets, Precision precision, Activation hidden, int[] hiddenSizes,
            int epochs = 150, string[] features = null, string[] categorical = null, Activation? output = null)
        {
            var model = NeuralNetworkModel.Create(new NetworkSpec(inputSize: null, hiddenSizes: hiddenSizes, outputSize: null, hiddenActivation: hidden, outputActivation: output, hasBias: true, seed: 7, precision: precision));
            var schemaOptions = new DataOptions { Target = targets, Feature = features, Categorical = categorical ?? new string[0] };
            var prepared = TrainingSetup.Prepare(model, table, schemaOptions, new TrainingOptions { Epochs = epochs, LearningRate = 0.01 });
            new Trainer(model, prepared.Plan, null).Train(prepared.Train, prepared.Validation, default);
            return model;
        }
    }
}
