using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using NeuralNet.Core;
using NeuralNet.Core.Activations;
using NeuralNet.Core.Data;
using NeuralNet.Core.Kernels;
using NeuralNet.Core.Losses;
using NeuralNet.Core.Model;
using NeuralNet.Core.Optimizers;
using NeuralNet.Core.Solvers;
using NeuralNet.Core.Training;
using Xunit;

namespace NeuralNet.Core.Tests
{
    /// <summary>
    /// The methods a training call runs per batch, per epoch or per cell are compiled fully optimised at
    /// their first call. Under tiered compilation they would start unoptimised, and inside PowerShell,
    /// which keeps compiling new script code, the runtime postponed their promotion for the whole call:
    /// W2 ran 20 % slower and its 10× call 25 % slower with these at tier 0. Found by running the
    /// workloads with DOTNET_TC_CallCountingDelayMs=0 and DOTNET_PerfMapEnabled=1: every core method
    /// the runtime promoted to tier 1 is on this list.
    /// </summary>
    public class CompiledOptimisedTests
    {
        public static TheoryData<Type, string> HotMethods() => new TheoryData<Type, string>
        {
            // Kernels: the dispatcher, the drivers and the team they run on.
            { typeof(MatrixKernels), "Dispatch" },
            { typeof(MatrixKernels), "RequireShapes" },
            { typeof(MatrixKernels), "TileRowsFor" },
            { typeof(MatrixKernels), "SplitsRows" },
            { typeof(MatrixKernels), "get_Path" },
            { typeof(MatrixKernels), "get_BestPath" },
            { typeof(MatrixKernels), "get_ForcedPath" },
            { typeof(MatrixKernels), "Plain" },
            { typeof(KernelTeam), "Run" },
            { typeof(KernelTeam), "Barrier" },
            { typeof(KernelTeam), "Loop" },
            { typeof(KernelTeam), "Pause" },
            { typeof(KernelTeam), "Start" },
            { typeof(KernelTeam), "Finish" },
            { typeof(KernelTeam), "Launch" },
            { typeof(ActivationFunction), "get_IsElementwise" },
            { typeof(SoftmaxFunction), "get_IsElementwise" },
            { typeof(KernelTeam), "get_ForCurrentThread" },
            { typeof(KernelTeam), "get_MaxThreads" },
            { typeof(PackedProduct<double, System.Numerics.Vector<double>, PortableSimd<double>>), "Run" },
            { typeof(PackedProduct<double, System.Numerics.Vector<double>, PortableSimd<double>>), "Execute" },
            { typeof(PackedProduct<double, System.Numerics.Vector<double>, PortableSimd<double>>), "get_ForCurrentThread" },
#if NET8_0_OR_GREATER
            { typeof(NarrowProduct), "Suits" },
            { typeof(NarrowProduct), "Run" },
            { typeof(NarrowProduct), "Start" },
#endif
            // Activations, losses and the optimizer step.
            { typeof(ActivationFunction), "Forward" },
            { typeof(ActivationFunction), "Backward" },
            { typeof(SoftmaxFunction), "Forward" },
            { typeof(SoftmaxFunction), "Backward" },
            { typeof(SoftmaxFunction), "Row" },
            { typeof(AdamOptimizer), "BeginStep" },
            // Every step: a small network's block by block, a large one's in claimed chunks.
            { typeof(Optimizer), "Step" },
            { typeof(Optimizer).GetNestedType("StepWork", BindingFlags.NonPublic), "Execute" },
            { typeof(Optimizer).GetNestedType("StepWork", BindingFlags.NonPublic), "Update" },
            { typeof(GradientDescentOptimizer), "UpdateBlock" },
            { typeof(GradientDescentOptimizer), "UpdateRange" },
            { typeof(GradientDescentOptimizer), "UpdateRangeFromSingle" },
            { typeof(AdamOptimizer), "UpdateBlock" },
            { typeof(AdamOptimizer), "UpdateRange" },
            { typeof(MomentumOptimizer), "UpdateBlock" },
            { typeof(RMSPropOptimizer), "UpdateBlock" },
            { typeof(RpropOptimizer), "UpdateBlock" },
            // The epoch's loop and bookkeeping.
            { typeof(EpochPass), "Run" },
            { typeof(EpochPass), "Shuffle" },
            { typeof(EpochPass), "Gather" },
            { typeof(EpochPass), "TakePrefetched" },
            { typeof(EpochBookkeeper), "Complete" },
            { typeof(EpochBookkeeper), "Notify" },
            { typeof(HistoryLog), "Append" },
            { typeof(NeuralNetworkModel), "AppendHistory" },
            // Virtual calls made per batch: the base and every override.
            { typeof(LossFunction), "Normaliser" },
            { typeof(CrossEntropyLoss), "Normaliser" },
            { typeof(SumSquaredErrorLoss), "Normaliser" },
            { typeof(LossFunction), "IsFusedWith" },
            { typeof(CrossEntropyLoss), "IsFusedWith" },
            { typeof(BinaryCrossEntropyLoss), "IsFusedWith" },
            { typeof(Optimizer), "BeginStep" },
            { typeof(Optimizer), "get_UpdatesRanges" },
            { typeof(GradientDescentOptimizer), "get_UpdatesRanges" },
            { typeof(AdamOptimizer), "get_UpdatesRanges" },
            { typeof(OutputGroup), "PredictedClass" },
            { typeof(MetricAccumulator), "ColumnMeans" },
            // Reading and encoding a table: per cell.
            { typeof(RawTable), "Add" },
            { typeof(RawTable), "<ParseRows>g__Parse|" },
            { typeof(ValueParser), "TryParse" },
            { typeof(ColumnStatistics), "OfNumericColumns" },
            { typeof(RowScan), "FirstBadRow" },
            { typeof(RowScan), "NeuralNet.Core.Kernels.ITeamWork.Execute" },
            { typeof(DataSet), "Width" },
            { typeof(DataSet), "Check" },
            { typeof(DataSet), "PrefetchFeatures" },
            { typeof(RawTable), "get_Item" },
            { typeof(TableEncoder), "<EncodeFeatures>g__EncodeBlock|" },
            { typeof(FeatureColumn), "EncodeColumn" },
            { typeof(NumericFeature), "EncodeColumn" },
            { typeof(TargetColumn), "EncodeColumn" },
            { typeof(ClassTarget), "EncodeColumn" },
            { typeof(ClassTarget), "Write" },
            { typeof(ValueTarget), "EncodeColumn" },
            { typeof(SchemaInference), "Target" },
            { typeof(SchemaInference), "IsNumericColumn" },
            { typeof(SchemaInference), "NumericArray" },
            { typeof(TableEncoder), "RowsToKeep" },
        };

