using NeuralNet.Core.Model;

namespace NeuralNet.Core.Persistence
{
    /// <summary>
    /// The "network" object of a model file: the spec and, once built, every layer's weights at full
    /// precision. Every size and length is checked, against the others and against the parameter
    /// cap (<see cref="NetworkLimits"/>), before any layer is allocated.
    /// </summary>
    internal static class NetworkFormat
    {
        public static void Write(DocumentWriter w, NeuralNetworkModel model)
        {
            var spec = model.Spec;
            w.Name("network");
            w.Open('{');
            // Once built, the sizes and the output activation are the layers' (the spec keeps what was asked).
            w.Property("inputSize", DocumentWriter.Int(model.Network?.InputSize ?? spec.InputSize));
            w.Property("hiddenSizes", "[" + string.Join(", ", spec.HiddenSizes.Select(h => h.ToString(CultureInfo.InvariantCulture))) + "]");
            w.Property("outputSize", DocumentWriter.Int(model.Network?.OutputSize ?? spec.OutputSize));
            w.Property("hiddenActivation", Json.Quote(spec.HiddenActivation.ToString()));
            w.Property("outputActivation", model.OutputActivation.HasValue ? Json.Quote(model.OutputActivation.Value.ToString()) : "null");
            w.Property("hasBias", DocumentWriter.Bool(spec.HasBias));
            w.Property("seed", spec.Seed.ToString(CultureInfo.InvariantCulture));
            w.Property("weightInit", Json.Quote(spec.WeightInit.ToString()));
            w.Property("precision", Json.Quote(spec.Precision.ToString()));
            if (model.Network == null) w.Property("layers", "null");
            else
            {
                w.Objects("layers", model.Network.Layers, layer =>
                {
                    w.Property("inputs", layer.Inputs.ToString(CultureInfo.InvariantCulture));
                    w.Property("units", layer.Units.ToString(CultureInfo.InvariantCulture));
                    w.Property("activation", Json.Quote(layer.Activation.ToString()));
                    w.Property("softmaxGroups", layer.SoftmaxGroups == null ? "null" : "[" + string.Join(", ", layer.SoftmaxGroups) + "]");
                    w.Property("weights", DocumentWriter.Numbers(layer.Weights));
                    w.Property("bias", layer.HasBias ? DocumentWriter.Numbers(layer.Bias) : "null");
                });
            }
            w.Close('}');
        }

        /// <summary>The spec as the file records it, and the layers when the network was built.</summary>
        public static (NetworkSpec Spec, Network Network) Read(DocumentNode n, string source)
        {
            // Files written before single precision existed have no "precision": they are double.
            var precision = n.OptionalField("precision");
            var spec = new NetworkSpec(
                inputSize: n.Field("inputSize").NullableInt(1, NeuralNetworkModel.MaxLayerSize),
                hiddenSizes: n.Field("hiddenSizes").Items().Select(i => i.Int(1, NeuralNetworkModel.MaxLayerSize)).ToArray(),
                outputSize: n.Field("outputSize").NullableInt(1, NeuralNetworkModel.MaxLayerSize),
                hiddenActivation: n.Field("hiddenActivation").Enum<Activation>(),
                outputActivation: n.Field("outputActivation").IsNull ? (Activation?)null : n.Field("outputActivation").Enum<Activation>(),
                hasBias: n.Field("hasBias").Bool(),
                seed: n.Field("seed").Int(int.MinValue, int.MaxValue),
                weightInit: n.Field("weightInit").Enum<WeightInit>(),
                precision: precision.IsNull ? Precision.Double : precision.Enum<Precision>());
            long least = NetworkLimits.ParameterCount(spec.Sizes.Select(s => s ?? 0).ToArray(), spec.HasBias);
            if (least > NetworkLimits.MaxParameters)
                throw ModelFile.Invalid(source, $"its layer sizes need {(spec.InputSize.HasValue && spec.OutputSize.HasValue ? "" : "at least ")}{NetworkLimits.Describe(least)}, " +
                    $"more than the {NetworkLimits.Describe(NetworkLimits.MaxParameters)} a network may have (at network)");
            var layersNode = n.Field("layers");
            return (spec, layersNode.IsNull ? null : Layers(layersNode, spec, source));
        }

