using NeuralNet.Core.Data;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Model
{
    /// <summary>
    /// Everything a trained network carries: what was asked for (<see cref="Spec"/>, immutable), the
    /// layers once their sizes are known, the data schema that encodes rows on the way in and decodes
    /// outputs on the way out (immutable, fixed by the first training), and the training history
    /// (immutable records) and optimizer state that let training resume. Whoever reads or changes it
    /// holds it first (<see cref="Acquire"/>), so no reader sees a training half done.
    /// </summary>
    public sealed class NeuralNetworkModel
    {
        public const int MaxLayerSize = 1_000_000;

        // Recursion: the thread that holds the network may hold it again (training writes a checkpoint).
        private readonly System.Threading.ReaderWriterLockSlim _gate = new System.Threading.ReaderWriterLockSlim(System.Threading.LockRecursionPolicy.SupportsRecursion);
        private readonly HistoryLog _history = new HistoryLog();
        private DataSchema _schema;

        private NeuralNetworkModel(NetworkSpec spec)
        {
            Spec = spec;
        }

        public NetworkSpec Spec { get; }

        /// <summary>The layers, or null while sizes still wait for data.</summary>
        public Network Network { get; private set; }

        /// <summary>How rows map to inputs and outputs to targets; null until trained on rows. Set once.</summary>
        public DataSchema Schema
        {
            get => _schema;
            internal set
            {
                if (_schema != null) throw new InvalidOperationException("The network's schema is fixed by its first training.");
                _schema = value;
                Version++;
            }
        }

        /// <summary>The epochs trained so far: a snapshot, which may be read while another thread trains (see <see cref="HistoryLog"/>).</summary>
        public IReadOnlyList<EpochRecord> History => _history.Snapshot();

        /// <summary>The options of the last training (a copy), so a later call can continue with the same settings.</summary>
        public TrainingOptions LastOptions
        {
            get => _lastOptions?.Clone();
            internal set
            {
                _lastOptions = value?.Clone();
                Version++;
            }
        }

        private TrainingOptions _lastOptions;

        /// <summary>The optimizer's state (moments, step sizes) from the last training, kept for resuming (and saved in the model file).</summary>
        internal Optimizers.Optimizer Optimizer { get; set; }

        /// <summary>Where an unfinished training call stood (a checkpoint, Ctrl+C); null after a call that finished. The next call with the same options continues from it.</summary>
        public ResumePoint Resume
        {
            get => _resume;
            internal set
            {
                _resume = value;
                Version++;
            }
        }

        private ResumePoint _resume;

        public bool IsBuilt => Network != null;

        public int EpochsTrained => _history.LastEpoch;

        /// <summary>The last epoch's record, or null before training.</summary>
        public EpochRecord LastEpoch => _history.Last;

        /// <summary>Grows with every change (weights, schema, history), so a serialised copy can tell that it is stale.</summary>
        public int Version { get; private set; }

        /// <summary>The output activation: the layers' once built, else the spec's (null: chosen at the first training).</summary>
        public Activation? OutputActivation => Network?.OutputLayer.Activation ?? Spec.OutputActivation;

        /// <summary>
        /// Holds the network alone for the caller's thread until the lease is disposed: training (and
        /// whatever changes it) holds it so, and no other thread reads or changes it meanwhile. The same
        /// thread may hold it again, alone or shared (a checkpoint written during training). Another
        /// thread's hold is a NetworkBusy error that says what to do.
        /// </summary>
        public Lease Acquire(string whatToDo = "Wait for that to finish, or work on a copy (Copy-NeuralNetwork).")
        {
            bool entered;
            try
            {
                entered = _gate.TryEnterWriteLock(0);
            }
            catch (System.Threading.LockRecursionException)
            {
                throw Busy("This network is being read further up this pipeline (predicting, testing or saving it), so it cannot be changed now. " + whatToDo);
            }
            if (!entered)
                throw Busy(_gate.CurrentReadCount > 0
                    ? "This network is in use by another thread (copying, testing, predicting with or saving it). " + whatToDo
                    : "This network is in use by another thread (training it, most likely). " + whatToDo);
            return new Lease(_gate, exclusive: true);
        }

        /// <summary>
        /// Holds the network for reading: copying, exporting, serialising, testing and predicting change
        /// nothing, so any number of threads may hold it so at once (ForEach-Object -Parallel copying
        /// one network), while a thread that holds it alone (a training) keeps them out: none of them
        /// sees another's work half done.
        /// </summary>
        public Lease AcquireShared(string whatToDo = "Wait for that to finish, or work on a copy (Copy-NeuralNetwork).")
        {
            if (!_gate.TryEnterReadLock(0))
                throw Busy("This network is in use by another thread (training it, most likely). " + whatToDo);
            return new Lease(_gate, exclusive: false);
        }

        private static NeuralNetException Busy(string message) => new NeuralNetException("NetworkBusy", ErrorKind.ResourceBusy, message);

        /// <summary>A hold on a network; disposing it lets other threads in.</summary>
        public readonly struct Lease : IDisposable
        {
            private readonly System.Threading.ReaderWriterLockSlim _gate;
            private readonly bool _exclusive;

            internal Lease(System.Threading.ReaderWriterLockSlim gate, bool exclusive)
            {
                _gate = gate;
                _exclusive = exclusive;
            }

            public void Dispose()
            {
                if (_gate == null) return;
                if (_exclusive) _gate.ExitWriteLock();
                else _gate.ExitReadLock();
            }
        }

        /// <summary>Validates the spec and builds the layers at once when every size is known.</summary>
        public static NeuralNetworkModel Create(NetworkSpec spec)
        {
            Validate(spec);
            var model = new NeuralNetworkModel(spec);
            if (spec.InputSize.HasValue && spec.OutputSize.HasValue && spec.OutputActivation.HasValue)
                model.Build(spec.InputSize.Value, spec.OutputSize.Value, spec.OutputActivation.Value);
            return model;
        }

        /// <summary>
        /// The checks of <see cref="Create"/> without building anything: every size in range, the
        /// parameter cap, the initial weights' shapes. An experiment runs them for each configuration
        /// before its first run.
        /// </summary>
        public static void Validate(NetworkSpec spec)
        {
            var sizes = spec.Sizes.ToArray();
            for (int l = 0; l < sizes.Length; l++)
            {
                if (sizes[l].HasValue && (sizes[l] < 1 || sizes[l] > MaxLayerSize))
                    throw new NeuralNetException("InvalidLayerSize", ErrorKind.InvalidArgument,
                        $"Layer {l + 1} ({(l == 0 ? "input" : l == sizes.Length - 1 ? "output" : "hidden")}) has size {sizes[l]}; " +
                        $"every layer needs between 1 and {MaxLayerSize} units.");
            }
            // Sizes the data fixes later count as 1: hidden layers alone can already be too many.
            NetworkLimits.Check(sizes.Select(s => s ?? 0).ToArray(), spec.HasBias);
            if (spec.InitialWeights != null) ValidateInitialWeights(spec);
        }

        /// <summary>The sizes input, hidden…, output, with 0 for a size the data has not fixed yet.</summary>
        public int[] LayerSizes => Network?.LayerSizes ?? Spec.Sizes.Select(s => s ?? 0).ToArray();

        /// <summary>
        /// Builds the layers for data of the given widths. Sizes fixed at creation must agree with the
        /// data; the error says both.
        /// </summary>
        /// <param name="inputs">Input width.</param>
        /// <param name="outputs">Output width.</param>
        /// <param name="output">The output activation.</param>
        /// <param name="outputGroups">For a softmax output over several class targets, each target's width.</param>
        internal void Build(int inputs, int outputs, Activation output, int[] outputGroups = null)
        {
            if (IsBuilt) throw new InvalidOperationException("The network is already built.");
            if (Spec.InputSize.HasValue && Spec.InputSize.Value != inputs)
                throw Data.DataErrors.FeatureCountMismatch(Spec.InputSize.Value, inputs,
                    "Select the features with -Feature, or create the network with -HiddenLayers so the data fixes its input size.");
            if (Spec.OutputSize.HasValue && Spec.OutputSize.Value != outputs)
                throw Data.DataErrors.TargetCountMismatch(Spec.OutputSize.Value, outputs,
                    "Check -Target, or create the network with -HiddenLayers so the data fixes its output size.");

            var sizes = new[] { inputs }.Concat(Spec.HiddenSizes).Concat(new[] { outputs }).ToArray();
            NetworkLimits.Check(sizes, Spec.HasBias);
            var network = Network.Create(sizes, Spec.HiddenActivation, output, Spec.HasBias, outputGroups);
            network.Precision = Spec.Precision;
            // Given weights replace every drawn one (their shapes were checked), and biases start at zero
            // either way, so drawing them first would only cost the generator's seeding and a fill.
            if (Spec.InitialWeights == null) WeightInitializer.Initialize(network, Spec.WeightInit, Spec.Seed);
            else
            {
                for (int l = 0; l < network.Layers.Count; l++)
                {
                    var layer = network.Layers[l];
                    for (int i = 0; i < layer.Inputs; i++)
                        Array.Copy(Spec.InitialWeights[l][i], 0, layer.Weights, i * layer.Units, layer.Units);
                    if (layer.HasBias && Spec.InitialBiases != null) Array.Copy(Spec.InitialBiases[l], layer.Bias, layer.Units);
                }
            }
            Network = network;
            Version++;
        }

        /// <summary>A model read back from a file: every part already validated by the reader.</summary>
        internal static NeuralNetworkModel Restore(NetworkSpec spec, Network network, DataSchema schema, IEnumerable<EpochRecord> history, TrainingOptions lastOptions,
            Optimizers.Optimizer optimizer = null, ResumePoint resume = null)
        {
            if (network != null) network.Precision = spec.Precision;
            var model = new NeuralNetworkModel(spec) { Network = network, _schema = schema, _lastOptions = lastOptions, Optimizer = optimizer, _resume = resume };
            model._history.AppendRange(history);
            return model;
        }

        /// <summary>Appends an epoch to the history (training only), field by field as <see cref="EpochRecord"/> has them: no record object is made.</summary>
        [MethodImpl(Hot.Optimize)]
        internal void AppendHistory(int epoch, double loss, double? validationLoss, string metricName, double? metric, double? validationMetric,
            double learningRate, TimeSpan elapsed, bool interrupted)
        {
            _history.Append(epoch, loss, validationLoss, metricName, metric, validationMetric, learningRate, elapsed, interrupted);
            Version++;
        }

        /// <summary>Appends a record's epoch to the history.</summary>
        [MethodImpl(Hot.Inline)]
        internal void AppendHistory(EpochRecord record) =>
            AppendHistory(record.Epoch, record.Loss, record.ValidationLoss, record.MetricName, record.Metric, record.ValidationMetric,
                record.LearningRate, record.Elapsed, record.Interrupted);

        /// <summary>Keeps only the first <paramref name="count"/> epochs (a training restarting after divergence).</summary>
        internal void TruncateHistory(int count)
        {
            _history.Truncate(count);
            Version++;
        }

        /// <summary>Marks the last epoch as the one Ctrl+C interrupted.</summary>
        internal void MarkLastEpochInterrupted()
        {
            if (_history.Count == 0) return;
            _history.MarkLastInterrupted();
            Version++;
        }

        /// <summary>The weights changed in place (a training step, a restored best epoch).</summary>
        internal void WeightsChanged() => Version++;

        /// <summary>
        /// A deep copy: parameters, history and optimizer state are not shared (the spec and the schema
        /// are immutable, so they are). The caller holds the network (<see cref="Acquire"/>).
        /// </summary>
        public NeuralNetworkModel Copy()
        {
            var copy = new NeuralNetworkModel(Spec)
            {
                Network = Network?.Clone(),
                _schema = _schema,
                _lastOptions = _lastOptions?.Clone(),
            };
            copy._history.AppendFrom(_history);
            copy._resume = _resume;
            if (Optimizer != null && copy.Network != null) copy.Optimizer = Optimizer.CloneFor(copy.Network);
            return copy;
        }

        /// <summary>
        /// A checkpoint during training: a copy of this network (the caller holds it) whose weights are
        /// <paramref name="weights"/> (the parameter blocks in <see cref="Network.ParameterBlocks"/> order; null:
        /// the current ones), with the training's optimizer, its options and where it stands. Nothing is
        /// shared that training goes on changing.
        /// </summary>
        internal NeuralNetworkModel Snapshot(double[][] weights, Optimizers.Optimizer optimizer, TrainingOptions options, ResumePoint resume)
        {
            var network = Network.Clone();
            if (weights != null)
            {
                var blocks = network.ParameterBlocks;
                for (int b = 0; b < blocks.Length; b++) Array.Copy(weights[b], blocks[b], blocks[b].Length);
            }
            var copy = new NeuralNetworkModel(Spec) { Network = network, _schema = _schema, _lastOptions = options?.Clone(), _resume = resume };
            copy._history.AppendFrom(_history);
            copy.Optimizer = optimizer?.CloneFor(network);
            return copy;
        }

        private static void ValidateInitialWeights(NetworkSpec spec)
        {
            if (!spec.InputSize.HasValue || !spec.OutputSize.HasValue)
                throw new NeuralNetException("InitialWeightsNeedLayerSizes", ErrorKind.InvalidArgument,
                    "-InitialWeights needs every layer size: use -LayerSizes (input, hidden…, output) with it.");
            var sizes = new[] { spec.InputSize.Value }.Concat(spec.HiddenSizes).Concat(new[] { spec.OutputSize.Value }).ToArray();
            var w = spec.InitialWeights;
            if (w.Length != sizes.Length - 1)
                throw new NeuralNetException("InitialWeightsShapeMismatch", ErrorKind.InvalidArgument,
                    $"-InitialWeights has {w.Length} matrices but the network has {sizes.Length - 1} layers of weights; " +
                    "give one inputs × units matrix per layer.");
            for (int l = 0; l < w.Length; l++)
            {
                string expected = $"{sizes[l]} × {sizes[l + 1]} (inputs × units)";
                if (w[l] == null || w[l].Length != sizes[l])
                    throw new NeuralNetException("InitialWeightsShapeMismatch", ErrorKind.InvalidArgument,
                        $"-InitialWeights layer {l + 1} must be {expected}, but it has {w[l]?.Length ?? 0} rows.");
                for (int i = 0; i < sizes[l]; i++)
                {
                    if (w[l][i] == null || w[l][i].Length != sizes[l + 1])
                        throw new NeuralNetException("InitialWeightsShapeMismatch", ErrorKind.InvalidArgument,
                            $"-InitialWeights layer {l + 1} must be {expected}, but row {i + 1} has {w[l][i]?.Length ?? 0} values.");
                    foreach (var value in w[l][i])
                        if (double.IsNaN(value) || double.IsInfinity(value))
                            throw new NeuralNetException("InitialWeightsNotFinite", ErrorKind.InvalidArgument,
                                $"-InitialWeights layer {l + 1}, row {i + 1} holds {value}; every weight must be a finite number.");
                }
            }
            var b = spec.InitialBiases;
            if (b == null) return;
            if (!spec.HasBias)
                throw new NeuralNetException("InitialBiasesWithoutBias", ErrorKind.InvalidArgument,
                    "-InitialBiases was given for a network created with -NoBias; drop one of them.");
            if (b.Length != sizes.Length - 1)
                throw new NeuralNetException("InitialBiasesShapeMismatch", ErrorKind.InvalidArgument,
                    $"-InitialBiases has {b.Length} vectors but the network has {sizes.Length - 1} layers; give one per layer.");
            for (int l = 0; l < b.Length; l++)
                if (b[l] == null || b[l].Length != sizes[l + 1])
                    throw new NeuralNetException("InitialBiasesShapeMismatch", ErrorKind.InvalidArgument,
                        $"-InitialBiases layer {l + 1} must have {sizes[l + 1]} values (one per unit), but has {b[l]?.Length ?? 0}.");
        }
    }
}