        /// <summary>
        /// One-line lookups the per-batch code makes: inlined into their (optimised) callers. A method marked
        /// to be compiled optimised is not inlined, so the flag would turn each lookup into a call.
        /// </summary>
        public static TheoryData<Type, string> InlinedLookups() => new TheoryData<Type, string>
        {
            { typeof(ActivationTable), "Function" },
            { typeof(LossTable), "Function" },
            { typeof(ValueParser), "IsMissing" },
            // A cell's number and state, read per cell by statistics and encoding.
            { typeof(NumericColumn), "get_Item" },
            { typeof(NumericColumn), "StateAt" },
        };

        [Theory]
        [MemberData(nameof(InlinedLookups))]
        public void Hot_lookup_is_inlined_into_its_callers(Type type, string name)
        {
            var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance);
            Assert.NotNull(method);
            Assert.True((method.MethodImplementationFlags & MethodImplAttributes.AggressiveInlining) != 0, $"{type.Name}.{name} lacks [MethodImpl(Hot.Inline)].");
            Assert.True((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) == 0, $"{type.Name}.{name} is marked Hot.Optimize, which keeps it from being inlined.");
        }

        [Theory]
        [MemberData(nameof(HotMethods))]
        public void Hot_method_is_compiled_optimised_at_its_first_call(Type type, string name)
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            // A local function's compiled name is <Outer>g__Name|n_m, on a nested closure class when it captures: matched by its prefix.
            var methods = name.EndsWith("|")
                ? type.GetNestedTypes(all).Prepend(type).SelectMany(t => t.GetMethods(all)).Where(m => m.Name.StartsWith(name, StringComparison.Ordinal)).ToList()
                : type.GetMethods(all).Where(m => m.Name == name).ToList();
            Assert.NotEmpty(methods);
            // A forwarding overload that is inlined into its caller needs no flag of its own.
            var bodies = methods.Where(m => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveInlining) == 0 && !m.IsAbstract).ToList();
            Assert.NotEmpty(bodies);
            foreach (var method in bodies)
                Assert.True((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0,
                    $"{type.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))}) lacks [MethodImpl(Hot.Optimize)].");
        }
    }
}
