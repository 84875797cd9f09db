using NeuralNet.Core.Model;

namespace NeuralNet.Core.Optimizers
{
    /// <summary>
    /// The shared parameter/gradient view every optimizer works on: the network's parameter blocks
    /// (W₁, b₁, W₂, b₂, …) and parallel gradient blocks. A subclass implements only its update rule
    /// for one block; state arrays are allocated once, here, so steps allocate nothing.
    /// </summary>
    public abstract class Optimizer
    {
        protected Optimizer(Network network, double learningRate, double weightDecay)
        {
            LearningRate = learningRate;
            WeightDecay = weightDecay;
            var isBias = new List<bool>();
            foreach (var layer in network.Layers)
            {
                isBias.Add(false);
                if (layer.HasBias) isBias.Add(true);
            }
            IsBias = isBias.ToArray();
            Sizes = new int[network.ParameterBlocks.Length];
            for (int b = 0; b < Sizes.Length; b++) Sizes[b] = network.ParameterBlocks[b].Length;
        }

        public abstract OptimizerKind Kind { get; }

        public double LearningRate { get; set; }

        /// <summary>L2 penalty λ on weights (never biases): adds λ·w to the gradient (AdamW: decays w directly).</summary>
        public double WeightDecay { get; set; }

        /// <summary>Steps taken so far (t in Adam's bias correction).</summary>
        public long Steps { get; protected set; }

        /// <summary>Whether each block is a bias vector (exempt from weight decay).</summary>
        protected bool[] IsBias { get; }

        private int[] Sizes { get; }

        /// <summary>
        /// From this many parameters, an optimizer that updates ranges splits its step over two cores. Not
        /// fewer, even for Adam, whose step is bound by its divisions: split from 4,096 weights, W2's step
        /// (4,810) was faster in a loop of steps alone, but W2's training calls were slower (50 epochs: least of
        /// 15 calls 103 to 122 ms in four runs, against 91 to 109 unsplit), since between steps the other core sleeps and
        /// the batch's gradients are in this core's cache.
        /// </summary>
        private const int ParallelParameters = 1 << 16;

        private StepWork _stepWork;

        /// <summary>One step over every block.</summary>
        [MethodImpl(Hot.Inline)]
        public void Step(double[][] parameters, double[][] gradients) => Step(parameters, gradients, null, null);

        /// <summary>
        /// One step, for a single-precision pass: where <paramref name="floatGradients"/> has a block, the
        /// gradient is widened from it first, and where <paramref name="floatWeights"/> has one, the updated
        /// weights are rounded into it. Done part by part as the step goes, each while its values are in
        /// cache, instead of in sweeps of their own before and after (the values are the same).
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        internal void Step(double[][] parameters, double[][] gradients, float[][] floatGradients, float[][] floatWeights)
        {
            int total = 0;
            for (int b = 0; b < parameters.Length; b++) total += parameters[b].Length;
            // A small network's step (the tutorial's 16 weights) is the loop below, on this thread, block by block.
            if (UpdatesRanges && total >= ParallelParameters)
            {
                Steps++;
                BeginStep();
                var work = _stepWork ?? (_stepWork = new StepWork(this));
                work.Parameters = parameters;
                work.Gradients = gradients;
                work.FloatGradients = floatGradients;
                work.FloatWeights = floatWeights;
                work.NextChunk = 0;
                var team = Kernels.KernelTeam.ForCurrentThread;
                team.RunClaimed(work, Math.Min(team.Size, 2));
                work.Parameters = work.Gradients = null;
                work.FloatGradients = work.FloatWeights = null;
                return;
            }
            Steps++;
            BeginStep();
            for (int b = 0; b < parameters.Length; b++)
            {
                var from = floatGradients?[b];
                if (from != null) Model.SingleBuffers.Widen(from, gradients[b], 0, gradients[b].Length);
                if (WeightDecay > 0 && !IsBias[b] && AddsWeightDecayToGradient)
                {
                    var w = parameters[b];
                    var g = gradients[b];
                    for (int i = 0; i < w.Length; i++) g[i] += WeightDecay * w[i];
                }
                UpdateBlock(b, parameters[b], gradients[b]);
                var to = floatWeights?[b];
                if (to != null) Model.SingleBuffers.Narrow(parameters[b], to, 0, to.Length);
            }
        }

        /// <summary>What a rule computes once per step, after <see cref="Steps"/> counts it and before any block is updated (on any thread).</summary>
        [MethodImpl(Hot.Optimize)]
        protected virtual void BeginStep()
        {
        }

        /// <summary>False for optimizers that apply decay their own way (AdamW).</summary>
        protected virtual bool AddsWeightDecayToGradient => true;

        /// <summary>Applies the update rule to block <paramref name="block"/>.</summary>
        protected abstract void UpdateBlock(int block, double[] w, double[] g);

        /// <summary>True when <see cref="UpdateRange"/> applies the rule to part of a block, so that a large step can be split over threads.</summary>
        protected virtual bool UpdatesRanges
        {
            [MethodImpl(Hot.Optimize)]
            get => false;
        }

        /// <summary>The update rule for elements [<paramref name="start"/>, <paramref name="end"/>) of a block, element for element as <see cref="UpdateBlock"/>.</summary>
        protected virtual void UpdateRange(int block, double[] w, double[] g, int start, int end) => throw new NotSupportedException();

        /// <summary>
        /// For a single-precision step, the update of elements [<paramref name="start"/>, <paramref name="end"/>)
        /// straight from the float32 gradient, with <paramref name="decay"/>·w added to it, rounding the updated
        /// weights into <paramref name="rounded"/>: the same values as widening, decaying, <see cref="UpdateRange"/>
        /// and rounding in turn, without writing the widened gradient. False where a rule has no such path.
        /// </summary>
        protected virtual bool UpdateRangeFromSingle(int block, double[] w, float[] gradient, float[] rounded, double decay, int start, int end) => false;

