namespace NeuralNet.Core.Losses
{
    /// <summary>
    /// A loss: its value and its gradient with respect to the output layer, and what the resolver needs
    /// to know of it. Every loss is a sum of per-element terms divided by a normaliser
    /// (<see cref="Normaliser"/>), so batch losses add up to the epoch's loss exactly and the mini-batch
    /// gradient is the gradient of the batch's mean loss. Arrays are batch × outputs, row-major.
    /// </summary>
    /// <remarks>
    /// Row weights (class and sample weights, scaled by <see cref="Data.DataSet"/> to a mean of 1 over the
    /// data) multiply each row's terms and their gradients; null weights are all 1, and leave every
    /// operation exactly as it is without weighting.
    /// </remarks>
    public abstract class LossFunction
    {
        /// <summary>Smallest probability fed to a logarithm, so log(0) never yields −∞.</summary>
        public const double ProbabilityFloor = 1e-15;

        public abstract Loss Kind { get; }

        /// <summary>A loss for numbers (regression) rather than classes.</summary>
        public virtual bool IsRegression => false;

        /// <summary>The output activation the loss is meant for: chosen when the network leaves it open.</summary>
        public virtual Activation NaturalOutput => Activation.Identity;

        /// <summary>What the summed loss of <paramref name="rows"/> rows of <paramref name="outputs"/> outputs is divided by.</summary>
        [MethodImpl(Hot.Optimize)]
        public virtual double Normaliser(int rows, int outputs) => (double)rows * outputs;

        /// <summary>
        /// The un-normalised loss Σ w_r·term(y, ŷ) over <paramref name="count"/> elements (rows of
        /// <paramref name="units"/>; softmax rows split into <paramref name="groups"/>), with
        /// <paramref name="weights"/> one per row or null.
        /// </summary>
        public abstract double Sum(Activation output, double[] z, double[] yhat, double[] y, int count, int units, int[] groups = null, double[] weights = null);

        /// <summary>
        /// dL/dz for the output layer, where L = Sum / <paramref name="normaliser"/>. A loss fused with its
        /// output activation (softmax with cross-entropy, sigmoid with binary cross-entropy) gives (ŷ − y)
        /// directly: cheaper, and exact where the chain rule through a saturated activation loses precision.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public void OutputGradient(Activation output, double[] z, double[] yhat, double[] y, double[] grad, int count, int units, double normaliser,
            int[] groups = null, double[] weights = null)
        {
            double inv = 1.0 / normaliser;
            bool fused = IsFusedWith(output);
            if (fused)
                for (int i = 0; i < count; i++) grad[i] = (yhat[i] - y[i]) * inv;
            else
                Gradient(yhat, y, grad, count, inv);
            if (weights != null) Weigh(grad, weights, count, units);
            if (!fused) output.Function().Backward(z, yhat, grad, count, units, groups);
        }

        /// <summary>True when dL/dz = (ŷ − y)/normaliser through <paramref name="output"/>.</summary>
        [MethodImpl(Hot.Optimize)]
        protected virtual bool IsFusedWith(Activation output) => false;

        /// <summary>grad[i] = ∂term/∂ŷ(y[i], ŷ[i]) · <paramref name="inv"/>.</summary>
        protected abstract void Gradient(double[] yhat, double[] y, double[] grad, int count, double inv);

        /// <summary>Multiplies each row of <paramref name="values"/> (rows of <paramref name="units"/>) by its weight.</summary>
        [MethodImpl(Hot.Optimize)]
        private static void Weigh(double[] values, double[] weights, int count, int units)
        {
            for (int r = 0, i = 0; i < count; r++)
            {
                double w = weights[r];
                for (int end = i + units; i < end; i++) values[i] *= w;
            }
        }

        public override string ToString() => Kind.ToString();
    }

    /// <summary>The per-element arithmetic of a loss, as a struct so the JIT inlines it into the loops of <see cref="ElementwiseLoss{TTerm}"/>.</summary>
    public interface ILossTerm
    {
        double Term(double y, double yhat);

        /// <summary>∂term/∂ŷ.</summary>
        double Derivative(double y, double yhat);
    }

    /// <summary>A loss that is a plain sum of per-element terms, its loops running <typeparamref name="TTerm"/> inlined.</summary>
    public abstract class ElementwiseLoss<TTerm> : LossFunction where TTerm : struct, ILossTerm
    {
        [MethodImpl(Hot.Optimize)]
        public override double Sum(Activation output, double[] z, double[] yhat, double[] y, int count, int units, int[] groups = null, double[] weights = null)
        {
            var term = default(TTerm);
            double sum = 0;
            if (weights == null)
            {
                for (int i = 0; i < count; i++) sum += term.Term(y[i], yhat[i]);
                return sum;
            }
            // Each term weighted as it is added, so weights of 1 give the unweighted sum to the bit.
            for (int r = 0, i = 0; i < count; r++)
            {
                double w = weights[r];
                for (int end = i + units; i < end; i++) sum += w * term.Term(y[i], yhat[i]);
            }
            return sum;
        }

        [MethodImpl(Hot.Optimize)]
        protected override void Gradient(double[] yhat, double[] y, double[] grad, int count, double inv)
        {
            var term = default(TTerm);
            for (int i = 0; i < count; i++) grad[i] = term.Derivative(y[i], yhat[i]) * inv;
        }
    }
}
