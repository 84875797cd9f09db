using Google.Protobuf;
using NeuralNet.Core.Data;
using NeuralNet.Core.Model;
using Onnx;

namespace NeuralNet.Core.Persistence.Onnx
{
    /// <summary>
    /// Writes a trained network as an ONNX model whose graph maps a row to its prediction on its own:
    /// the column inputs, their one-hot encoding and scaling, the layers, and the decoding into labels,
    /// probabilities and numbers in the targets' units (docs/onnx.md describes the graph). The
    /// protobuf is written by Google.Protobuf through OnnxSharp's classes generated from onnx.proto3.
    /// </summary>
    public static class OnnxExport
    {
        /// <summary>The default (ai.onnx) operator set the graph uses.</summary>
        public const long OpsetVersion = 17;

        /// <summary>The ai.onnx.ml operator set, imported only when a string column needs OneHotEncoder.</summary>
        public const long MlOpsetVersion = 3;

        /// <summary>IR version 8, the one that goes with opset 17.</summary>
        public const long IrVersion = 8;

        public const string ProducerName = "NeuralNet.PowerShell";

        /// <summary>
        /// Writes <paramref name="model"/> to <paramref name="destination"/> as an ONNX model. Nothing is
        /// written when the network cannot be exported: the error comes before the first byte.
        /// </summary>
        /// <param name="model">A trained network.</param>
        /// <param name="destination">Where the model's bytes go; left open.</param>
        /// <param name="moduleVersion">Recorded as the producer version and in the metadata.</param>
        /// <param name="unknownCategory">
        /// What the graph does with a category training never saw, as Get-NetworkPrediction's
        /// -UnknownCategory: Error makes the run fail, Ignore encodes it as none of the known ones.
        /// </param>
        public static void Write(NeuralNetworkModel model, Stream destination, string moduleVersion,
            UnknownCategoryPolicy unknownCategory = UnknownCategoryPolicy.Error)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            var bytes = Build(model, moduleVersion, unknownCategory).ToByteArray();
            destination.Write(bytes, 0, bytes.Length);
        }

        /// <summary>The whole ONNX model as protobuf classes.</summary>
        internal static ModelProto Build(NeuralNetworkModel model, string moduleVersion, UnknownCategoryPolicy unknownCategory)
        {
            var exported = ExportedModel.From(model);
            var graph = new GraphBuilder("NeuralNet", FeatureEncoding.InputNames(exported).Concat(TargetDecoding.OutputNames(exported)));
            var x = FeatureEncoding.Add(graph, exported, unknownCategory == UnknownCategoryPolicy.Ignore);
            var y = LayerStack.Add(graph, exported, x);
            TargetDecoding.Add(graph, exported, y);
            graph.Graph.DocString = Describe(exported);

            var proto = new ModelProto
            {
                IrVersion = IrVersion,
                ProducerName = ProducerName,
                ProducerVersion = moduleVersion ?? "",
                Graph = graph.Graph,
            };
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
            if (graph.UsesMlDomain) proto.OpsetImport.Add(new OperatorSetIdProto { Domain = GraphBuilder.MlDomain, Version = MlOpsetVersion });
            foreach (var entry in OnnxMetadata.For(exported, moduleVersion, unknownCategory))
                proto.MetadataProps.Add(new StringStringEntryProto { Key = entry.Key, Value = entry.Value });
            return proto;
        }

        private static string Describe(ExportedModel model) =>
            $"A {string.Join("-", new[] { model.InputWidth }.Concat(model.Layers.Select(l => l.Units)))} feed-forward network " +
            $"({(model.Single ? "float32 products" : "float64")}) trained by {ProducerName}.";
    }
}
