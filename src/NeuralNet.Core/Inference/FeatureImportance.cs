using System.Collections.Concurrent;
using MathNet.Numerics.Random;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Inference
{
    /// <summary>
    /// Permutation feature importance (Breiman, 2001; scikit-learn's permutation_importance): how much a
    /// score drops when one original column's values are shuffled across the rows, which breaks its tie
    /// to the target and keeps everything else. A one-hot column moves as one block, so the importance
    /// is per column, not per category. Each score is exactly the one Test-NeuralNetwork reports for the
    /// rows with that column shuffled (<see cref="Evaluation.EvaluateAll"/> on them), since encoding
    /// works cell by cell and shuffling encoded cells is encoding shuffled cells.
    /// <para>Shuffles are seeded: a Mersenne Twister on the seed gives one number per repeat, and repeat
    /// r shuffles every column with the same Fisher–Yates permutation, drawn from a Mersenne Twister on
    /// that number. The (column, repeat) evaluations run in parallel on <see cref="Work"/>'s threads,
    /// each worker with its own copy of the rows, and land in fixed places, so the result does not
    /// depend on the thread count or the order they finish in.</para>
    /// </summary>
    public static class FeatureImportance
    {
        /// <summary>The importance of every column of <paramref name="model"/> on the labelled rows <paramref name="data"/> (encoded by its schema, or raw matrices).</summary>
        /// <param name="model">A trained network; the caller holds it (<see cref="NeuralNetworkModel.Acquire"/>).</param>
        /// <param name="data">Labelled rows, at least two.</param>
        /// <param name="options">Repeats, seed, metric.</param>
        /// <param name="progress">Called with the number of evaluations done (of columns × repeats), from any thread; may be null.</param>
        /// <param name="token">Stops taking new evaluations; the call then throws OperationCanceledException.</param>
        public static ImportanceReport Compute(NeuralNetworkModel model, DataSet data, ImportanceOptions options, Action<int> progress = null, CancellationToken token = default)
        {
            options.Validate();
            if (!model.IsBuilt) throw new InvalidOperationException("The network must be trained before its columns are weighed.");
            if (data.Targets == null) throw new ArgumentException("Feature importance needs labelled rows.", nameof(data));
            if (data.Rows < 2)
                throw new NeuralNetException("TooFewRows", ErrorKind.InvalidData,
                    $"Feature importance shuffles a column across the rows, which takes at least 2 labelled rows; there {(data.Rows == 1 ? "is 1" : "are none")}. Give more rows.");
            var network = model.Network;
            var loss = Resolver.LossFor(null, model.LastOptions, network.OutputLayer.Activation, model.Schema?.IsClassification ?? false);
            var baseline = Evaluation.EvaluateAll(model, data, loss)[0];
            var metric = Resolver.MetricFor(options.Metric, baseline.IsClassification);
            double baseScore = Metrics.Of(baseline, metric);   // MetricNotApplicable before any work
            bool higherIsBetter = Metrics.HigherIsBetter(metric);
            int seed = Resolver.SeedFor(options.Seed, model.Spec);
            var columns = Columns(model);
            int repeats = options.Repeats, rows = data.Rows, inputs = data.Inputs;
            var repeatSeeds = RepeatSeeds(seed, repeats);
            var original = data.Features;
            var drops = new double[columns.Count][];
            for (int c = 0; c < columns.Count; c++) drops[c] = new double[repeats];

            var buffers = new ConcurrentBag<Buffers>();
            int done = 0;
            Work.ForEach(Enumerable.Range(0, columns.Count * repeats).ToArray(), Environment.ProcessorCount, task =>
            {
                int c = task / repeats, r = task % repeats;
                if (!buffers.TryTake(out var buffer)) buffer = new Buffers(original, rows);
                var (_, _, offset, width) = columns[c];
                Permutation(repeatSeeds[r], buffer.Order, buffer.Uniforms);
                Shuffle(original, buffer.Features, buffer.Order, rows, inputs, offset, width);
                var shuffled = new DataSet(buffer.Features, data.Targets, rows, inputs, data.Outputs) { SourceRows = data.SourceRows };
                double score = Metrics.Of(Evaluation.EvaluateAll(model, shuffled, loss)[0], metric);
                drops[c][r] = higherIsBetter ? baseScore - score : score - baseScore;
                Restore(original, buffer.Features, rows, inputs, offset, width);
                buffers.Add(buffer);
                progress?.Invoke(Interlocked.Increment(ref done));
            }, token);
            token.ThrowIfCancellationRequested();

            var ranked = Enumerable.Range(0, columns.Count)
                .Select(c => (Column: c, Mean: Mean(drops[c])))
                .OrderByDescending(x => x.Mean).ThenBy(x => x.Column)   // a stable order: ties keep the columns' order
                .Select((x, rank) => new ColumnImportance(rank + 1, columns[x.Column].Name, columns[x.Column].Kind, columns[x.Column].Width,
                    x.Mean, StandardDeviation(drops[x.Column], x.Mean), drops[x.Column]))
                .ToList();
            return new ImportanceReport(metric, baseScore, rows, repeats, seed, ranked);
        }

        /// <summary>The original columns and the inputs each fills: the schema's features, or one per input for a network trained on matrices.</summary>
        private static IReadOnlyList<(string Name, ColumnKind Kind, int Offset, int Width)> Columns(NeuralNetworkModel model)
        {
            var columns = new List<(string, ColumnKind, int, int)>();
            if (model.Schema == null)
            {
                for (int i = 0; i < model.Network.InputSize; i++) columns.Add(("Input" + (i + 1), ColumnKind.Numeric, i, 1));
                return columns;
            }
            int offset = 0;
            foreach (var feature in model.Schema.Features)
            {
                columns.Add((feature.Name, feature.Kind, offset, feature.Width));
                offset += feature.Width;
            }
            return columns;
        }

        /// <summary>One seed per repeat, drawn in order from a generator on the seed.</summary>
        private static int[] RepeatSeeds(int seed, int repeats)
        {
            var random = new MersenneTwister(seed, threadSafe: false);
            var seeds = new int[repeats];
            for (int r = 0; r < repeats; r++) seeds[r] = random.Next();
            return seeds;
        }

        /// <summary>Fisher–Yates over 0…n−1 with one uniform per row from a generator on <paramref name="seed"/> (as training shuffles rows).</summary>
        private static void Permutation(int seed, int[] order, double[] uniforms)
        {
            for (int i = 0; i < order.Length; i++) order[i] = i;
            new MersenneTwister(seed, threadSafe: false).NextDoubles(uniforms);
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = Math.Min(i, (int)(uniforms[i] * (i + 1)));
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }

        /// <summary>Row i of the column's inputs takes row order[i]'s; every other input stays.</summary>
        private static void Shuffle(double[] original, double[] features, int[] order, int rows, int inputs, int offset, int width)
        {
            for (int i = 0; i < rows; i++)
                Array.Copy(original, order[i] * inputs + offset, features, i * inputs + offset, width);
        }

        private static void Restore(double[] original, double[] features, int rows, int inputs, int offset, int width)
        {
            for (int i = 0; i < rows; i++)
                Array.Copy(original, i * inputs + offset, features, i * inputs + offset, width);
        }

        private static double Mean(double[] values)
        {
            double sum = 0;
            foreach (var v in values) sum += v;
            return sum / values.Length;
        }

        private static double StandardDeviation(double[] values, double mean)
        {
            double sum = 0;
            foreach (var v in values) sum += (v - mean) * (v - mean);
            return Math.Sqrt(sum / values.Length);
        }

        /// <summary>A worker's copy of the rows and its shuffle buffers, reused from one evaluation to the next.</summary>
        private sealed class Buffers
        {
            public Buffers(double[] original, int rows)
            {
                Features = (double[])original.Clone();
                Order = new int[rows];
                Uniforms = new double[rows];
            }

            public double[] Features { get; }

            public int[] Order { get; }

            public double[] Uniforms { get; }
        }
    }
}
