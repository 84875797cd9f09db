using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;

namespace NeuralNet.Core.Persistence
{
    /// <summary>
    /// The "optimizer" object of a model file (format version 2 on): the update rule's kind, settings,
    /// step count and every state array (Adam's moments, momentum's velocity, RMSProp's mean squares,
    /// Rprop's step sizes and last gradients), one array per parameter block at full precision, so a
    /// loaded network steps on exactly as the saved one would. Lengths are checked against the layers
    /// before anything is filled; values that would make a step meaningless (a negative second moment,
    /// an Rprop step outside its bounds) are refused.
    /// </summary>
    internal static class OptimizerFormat
    {
        public static void Write(DocumentWriter w, Optimizer optimizer)
        {
            if (!w.OpenObject("optimizer", optimizer)) return;
            w.Property("kind", Json.Quote(optimizer.Kind.ToString()));
            w.Property("nesterov", DocumentWriter.Bool(optimizer.Nesterov));
            w.Property("learningRate", Json.Number(optimizer.LearningRate));
            w.Property("weightDecay", Json.Number(optimizer.WeightDecay));
            w.Property("steps", optimizer.Steps.ToString(CultureInfo.InvariantCulture));
            w.Name("state");
            w.Open('{');
            foreach (var state in optimizer.State)
            {
                w.Name(state.Key);
                w.Open('[');
                foreach (var block in state.Value)
                {
                    w.Item();
                    w.Inline(DocumentWriter.Numbers(block));
                }
                w.Close(']');
            }
            w.Close('}');
            w.Close('}');
        }

        /// <summary>The optimizer a file records for <paramref name="network"/>, or null; <paramref name="network"/> is null for a network not yet built.</summary>
        public static Optimizer Read(DocumentNode node, Network network, string source)
        {
            if (node.IsNull) return null;
            if (network == null) throw ModelFile.Invalid(source, $"it has optimizer state but no layers (at {node.Path})");
            var kind = node.Field("kind").Enum<OptimizerKind>();
            if (!kind.Rule().IsUpdateRule) throw node.Field("kind").Error($"an update rule ({kind} keeps no state between calls)");
            double rate = node.Field("learningRate").Number(0, double.MaxValue);
            double decay = node.Field("weightDecay").Number(0, double.MaxValue);
            double steps = node.Field("steps").Number(0, 9e15);
            if (steps != System.Math.Floor(steps)) throw node.Field("steps").Error("a whole number of at least 0");
            var optimizer = kind.Rule().Create(network, rate, decay, node.Field("nesterov").Bool());
            optimizer.LearningRate = rate;
            optimizer.RestoreSteps((long)steps);
            var stateNode = node.Field("state");
            if (!(stateNode.Value is JsonObject stored)) throw stateNode.Error("an object");
            var expected = optimizer.State;
            var unexpected = stored.Keys.FirstOrDefault(k => expected.All(e => e.Key != k));
            if (unexpected != null) throw ModelFile.Invalid(source, $"{kind} keeps no state named '{unexpected}' (at {stateNode.Path})");
            var blocks = network.ParameterBlocks;
            // Every length first, against the layers, before any value is copied.
            foreach (var state in expected)
            {
                var items = stateNode.Field(state.Key).Items().ToList();
                if (items.Count != blocks.Length)
                    throw ModelFile.Invalid(source, $"{items.Count} state arrays where the network has {blocks.Length} parameter blocks (at {stateNode.Path}.{state.Key})");
                for (int b = 0; b < blocks.Length; b++) items[b].RequireLength(blocks[b].Length);
            }
            foreach (var state in expected)
            {
                var items = stateNode.Field(state.Key).Items().ToList();
                for (int b = 0; b < blocks.Length; b++)
                {
                    items[b].Numbers(state.Value[b]);
                    Check(optimizer, state.Key, state.Value[b], items[b], source);
                }
            }
            return optimizer;
        }

        /// <summary>Each state value within the bounds its rule gives (<see cref="Optimizer.StateBounds"/>): a negative second moment or an Rprop step outside its range would make a step meaningless.</summary>
        private static void Check(Optimizer optimizer, string name, double[] values, DocumentNode node, string source)
        {
            var (min, max) = optimizer.StateBounds(name);
            var kind = optimizer.Kind;
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] < min || values[i] > max)
                    throw ModelFile.Invalid(source, string.Format(CultureInfo.InvariantCulture,
                        max == double.PositiveInfinity ? "{0} is negative, but {3} divides its steps by the square root of this value (at {4}[{5}])"
                            : "{0} is outside {1} to {2}, the bounds of {3}'s step sizes (at {4}[{5}])", values[i], min, max, kind, node.Path, i));
            }
        }
    }
}
