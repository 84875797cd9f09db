using System;
using System.Linq;
using NeuralNet.Core;
using NeuralNet.Core.Model;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>Every activation of the table against its textbook formula, and its derivative against finite differences.</summary>
    public class ActivationTests
    {
        // Plain references, written out independently of the module's code.
        private static double Reference(Activation activation, double z)
        {
            switch (activation)
            {
                case Activation.Sigmoid: return 1 / (1 + Math.Exp(-z));
                case Activation.Tanh: return Math.Tanh(z);
                case Activation.ReLU: return Math.Max(z, 0);
                case Activation.LeakyReLU: return z > 0 ? z : 0.01 * z;
                case Activation.ELU: return z > 0 ? z : Math.Exp(z) - 1;
                case Activation.Identity: return z;
                default: throw new ArgumentException(activation.ToString());
            }
        }

        public static TheoryData<Activation> Elementwise() =>
            Table(Enum.GetValues(typeof(Activation)).Cast<Activation>().Where(a => a != Activation.Softmax));

        private static TheoryData<Activation> Table(System.Collections.Generic.IEnumerable<Activation> values)
        {
            var data = new TheoryData<Activation>();
            foreach (var v in values) data.Add(v);
            return data;
        }

        // An odd length, so the vector loops and their scalar tails both run; zero is included for the kinks.
        private static double[] Inputs()
        {
            var random = new Random(11);
            var z = Enumerable.Range(0, 37).Select(_ => random.NextDouble() * 8 - 4).ToArray();
            z[5] = 0;
            return z;
        }

        [Fact]
        public void Every_activation_has_a_function_of_its_own_kind()
        {
            foreach (Activation activation in Enum.GetValues(typeof(Activation)))
                Assert.Equal(activation, activation.Function().Kind);
            Assert.Throws<ArgumentOutOfRangeException>(() => ((Activation)99).Function());
        }

        [Theory]
        [MemberData(nameof(Elementwise))]
        public void Forward_matches_the_formula(Activation activation)
        {
            var z = Inputs();
            var a = new double[z.Length];
            activation.Function().Forward(z, a, z.Length, z.Length);
            for (int i = 0; i < z.Length; i++) Assert.Equal(Reference(activation, z[i]), a[i], 14);
        }

        [Theory]
        [MemberData(nameof(Elementwise))]
        public void Backward_matches_finite_differences(Activation activation)
        {
            var z = Inputs();
            z[5] = 0.25; // away from the kink, where the derivative is defined
            var a = new double[z.Length];
            var function = activation.Function();
            function.Forward(z, a, z.Length, z.Length);
            var grad = Enumerable.Range(0, z.Length).Select(i => 0.5 + i * 0.1).ToArray();
            var upstream = (double[])grad.Clone();
            function.Backward(z, a, grad, z.Length, z.Length);
            const double h = 1e-6;
            for (int i = 0; i < z.Length; i++)
            {
                double numeric = (Reference(activation, z[i] + h) - Reference(activation, z[i] - h)) / (2 * h);
                Assert.Equal(upstream[i] * numeric, grad[i], 6);
            }
        }

        [Fact]
        public void Softmax_rows_and_groups_are_probabilities_and_its_backward_is_the_jacobian_product()
        {
            var z = new[] { 1.0, 2.0, 3.0, -1.0, 0.5 };
            var a = new double[5];
            var softmax = Activation.Softmax.Function();
            softmax.Forward(z, a, 5, 5, new[] { 3, 2 });
            double first = Math.Exp(1) + Math.Exp(2) + Math.Exp(3), second = Math.Exp(-1) + Math.Exp(0.5);
            Assert.Equal(Math.Exp(3) / first, a[2], 14);
            Assert.Equal(Math.Exp(0.5) / second, a[4], 14);
            var g = new[] { 0.3, -0.2, 0.7, 1.0, -1.0 };
            var grad = (double[])g.Clone();
            softmax.Backward(z, a, grad, 5, 5, new[] { 3, 2 });
            // dL/dz_j = Σ_i g_i ∂s_i/∂z_j, with ∂s_i/∂z_j = s_i(δ_ij − s_j) within a group.
            for (int j = 0; j < 3; j++)
                Assert.Equal(Enumerable.Range(0, 3).Sum(i => g[i] * a[i] * ((i == j ? 1 : 0) - a[j])), grad[j], 14);
            Assert.False(softmax.IsElementwise);
        }

        [Fact]
        public void The_relu_family_is_initialised_by_he_and_bounded_outputs_are_known()
        {
            var he = new[] { Activation.ReLU, Activation.LeakyReLU, Activation.ELU };
            foreach (Activation activation in Enum.GetValues(typeof(Activation)))
                Assert.Equal(he.Contains(activation) ? WeightInit.He : WeightInit.Glorot, activation.Function().Initialisation);
            Assert.True(Activation.Sigmoid.Function().IsBounded);
            Assert.True(Activation.Tanh.Function().IsBounded);
            Assert.True(Activation.Softmax.Function().IsBounded);
            Assert.False(Activation.Identity.Function().IsBounded);
        }

        [Fact]
        public void Help_shows_the_nodes_the_exporter_writes()
        {
            Assert.Equal("Div(1, Add(1, Exp(Neg(z))))", Activation.Sigmoid.Function().OnnxNodes);
            Assert.Equal("Where(Greater(z, 0), z, Mul(z, 0.01))", Activation.LeakyReLU.Function().OnnxNodes);
            Assert.Equal("Softmax(z, axis = 1)", Activation.Softmax.Function().OnnxNodes);
            Assert.Equal("Relu(z)", Activation.ReLU.Function().OnnxNodes);
        }
    }
}
