using System.Threading.Tasks;

namespace NeuralNet.Core
{
    /// <summary>
    /// How the data and experiment rooms use several cores: one mechanism (the thread pool through
    /// System.Threading.Tasks), so degrees, cancellation and failures behave alike everywhere. The
    /// matrix kernels keep their own paired helper thread, which allocates nothing per batch.
    /// </summary>
    internal static class Work
    {
        /// <summary>
        /// Runs body(0 … count−1) on every core. False when any call threw: the caller then repeats the
        /// work in order, so the error it reports is the first one a sequential pass meets.
        /// </summary>
        public static bool TryEachInParallel(int count, Action<int> body)
        {
            try
            {
                Parallel.For(0, count, body);
                return true;
            }
            catch (AggregateException)
            {
                return false;
            }
        }

        /// <summary>Runs both actions at once and rethrows the first failure as itself (not wrapped).</summary>
        public static void Both(Action first, Action second)
        {
            var other = Task.Run(second);
            Exception failure = null;
            try
            {
                first();
            }
            catch (Exception e)
            {
                failure = e;
            }
            try
            {
                other.GetAwaiter().GetResult();
            }
            catch (Exception e) when (failure == null)
            {
                failure = e;
            }
            if (failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        /// <summary>
        /// Runs body on each item with at most <paramref name="degree"/> at once, in item order as
        /// workers free up; stops taking new items once <paramref name="token"/> is cancelled.
        /// </summary>
        public static void ForEach<T>(IReadOnlyList<T> items, int degree, Action<T> body, CancellationToken token)
        {
            int next = -1;
            var workers = Enumerable.Range(0, Math.Max(1, Math.Min(degree, items.Count))).Select(_ => Task.Factory.StartNew(() =>
            {
                int i;
                while (!token.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < items.Count) body(items[i]);
            }, token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            try
            {
                Task.WaitAll(workers);
            }
            catch (AggregateException e)
            {
                var inner = e.Flatten().InnerExceptions.FirstOrDefault(x => !(x is OperationCanceledException)) ?? e.InnerExceptions[0];
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            }
        }
    }
}
