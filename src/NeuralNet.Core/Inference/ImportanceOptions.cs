using NeuralNet.Core.Options;
using NeuralNet.Core.Training;

namespace NeuralNet.Core.Inference
{
    /// <summary>How Get-NetworkFeatureImportance measures: the one source of its options, named as its parameters.</summary>
    public sealed class ImportanceOptions
    {
        /// <summary>Shuffles of each column; the importance is their mean score drop.</summary>
        [OptionRange(1, 10000)]
        public int Repeats { get; set; } = 5;

        /// <summary>Seeds the shuffles; null: the network's seed (<see cref="Resolver.SeedFor"/>).</summary>
        public int? Seed { get; set; }

        /// <summary>The score whose drop is measured; null: accuracy for classes, R² for numbers (<see cref="Resolver.MetricFor"/>).</summary>
        public Metric? Metric { get; set; }

        public void Validate() => OptionBinder.Validate(this);
    }
}
