using NeuralNet.Core.Model;

namespace NeuralNet.Core.Training
{
    /// <summary>
    /// Buffers a training call holds for its whole length (the workspace of its batches, the copies of the
    /// weights that undo a diverged epoch, the shuffle's order), kept per thread from one call to the next
    /// of the same shapes. Memory the process has not used before is paid for in page faults as it is first
    /// touched, and the collector returns freed memory to the system: on the CI machine (a virtual machine,
    /// about 15 µs a fault) a W3 call's 5 MB of fresh buffers cost about 20 ms, and a sweep pays that per
    /// trial. A rented buffer is the caller's until it is given back; its old values are overwritten before
    /// they are read. Buffers larger than <see cref="MaxKeptValues"/> are not kept.
    /// </summary>
    internal static class CallScratch
    {
        /// <summary>The most values one kept buffer may hold (32 MB of doubles).</summary>
        private const long MaxKeptValues = 1 << 22;

        [ThreadStatic] private static Workspace _workspace;
        [ThreadStatic] private static List<double[][]> _weights;
        [ThreadStatic] private static int[] _order;
        [ThreadStatic] private static double[] _uniforms;

        /// <summary>A workspace for <paramref name="capacity"/> rows of this network's shape and precision, its dropout cleared.</summary>
        public static Workspace Workspace(Network network, int capacity)
        {
            var kept = _workspace;
            if (kept != null && Fits(kept, network, capacity))
            {
                _workspace = null;
                kept.Dropout = null;
                if (kept.Single != null) kept.Single.InputNarrowed = kept.Single.WeightsNarrowed = false;
                return kept;
            }
            return new Workspace(network, capacity);
        }

        public static void Return(Workspace workspace)
        {
            long values = workspace.Input.Length;
            foreach (var block in workspace.GradientBlocks) values += block.Length;
            if (values <= MaxKeptValues) _workspace = workspace;
        }

        /// <summary>A copy of the parameter blocks, in a kept set of the same shape where there is one.</summary>
        public static double[][] Copy(double[][] blocks)
        {
            var kept = _weights;
            if (kept != null)
                for (int i = kept.Count - 1; i >= 0; i--)
                {
                    if (!SameShape(kept[i], blocks)) continue;
                    var copy = kept[i];
                    kept.RemoveAt(i);
                    for (int b = 0; b < blocks.Length; b++) Array.Copy(blocks[b], copy[b], blocks[b].Length);
                    return copy;
                }
            return Solvers.Weights.Snapshot(blocks);
        }

        /// <summary>Keeps a copy from <see cref="Copy"/> for the next call (two sets at most: a call holds two).</summary>
        public static void Return(double[][] copy)
        {
            long values = 0;
            foreach (var block in copy) values += block.Length;
            if (values > MaxKeptValues) return;
            var kept = _weights ?? (_weights = new List<double[][]>());
            if (kept.Count >= 2) kept.RemoveAt(0);
            kept.Add(copy);
        }

        /// <summary>An array of <paramref name="length"/> ints, contents undefined.</summary>
        public static int[] Ints(int length)
        {
            var kept = _order;
            if (kept != null && kept.Length == length)
            {
                _order = null;
                return kept;
            }
            return new int[length];
        }

        /// <summary>An array of <paramref name="length"/> doubles, contents undefined.</summary>
        public static double[] Doubles(int length)
        {
            var kept = _uniforms;
            if (kept != null && kept.Length == length)
            {
                _uniforms = null;
                return kept;
            }
            return new double[length];
        }

        public static void Return(int[] order)
        {
            if (order != null && order.Length <= MaxKeptValues) _order = order;
        }

        public static void Return(double[] uniforms)
        {
            if (uniforms != null && uniforms.Length <= MaxKeptValues) _uniforms = uniforms;
        }

        private static bool Fits(Workspace workspace, Network network, int capacity)
        {
            if (workspace.Capacity != capacity || (workspace.Single != null) != (network.Precision == Precision.Single)) return false;
            if (workspace.Input.Length != capacity * network.InputSize || workspace.Z.Length != network.Layers.Count) return false;
            for (int l = 0; l < network.Layers.Count; l++)
                if (workspace.Z[l].Length != capacity * network.Layers[l].Units) return false;
            return SameShape(workspace.GradientBlocks, network.ParameterBlocks);
        }

        private static bool SameShape(double[][] a, double[][] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
                if (a[i].Length != b[i].Length) return false;
            return true;
        }
    }
}
