// Synthetic data for build.ps1 -Task Bench, compiled by Add-Type (never part of the module).
using System;
using System.Globalization;
using System.IO;
using System.Text;

public static class BenchData
{
    // W3: rows × 784 standard-normal inputs; 10 classes from a random linear teacher, one-hot.
    public static double[][][] Teacher(int rows, int seed)
    {
        var random = new Random(seed);
        var teacher = new double[784 * 10];
        for (int i = 0; i < teacher.Length; i++) teacher[i] = Normal(random);
        var x = new double[rows][];
        var y = new double[rows][];
        var logits = new double[10];
        for (int r = 0; r < rows; r++)
        {
            var row = x[r] = new double[784];
            for (int i = 0; i < 784; i++) row[i] = Normal(random);
            Array.Clear(logits, 0, 10);
            for (int i = 0; i < 784; i++)
                for (int j = 0; j < 10; j++) logits[j] += row[i] * teacher[i * 10 + j];
            int best = 0;
            for (int j = 1; j < 10; j++) if (logits[j] > logits[best]) best = j;
            y[r] = new double[10];
            y[r][best] = 1;
        }
        return new[] { x, y };
    }

    // W4: rows × 20 numeric columns and a numeric target, written with the invariant culture.
    public static void IngestCsv(string path, int rows, int seed) =>
        TeacherCsv(path, rows, seed, "y", y => Math.Round(y, 6).ToString("R", CultureInfo.InvariantCulture));

    // W5: iris-shaped rows (four measurements, no target): each a row of iris.csv with a little noise.
    public static void IrisCsv(string irisPath, string path, int rows, int seed)
    {
        var random = new Random(seed);
        var lines = File.ReadAllLines(irisPath);
        var source = new double[lines.Length - 1][];
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            source[i - 1] = new double[4];
            for (int c = 0; c < 4; c++) source[i - 1][c] = double.Parse(cells[c], CultureInfo.InvariantCulture);
        }
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.WriteLine("sepal_length,sepal_width,petal_length,petal_width");
            var line = new StringBuilder();
            for (int r = 0; r < rows; r++)
            {
                var row = source[random.Next(source.Length)];
                line.Clear();
                for (int c = 0; c < 4; c++)
                {
                    if (c > 0) line.Append(',');
                    line.Append(Math.Round(Math.Max(0.1, row[c] + 0.05 * Normal(random)), 2).ToString("R", CultureInfo.InvariantCulture));
                }
                writer.WriteLine(line.ToString());
            }
        }
    }

    // W5 scoring: rows × 20 standard-normal columns, with a class label (low, mid, high from the same
    // linear teacher as W4) when labelled; unlabelled files are what a user scores.
    public static void ScoringCsv(string path, int rows, int seed, bool labelled) =>
        TeacherCsv(path, rows, seed, labelled ? "label" : null, labelled ? y => y < -1.5 ? "low" : y > 1.5 ? "high" : "mid" : (Func<double, string>)null);

    // Rows of 20 standard-normal cells x0..x19 and, when a last column is named, the cell that
    // last(y) makes of the linear teacher y = Σ x_c·(c mod 3 − 1).
    private static void TeacherCsv(string path, int rows, int seed, string lastColumn, Func<double, string> last)
    {
        var random = new Random(seed);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            var header = new StringBuilder();
            for (int c = 0; c < 20; c++) header.Append(c > 0 ? "," : "").Append("x").Append(c);
            if (lastColumn != null) header.Append(',').Append(lastColumn);
            writer.WriteLine(header.ToString());
            var line = new StringBuilder();
            for (int r = 0; r < rows; r++)
            {
                line.Clear();
                double y = 0;
                for (int c = 0; c < 20; c++)
                {
                    double v = Math.Round(Normal(random), 6);
                    y += v * (c % 3 - 1);
                    if (c > 0) line.Append(',');
                    line.Append(v.ToString("R", CultureInfo.InvariantCulture));
                }
                if (last != null) line.Append(',').Append(last(y));
                writer.WriteLine(line.ToString());
            }
        }
    }

    private static double Normal(Random random)
    {
        double u = 1.0 - random.NextDouble(), v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
