using static NeuralNet.Core.Persistence.Onnx.GraphBuilder;
using DataType = Onnx.TensorProto.Types.DataType;

namespace NeuralNet.Core.Persistence.Onnx
{
    /// <summary>
    /// A Single network's float32 product x·W, summed the way the module's kernels sum it: for each
    /// output, s = 0, then s = s + x_p·w_p for p = 0, 1, … in order, each product and each sum rounded
    /// to float32, never fused (MatrixKernels keeps this order as an invariant). A float32 MatMul sums
    /// in another order (blocked, with fused multiply-adds); its rounding differs from the module's by
    /// about 2^-24 of the terms' magnitude, which is a relative error of 1e-4 in a probability of 1e-12.
    /// The graph expresses the ordered sum as a Scan over the k rows of W, whose body adds
    /// x[:, p]·W[p, :] (one [N, units] Mul and one Add, both float32) to the running sum.
    /// </summary>
    internal static class SingleProduct
    {
        /// <summary>Adds the product of the float32 [N, inputs] <paramref name="x"/> and W; returns the float32 [N, units] result.</summary>
        public static string Add(GraphBuilder graph, string x, double[] weights, int inputs, int units, string name)
        {
            var w = graph.ConstantSingle(name, weights, inputs, units);
            // The running sum starts as float32 zeros of shape [N, units].
            var rows = graph.Node("Gather", new[] { graph.Node("Shape", new[] { x }), graph.Constant("first", new[] { 0L }, 1) }, null, Attribute("axis", 0L));
            var shape = graph.Node("Concat", new[] { rows, graph.Constant("units", new[] { (long)units }, 1) }, null, Attribute("axis", 0L));
            var zeros = graph.Node("ConstantOfShape", new[] { shape }, null, Attribute("value", SingleValue(0f)));
            // Scanned along axis 0: xᵀ gives column p of x, W gives row p.
            var columns = graph.Node("Transpose", new[] { x }, null);

            var body = graph.Subgraph("ordered_sum");
            string sumIn = body.Fresh("sum_in"), column = body.Fresh("x_p"), row = body.Fresh("w_p");
            body.Input(sumIn, DataType.Float, null, units);
            body.Input(column, DataType.Float, (long?)null);
            body.Input(row, DataType.Float, units);
            var term = body.Node("Mul", new[] { body.Node("Unsqueeze", new[] { column, body.Constant("axis", new[] { 1L }, 1) }), row });
            var sumOut = body.Node("Add", new[] { sumIn, term });
            body.Output(sumOut, DataType.Float, null, units);

            var result = graph.Fresh("product");
            graph.Nodes("Scan", new[] { zeros, columns, w }, new[] { result }, null,
                Attribute("body", body.Graph), Attribute("num_scan_inputs", 2L));
            return result;
        }
    }
}
