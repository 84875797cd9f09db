using System;
using System.Linq;
using System.Threading;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>The one way the data and experiment rooms use several cores.</summary>
    public class WorkTests
    {
        [Fact]
        public void Each_index_runs_once_and_a_failure_asks_the_caller_to_repeat_in_order()
        {
            var hits = new int[1000];
            Assert.True(Work.TryEachInParallel(hits.Length, i => Interlocked.Increment(ref hits[i])));
            Assert.All(hits, h => Assert.Equal(1, h));
            Assert.False(Work.TryEachInParallel(10, i => { if (i == 7) throw new InvalidOperationException(); }));
        }

        [Fact]
        public void Both_runs_two_actions_and_rethrows_the_first_failure_unwrapped()
        {
            int a = 0, b = 0;
            Work.Both(() => a = 1, () => b = 2);
            Assert.Equal((1, 2), (a, b));
            Assert.Throws<FormatException>(() => Work.Both(() => { }, () => throw new FormatException()));
        }

        [Fact]
        public void ForEach_runs_every_item_within_the_degree_and_stops_taking_items_when_cancelled()
        {
            int running = 0, most = 0, done = 0;
            Work.ForEach(Enumerable.Range(0, 40).ToArray(), 3, _ =>
            {
                int now = Interlocked.Increment(ref running);
                int seen;
                while ((seen = most) < now && Interlocked.CompareExchange(ref most, now, seen) != seen) { }
                Thread.Sleep(2);
                Interlocked.Decrement(ref running);
                Interlocked.Increment(ref done);
            }, default);
            Assert.Equal(40, done);
            Assert.InRange(most, 1, 3);
            using (var cancel = new CancellationTokenSource())
            {
                int started = 0;
                Work.ForEach(Enumerable.Range(0, 100).ToArray(), 1, i => { Interlocked.Increment(ref started); if (i == 4) cancel.Cancel(); }, cancel.Token);
                Assert.Equal(5, started);
            }
        }
    }
}
