using System;
using System.Threading;
using NeuralNet.Core.Kernels;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// The kernel team's ways of running work: assigned parts, which every thread runs; claimed parts,
    /// which whoever arrives takes, letting off a helper that comes too late; and work started on the
    /// helpers alone while the caller goes on. Four threads on a
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

        /// <summary>Runs <paramref name="test"/> with this thread's team limited to <paramref name="threads"/>, then restores the limit.</summary>
        private static void OnThreads(int threads, Action test)
        {
            int previous = KernelTeam.MaxThreads;
            KernelTeam.MaxThreads = threads;
            try
            {
                test();
            }
            finally
            {
                KernelTeam.MaxThreads = previous;
            }
        }

        [Fact]
        public void Claimed_parts_are_each_done_once_and_assigned_parts_each_run_on_their_thread_in_between()
        {
            OnThreads(Threads, () =>
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
            });
        }

        /// <summary>Started work: records which part ran on which thread, and can be told to fail.</summary>
        private sealed class StartedParts : ITeamWork
        {
            public int[] Ran { get; } = new int[Threads];
            public int[] ManagedThread { get; } = new int[Threads];
            public bool Fail { get; set; }

            public void Execute(int thread, int threads, KernelTeam team)
            {
                Assert.Equal(Threads - 1, threads);
                if (Fail) throw new ArithmeticException("started part failed");
                ManagedThread[thread] = Environment.CurrentManagedThreadId;
                Interlocked.Increment(ref Ran[thread]);
            }
        }

        [Fact]
        public void Started_work_runs_on_the_helpers_alone_and_Finish_or_the_next_run_waits_for_it()
        {
            OnThreads(Threads, () =>
            {
            var team = KernelTeam.ForCurrentThread;
            var started = new StartedParts();
            var claimed = new ClaimedParts(7);
            for (int run = 0; run < 3000; run++)
            {
                Array.Clear(started.Ran, 0, Threads);
                team.Start(started, Threads);
                // The caller's own single-threaded work does not wait for the helpers.
                var alone = new AssignedParts();
                team.Run(alone, 1);
                Assert.Equal(1, alone.Ran[0]);
                if (run % 2 == 0) team.Finish();
                else
                {
                    // A run on the helpers waits for what they were started on first.
                    claimed.Reset();
                    team.RunClaimed(claimed, Threads);
                    Assert.All(claimed.Done, done => Assert.Equal(1, done));
                }
                for (int part = 0; part < Threads - 1; part++)
                {
                    Assert.Equal(1, started.Ran[part]);
                    Assert.NotEqual(Environment.CurrentManagedThreadId, started.ManagedThread[part]);
                }
                Assert.Equal(0, started.Ran[Threads - 1]);
            }
            team.Finish();   // nothing started: returns at once
            });
        }

        [Fact]
        public void Claimed_started_work_is_finished_with_the_callers_help()
        {
            OnThreads(Threads, () =>
            {
            var team = KernelTeam.ForCurrentThread;
            var claimed = new ClaimedParts(200);
            for (int run = 0; run < 2000; run++)
            {
                claimed.Reset();
                team.Start(claimed, 2);
                team.Finish();
                Assert.All(claimed.Done, done => Assert.Equal(1, done));
            }
            });
        }

        [Fact]
        public void A_helper_failure_in_started_work_surfaces_at_Finish_and_the_team_goes_on()
        {
            OnThreads(Threads, () =>
            {
            var team = KernelTeam.ForCurrentThread;
            var started = new StartedParts { Fail = true };
            team.Start(started, Threads);
            var error = Assert.Throws<InvalidOperationException>(() => team.Finish());
            Assert.IsType<ArithmeticException>(error.InnerException);
            var assigned = new AssignedParts();
            team.Run(assigned, Threads);
            Assert.All(assigned.Ran, ran => Assert.Equal(1, ran));
            });
        }

        [Fact]
        public void Started_work_on_a_team_of_one_runs_on_the_caller_before_Start_returns()
        {
            OnThreads(1, () =>
            {
            var claimed = new ClaimedParts(9);
            KernelTeam.ForCurrentThread.Start(claimed, 2);
            Assert.All(claimed.Done, done => Assert.Equal(1, done));
            KernelTeam.ForCurrentThread.Finish();
            });
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
