#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// 256-bit vectors with fused multiply-add (AVX2+FMA), 6 rows × 2 vectors of C per micro-tile: 12
    /// accumulators, two vectors of B and a broadcast fill 15 of the 16 registers.
    /// </summary>
    internal struct Avx2Simd<T> : ISimd<T, Vector256<T>> where T : unmanaged
    {
        public int Width
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => Vector256<T>.Count;
        }

        public int TileRows
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => 6;
        }

        public int SecondTileRows
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => 5;
        }

        public int NarrowTileRows
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => 12;
        }

        public KernelPath Path => KernelPath.Avx2;

        public Vector256<T> Zero
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => Vector256<T>.Zero;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe Vector256<T> Load(T* source) => Vector256.Load(source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe void Store(T* target, Vector256<T> value) => value.Store(target);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe Vector256<T> Broadcast(T* source) => Vector256.Create(*source);

        /// <remarks>
        /// Where the processor lacks FMA (only when a test forces this path), each lane is fused in
        /// software, so the result is the same as the instruction's.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> sum)
        {
            if (Fma.IsSupported)
            {
                if (typeof(T) == typeof(double)) return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), sum.AsDouble()).As<double, T>();
                if (typeof(T) == typeof(float)) return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), sum.AsSingle()).As<float, T>();
            }
            return Fused(a, b, sum);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Vector256<T> Fused(Vector256<T> a, Vector256<T> b, Vector256<T> sum)
        {
            var result = sum;
            for (int i = 0; i < Vector256<T>.Count; i++) result = result.WithElement(i, EmulatedFma.Lane(a.GetElement(i), b.GetElement(i), sum.GetElement(i)));
            return result;
        }
    }

    /// <summary>One lane of a fused multiply-add in software, for a path a test runs on a processor without it.</summary>
    internal static class EmulatedFma
    {
        public static T Lane<T>(T a, T b, T sum) where T : unmanaged
        {
            if (typeof(T) == typeof(double)) return (T)(object)Math.FusedMultiplyAdd((double)(object)a, (double)(object)b, (double)(object)sum);
            if (typeof(T) == typeof(float)) return (T)(object)MathF.FusedMultiplyAdd((float)(object)a, (float)(object)b, (float)(object)sum);
            throw new NotSupportedException($"Matrix kernels support double and float, not {typeof(T).Name}.");
        }
    }
}
#endif
