// The kernel benchmark: one product of a W3 shape, timed as GFLOP/s (2·m·k·n per product) over
// repeated calls, at a given thread count. "serve" reads requests "<shape> <dtype> <threads>" a line
// at a time and answers each with one number, so bench/Invoke-Benchmark.ps1 can alternate it with numpy.
using System;
using System.Diagnostics;
using System.Globalization;
using NeuralNet.Core.Kernels;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "serve")
        {
            string line;
            while ((line = Console.In.ReadLine()) != null)
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 3) continue;
                Console.WriteLine(Measure(parts[0], parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture)).ToString("R", CultureInfo.InvariantCulture));
                Console.Out.Flush();
            }
            return 0;
        }
        if (args.Length > 0 && args[0] == "epoch") { EpochProbe.Run(args.Length > 1 && args[1] == "single" ? NeuralNet.Core.Model.Precision.Single : NeuralNet.Core.Model.Precision.Double); return 0; }
        if (args.Length > 0 && args[0] == "detail") { if (args.Length > 1) KernelTeam.MaxThreads = int.Parse(args[1], CultureInfo.InvariantCulture); DetailProbe.Run(); return 0; }
        if (args.Length > 0 && args[0] == "tutorial") { TutorialProbe.Run(args.Length > 1 && args[1] == "trainer"); return 0; }
        if (args.Length > 0 && args[0] == "w2") { W2Probe.Run(); return 0; }
        if (args.Length > 0 && args[0] == "w3") { W3Probe.Run(args.Length > 1 ? args[1] : "double", args.Length > 2 && args[2] == "teacher"); return 0; }
        if (args.Length > 0 && args[0] == "paths")
        {
            // Each product on AVX-512 and on AVX2, in alternating rounds: whether the best path is best for every shape here.
            var paths = new[] { KernelPath.Avx512, KernelPath.Avx2 };
            foreach (var shape in Shapes.Names)
                foreach (var dtype in new[] { "float64", "float32" })
                    foreach (int threads in new[] { 1, 2 })
                    {
                        var text = $"{shape,-8} {dtype} {threads}t (chosen {MatrixKernels.BestPath})";
                        for (int round = 0; round < 3; round++)
                            foreach (var path in paths)
                            {
                                MatrixKernels.ForcedPath = path;
                                text += $"  {path} {Measure(shape, dtype, threads),5:F1}";
                            }
                        MatrixKernels.ForcedPath = null;
                        Console.WriteLine(text);
                    }
            return 0;
        }
        if (args.Length > 0 && args[0] == "path")
        {
            // Every product takes the same path (a shape and a dtype may follow, as the bench passes them).
            Console.WriteLine(MatrixKernels.Path);
            return 0;
        }
        foreach (var shape in Shapes.Names)
            foreach (var dtype in new[] { "float64", "float32" })
            {
                var text = $"{shape,-8} {dtype}";
                for (int round = 0; round < 3; round++) text += $"  1t {Measure(shape, dtype, 1),5:F1} 2t {Measure(shape, dtype, 2),5:F1}";
                Console.WriteLine(text);
            }
        return 0;
    }

    private static double Measure(string shape, string dtype, int threads)
    {
        KernelTeam.MaxThreads = threads;
        var product = Shapes.Create(shape, dtype);
        // Calls for about 0.2 s, after a warm-up; the median of seven such rounds.
        product();
        var clock = Stopwatch.StartNew();
        int calls = 0;
        while (clock.Elapsed.TotalSeconds < 0.05) { product(); calls++; }
        calls = Math.Max(1, (int)(calls * 0.03 / clock.Elapsed.TotalSeconds));
        var rates = new double[7];
        for (int round = 0; round < rates.Length; round++)
        {
            clock.Restart();
            for (int i = 0; i < calls; i++) product();
            rates[round] = Shapes.Flops(shape) * calls / clock.Elapsed.TotalSeconds / 1e9;
        }
        Array.Sort(rates);
        return rates[rates.Length / 2];
    }
}
