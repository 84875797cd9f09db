using System;
using System.Threading;

namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// A second thread for splitting one large matrix product in two without allocating: each thread
    /// that trains gets its own helper (created once, then reused for every batch), so the training loop
    /// allocates nothing per batch, and networks trained on different threads never share one.
    /// The caller computes one half while the helper computes the other.
    /// </summary>
    internal sealed class PairedWorker
    {
        [ThreadStatic]
        private static PairedWorker _current;

        private readonly SemaphoreSlim _start = new SemaphoreSlim(0);
        private readonly ManualResetEventSlim _done = new ManualResetEventSlim(false);
        private GemmHalf _half;
        private Exception _failure;

        private PairedWorker()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "NeuralNet kernel helper" };
            thread.Start();
        }

        /// <summary>This thread's helper.</summary>
        public static PairedWorker ForCurrentThread => _current ?? (_current = new PairedWorker());

        /// <summary>Runs <paramref name="helperHalf"/> on the helper and <paramref name="callerHalf"/> here; returns when both are done.</summary>
        public void Run(in GemmHalf callerHalf, in GemmHalf helperHalf)
        {
            _half = helperHalf;
            _failure = null;
            _done.Reset();
            _start.Release();
            callerHalf.Execute();
            _done.Wait();
            if (_failure != null) throw new InvalidOperationException("A matrix kernel failed on the helper thread.", _failure);
        }

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                try
                {
                    _half.Execute();
                }
                catch (Exception e)
                {
                    _failure = e;
                }
                _done.Set();
            }
        }
    }

    /// <summary>The columns [J0, J1) of one product, as <see cref="MatrixKernels"/> computes them.</summary>
    internal readonly struct GemmHalf
    {
        public GemmHalf(double[] a, int rowStride, int columnStride, double[] b, double[] c, int m, int k, int n, int j0, int j1)
        {
            A = a; RowStride = rowStride; ColumnStride = columnStride; B = b; C = c; M = m; K = k; N = n; J0 = j0; J1 = j1;
        }

        public double[] A { get; }
        public int RowStride { get; }
        public int ColumnStride { get; }
        public double[] B { get; }
        public double[] C { get; }
        public int M { get; }
        public int K { get; }
        public int N { get; }
        public int J0 { get; }
        public int J1 { get; }

        public void Execute() => MatrixKernels.Columns(A, RowStride, ColumnStride, B, C, M, K, N, J0, J1);
    }
}