        /// <summary>
        /// A step split over a team: the threads claim chunks of the blocks in turn, weight decay first as in
        /// <see cref="Step(double[][], double[][])"/>. Each chunk is widened, updated and narrowed while it is
        /// in L1 (a wide layer's block, W3's 1.6 MB of weights, would otherwise go round L3 once per sweep),
        /// and a core that runs slow for a while only takes fewer chunks. Every sweep is element by element,
        /// so the values are the same whichever thread updates a chunk.
        /// </summary>
        private sealed class StepWork : Kernels.IClaimedWork
        {
            /// <summary>Elements per chunk of a step: 8 KB of doubles, a multiple of 8 so that chunks keep whole vectors.</summary>
            private const int StepChunk = 1024;

            private readonly Optimizer _optimizer;

            public StepWork(Optimizer optimizer) => _optimizer = optimizer;

            public double[][] Parameters { get; set; }

            public double[][] Gradients { get; set; }

            public float[][] FloatGradients { get; set; }

            public float[][] FloatWeights { get; set; }

            /// <summary>The next chunk to claim, counted over the blocks in order; zero before each step.</summary>
            public int NextChunk;

            [MethodImpl(Hot.Optimize)]
            public void Execute(int thread, int threads, Kernels.KernelTeam team)
            {
                var parameters = Parameters;
                while (true)
                {
                    int chunk = Interlocked.Increment(ref NextChunk) - 1, b = 0;
                    for (; b < parameters.Length; b++)
                    {
                        int chunks = (parameters[b].Length + StepChunk - 1) / StepChunk;
                        if (chunk < chunks) break;
                        chunk -= chunks;
                    }
                    if (b == parameters.Length) return;
                    int start = chunk * StepChunk;
                    Update(b, start, Math.Min(parameters[b].Length, start + StepChunk));
                }
            }

            /// <summary>Elements [<paramref name="start"/>, <paramref name="end"/>) of block <paramref name="b"/>.</summary>
            [MethodImpl(Hot.Optimize)]
            private void Update(int b, int start, int end)
            {
                var optimizer = _optimizer;
                double[] w = Parameters[b], g = Gradients[b];
                var from = FloatGradients?[b];
                var to = FloatWeights?[b];
                bool decays = optimizer.WeightDecay > 0 && !optimizer.IsBias[b] && optimizer.AddsWeightDecayToGradient;
                if (from != null && to != null && optimizer.UpdateRangeFromSingle(b, w, from, to, decays ? optimizer.WeightDecay : 0.0, start, end)) return;
                if (from != null) Model.SingleBuffers.Widen(from, g, start, end);
                if (decays)
                    for (int i = start; i < end; i++) g[i] += optimizer.WeightDecay * w[i];
                optimizer.UpdateRange(b, w, g, start, end);
                if (to != null) Model.SingleBuffers.Narrow(w, to, start, end);
            }
        }

        /// <summary>A state array per block, shaped like the parameters.</summary>
        protected double[][] NewState(double initial = 0.0)
        {
            var state = new double[Sizes.Length][];
            for (int b = 0; b < Sizes.Length; b++)
            {
                state[b] = new double[Sizes[b]];
                if (initial != 0.0) for (int i = 0; i < state[b].Length; i++) state[b][i] = initial;
            }
            return state;
        }

        /// <summary>A copy of this optimizer, state included, for a copy of the network.</summary>
        public Optimizer CloneFor(Network network)
        {
            var copy = (Optimizer)MemberwiseClone();
            copy.CopyStateFrom(this);
            // The step's work item points at this optimizer and holds a step's arrays: the copy makes its own.
            copy._stepWork = null;
            return copy;
        }

        /// <summary>Deep-copies state arrays after <see cref="object.MemberwiseClone"/>.</summary>
        protected abstract void CopyStateFrom(Optimizer source);

        /// <summary>
        /// The rule's state by name, one array per parameter block (shaped like <see cref="Network.ParameterBlocks"/>),
        /// in a fixed order: what the model file stores so that a loaded network steps on exactly as the
        /// saved one would. These are the live arrays, so a reader fills them in place.
        /// </summary>
        internal abstract IReadOnlyList<KeyValuePair<string, double[][]>> State { get; }

        /// <summary>The steps taken, as a model file recorded them (Adam's bias correction counts on from there).</summary>
        internal void RestoreSteps(long steps)
        {
            if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps));
            Steps = steps;
        }

        /// <summary>No state arrays (plain gradient descent).</summary>
        private protected static readonly IReadOnlyList<KeyValuePair<string, double[][]>> NoState = new KeyValuePair<string, double[][]>[0];

        private protected static KeyValuePair<string, double[][]> Named(string name, double[][] blocks) => new KeyValuePair<string, double[][]>(name, blocks);

        protected static double[][] Copy(double[][] state)
        {
            if (state == null) return null;
            var copy = new double[state.Length][];
            for (int b = 0; b < state.Length; b++) copy[b] = (double[])state[b].Clone();
            return copy;
        }

        /// <summary>Nesterov's variant (momentum only); part of the rule's identity, so resumed training keeps it or starts afresh.</summary>
        public virtual bool Nesterov => false;

        /// <summary>
        /// The values a state array may hold (<see cref="State"/> by name), which a model file's are checked
        /// against: a value outside them would make a step meaningless. Unbounded unless a rule says otherwise.
        /// </summary>
        internal virtual (double Min, double Max) StateBounds(string name) => (double.NegativeInfinity, double.PositiveInfinity);
    }
}
