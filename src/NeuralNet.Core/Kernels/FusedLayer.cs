using NeuralNet.Core.Activations;

namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// A dense layer's forward product and its backward error product, with the layer arithmetic fused
    /// into the product's epilogue (double precision). Tiny products keep the separate passes of the
    /// plain loop, so the tutorial's numbers do not change.
    /// </summary>
    internal static class FusedLayer
    {
        /// <summary>
        /// Z = X·W (+ bias), A = f(Z) for <paramref name="rows"/> rows: X (rows × inputs), W (inputs × units),
        /// Z and A (rows × units). Softmax (rows split into <paramref name="groups"/>, or whole) is applied
        /// after the product, as it needs whole rows.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static void Forward(double[] x, double[] weights, double[] bias, Activation activation, double[] z, double[] a, int rows, int inputs, int units, int[] groups = null)
        {
            var function = activation.Function();
            bool elementwise = function.IsElementwise;
            if (MatrixKernels.IsTiny(rows, inputs, units) || (!elementwise && bias == null))
            {
                MatrixKernels.Multiply(x, weights, z, rows, inputs, units);
                if (bias != null) MatrixKernels.AddRowVector(z, bias, rows, units);
                function.Forward(z, a, rows * units, units, groups);
                return;
            }
            unsafe
            {
                // Softmax: the epilogue adds the bias only (no activation array), the softmax follows.
                var epilogue = new Epilogue(EpilogueKind.BiasActivation, function, null, null, null);
                MatrixKernels.Packed(x, inputs, 1, weights, units, 1, z, rows, inputs, units, epilogue, bias, null, elementwise ? a : null);
            }
            if (!elementwise) function.Forward(z, a, rows * units, units, groups);
        }

        /// <summary>
        /// The error of the layer below: previous = (δ·Wᵀ) ⊙ f′(z) with δ (rows × units), W (inputs × units)
        /// and z, a, previous (rows × inputs) of the layer below, whose activation is <paramref name="activation"/>.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static void Backward(double[] delta, double[] weights, double[] previous, Activation activation, double[] z, double[] a, int rows, int units, int inputs, int[] groups = null)
        {
            var function = activation.Function();
            bool elementwise = function.IsElementwise;
            if (units == 1 || MatrixKernels.IsTiny(rows, units, inputs) || !elementwise || activation == Activation.Identity)
            {
                MatrixKernels.MultiplyTransposeB(delta, weights, previous, rows, units, inputs);
                function.Backward(z, a, previous, rows * inputs, inputs, groups);
                return;
            }
            unsafe
            {
                var epilogue = new Epilogue(EpilogueKind.Derivative, function, null, null, null);
                MatrixKernels.Packed(delta, units, 1, weights, 1, units, previous, rows, units, inputs, epilogue, null, z, a);
            }
        }
    }
}
