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

    /// <summary>The columns [J0, J1) of one product, as <see cref="MatrixKernels"/> computes them, in either precision.</summary>
    internal readonly struct GemmHalf
    {
        private readonly double[] _a, _b, _c;
        private readonly float[] _singleA, _singleB, _singleC;
        private readonly int _rowStride, _columnStride, _m, _k, _n, _j0, _j1;

        public GemmHalf(double[] a, int rowStride, int columnStride, double[] b, double[] c, int m, int k, int n, int j0, int j1)
            : this(rowStride, columnStride, m, k, n, j0, j1)
        {
            _a = a; _b = b; _c = c;
        }

        public GemmHalf(float[] a, int rowStride, int columnStride, float[] b, float[] c, int m, int k, int n, int j0, int j1)
            : this(rowStride, columnStride, m, k, n, j0, j1)
        {
            _singleA = a; _singleB = b; _singleC = c;
        }

        /// <summary>The half for a product of either precision (T is double or float).</summary>
        public static GemmHalf Of<T>(T[] a, int rowStride, int columnStride, T[] b, T[] c, int m, int k, int n, int j0, int j1) where T : unmanaged =>
            typeof(T) == typeof(double)
                ? new GemmHalf((double[])(object)a, rowStride, columnStride, (double[])(object)b, (double[])(object)c, m, k, n, j0, j1)
                : new GemmHalf((float[])(object)a, rowStride, columnStride, (float[])(object)b, (float[])(object)c, m, k, n, j0, j1);

        private GemmHalf(int rowStride, int columnStride, int m, int k, int n, int j0, int j1)
        {
            _a = _b = _c = null;
            _singleA = _singleB = _singleC = null;
            _rowStride = rowStride; _columnStride = columnStride; _m = m; _k = k; _n = n; _j0 = j0; _j1 = j1;
        }

        public void Execute()
        {
            if (_c != null) MatrixKernels.Columns(_a, _rowStride, _columnStride, _b, _c, _m, _k, _n, _j0, _j1);
            else MatrixKernels.Columns(_singleA, _rowStride, _columnStride, _singleB, _singleC, _m, _k, _n, _j0, _j1);
        }
    }
}
