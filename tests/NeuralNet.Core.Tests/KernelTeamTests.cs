using System;
using System.Threading;
using NeuralNet.Core.Kernels;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// The kernel team's two ways of running work: assigned parts, which every thread runs, and claimed
    /// parts, which whoever arrives takes, letting off a helper that comes too late. Four threads on a
    /// machine with fewer cores make helpers arrive late often, so the join-or-close race runs many times.
    /// </summary>
    [Trait("Category", "Kernels")]
    public class KernelTeamTests
    {
        private const int Threads = 4;

        /// <summary>Parts claimed from a shared counter; each records that it was done.</summary>
        private sealed class ClaimedParts : IClaimedWork
        {
            private int _next;

            public ClaimedParts(int parts) => Done = new int[parts];

            public int[] Done { get; }

            public void Reset()
            {
                _next = 0;
                Array.Clear(Done, 0, Done.Length);
            }

            public void Execute(int thread, int threads, KernelTeam team)
            {
                for (int part; (part = Interlocked.Increment(ref _next) - 1) < Done.Length;) Interlocked.Increment(ref Done[part]);
            }
        }

        /// <summary>One part per thread index; each records that its index ran.</summary>
        private sealed class AssignedParts : ITeamWork
        {
            public int[] Ran { get; } = new int[Threads];

            public void Execute(int thread, int threads, KernelTeam team) => Interlocked.Increment(ref Ran[thread]);
        }

        [Fact]
        public void Claimed_parts_are_each_done_once_and_assigned_parts_each_run_on_their_thread_in_between()
        {
            int previous = KernelTeam.MaxThreads;
            KernelTeam.MaxThreads = Threads;
            try
            {
                var team = KernelTeam.ForCurrentThread;
                var claimed = new ClaimedParts(7);
                var assigned = new AssignedParts();
                for (int run = 0; run < 5000; run++)
                {
                    if (run % 3 == 2)
                    {
                        Array.Clear(assigned.Ran, 0, Threads);
                        team.Run(assigned, Threads);
                        Assert.All(assigned.Ran, ran => Assert.Equal(1, ran));
                    }
                    else
                    {
                        claimed.Reset();
                        team.RunClaimed(claimed, Threads);
                        Assert.All(claimed.Done, done => Assert.Equal(1, done));
                    }
                }
            }
            finally
            {
                KernelTeam.MaxThreads = previous;
            }
        }

        [Fact]
        public void A_claimed_run_with_more_parts_than_threads_finishes_on_the_caller_alone()
        {
            // One thread: the caller claims every part itself.
            var claimed = new ClaimedParts(50);
            KernelTeam.ForCurrentThread.RunClaimed(claimed, 1);
            Assert.All(claimed.Done, done => Assert.Equal(1, done));
        }
    }
}
