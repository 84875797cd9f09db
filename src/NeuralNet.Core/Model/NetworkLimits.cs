namespace NeuralNet.Core.Model
{
    /// <summary>
    /// The largest network the module creates, trains, saves and loads, in one place so that every
    /// network that can be built can also be saved and read back. Sizes are checked against these
    /// before anything is allocated (docs/model-format.md, "Limits").
    /// </summary>
    public static class NetworkLimits
    {
        /// <summary>
        /// Weights and biases of one network: 2^25 = 33,554,432, that is 256 MiB of weights in double
        /// precision (training holds about four times that: gradients and optimizer moments). The bound
        /// comes from the file: a number takes at most 26 characters there, so the largest network still
        /// saves to a file under <see cref="MaxFileBytes"/>, and its JSON stays within what one .NET
        /// string can hold.
        /// </summary>
        public const long MaxParameters = 1L << 25;

        /// <summary>The largest network file Import-NeuralNetwork reads (1 GiB).</summary>
        public const long MaxFileBytes = 1L << 30;

        /// <summary>Bytes of one double-precision parameter.</summary>
        public const int BytesPerParameter = sizeof(double);

        /// <summary>
        /// Weights and biases of a chain of layer sizes, counted in 64 bits so that absurd sizes cannot
        /// wrap around (a sum beyond 64 bits saturates). A size of 0 (not known yet) counts as 1, which
        /// gives the least the network will have.
        /// </summary>
        public static long ParameterCount(IReadOnlyList<int> sizes, bool hasBias)
        {
            long total = 0;
            for (int l = 1; l < sizes.Count; l++)
            {
                long inputs = System.Math.Max(1, sizes[l - 1]), units = System.Math.Max(1, sizes[l]);
                long layer = inputs * units + (hasBias ? units : 0);
                total = total > long.MaxValue - layer ? long.MaxValue : total + layer;
            }
            return total;
        }

        /// <summary>
        /// Stops with NetworkTooLarge, naming the size in parameters and bytes, when the layer sizes
        /// (0 for one the data fixes later) need more than <see cref="MaxParameters"/>.
        /// </summary>
        public static void Check(IReadOnlyList<int> sizes, bool hasBias)
        {
            long count = ParameterCount(sizes, hasBias);
            if (count <= MaxParameters) return;
            bool partly = false;
            var layers = new string[sizes.Count];
            for (int l = 0; l < sizes.Count; l++)
            {
                partly |= sizes[l] == 0;
                layers[l] = sizes[l] == 0 ? "?" : sizes[l].ToString(CultureInfo.InvariantCulture);
            }
            throw new NeuralNetException("NetworkTooLarge", ErrorKind.InvalidArgument,
                $"The network {string.Join("-", layers)} would have {(partly ? "at least " : "")}{Describe(count)}, " +
                $"more than the {Describe(MaxParameters)} a network may have. Use fewer or narrower layers.");
        }

        /// <summary>"1,000,000 parameters (8,000,000 bytes in double precision)".</summary>
        public static string Describe(long parameters) =>
            string.Format(CultureInfo.InvariantCulture, "{0:N0} parameters ({1:N0} bytes in double precision)", parameters, (decimal)parameters * BytesPerParameter);
    }
}