        private static Network Layers(DocumentNode node, NetworkSpec spec, string source)
        {
            var items = node.Items().ToList();
            if (items.Count != spec.HiddenSizes.Count + 1)
                throw ModelFile.Invalid(source, $"it declares {spec.HiddenSizes.Count} hidden layers but has {items.Count} layers of weights (at {node.Path})");
            // Sizes first, all of them, before any weight array is copied.
            var shapes = items.Select(i => (Inputs: i.Field("inputs").Int(1, NeuralNetworkModel.MaxLayerSize), Units: i.Field("units").Int(1, NeuralNetworkModel.MaxLayerSize))).ToList();
            for (int l = 0; l < shapes.Count; l++)
            {
                int expectedUnits = l < spec.HiddenSizes.Count ? spec.HiddenSizes[l] : spec.OutputSize ?? shapes[l].Units;
                if (shapes[l].Units != expectedUnits || (l > 0 && shapes[l].Inputs != shapes[l - 1].Units) || (l == 0 && spec.InputSize.HasValue && shapes[0].Inputs != spec.InputSize))
                    throw ModelFile.Invalid(source, $"layer {l + 1} is {shapes[l].Inputs} × {shapes[l].Units}, which does not fit the sizes around it (at {items[l].Path})");
            }
            long parameters = NetworkLimits.ParameterCount(new[] { shapes[0].Inputs }.Concat(shapes.Select(s => s.Units)).ToArray(), spec.HasBias);
            if (parameters > NetworkLimits.MaxParameters)
                throw ModelFile.Invalid(source, $"its layers declare {NetworkLimits.Describe(parameters)}, more than the {NetworkLimits.Describe(NetworkLimits.MaxParameters)} a network may have (at {node.Path})");
            // Every array's length against its shape, before any layer is allocated.
            for (int l = 0; l < items.Count; l++)
            {
                items[l].Field("weights").RequireLength((long)shapes[l].Inputs * shapes[l].Units);
                var bias = items[l].Field("bias");
                if (spec.HasBias) bias.RequireLength(shapes[l].Units);
                else if (!bias.IsNull) throw ModelFile.Invalid(source, $"the network has no biases, but layer {l + 1} lists some (at {bias.Path})");
            }
            var layers = new List<DenseLayer>();
            for (int l = 0; l < items.Count; l++)
            {
                var item = items[l];
                var activation = item.Field("activation").Enum<Activation>();
                var groupsNode = item.Field("softmaxGroups");
                int[] groups = groupsNode.IsNull ? null : groupsNode.Items().Select(g => g.Int(1, NeuralNetworkModel.MaxLayerSize)).ToArray();
                if (groups != null && (activation != Activation.Softmax || groups.Sum() != shapes[l].Units))
                    throw ModelFile.Invalid(source, $"its softmax groups do not add up to the layer's {shapes[l].Units} units (at {groupsNode.Path})");
                var layer = new DenseLayer(shapes[l].Inputs, shapes[l].Units, activation, spec.HasBias, groups);
                item.Field("weights").Numbers(layer.Weights);
                if (spec.HasBias) item.Field("bias").Numbers(layer.Bias);
                layers.Add(layer);
            }
            if (spec.OutputActivation.HasValue && layers[layers.Count - 1].Activation != spec.OutputActivation.Value)
                throw ModelFile.Invalid(source, $"the output layer's activation is {layers[layers.Count - 1].Activation} but the network declares {spec.OutputActivation} (at {node.Path})");
            return new Network(layers);
        }
    }
}
