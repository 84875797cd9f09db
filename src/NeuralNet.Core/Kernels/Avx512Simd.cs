#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// 512-bit vectors with fused multiply-add (AVX-512F), 8 rows × 2 vectors of C per micro-tile: 16
    /// accumulators of the 32 registers. The same driver and micro-kernel source as AVX2, only wider.
    /// </summary>
    internal struct Avx512Simd<T> : ISimd<T, Vector512<T>> where T : unmanaged
    {
        public int Width
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => Vector512<T>.Count;
        }

        public int TileRows
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => 8;
        }

        public int SecondTileRows
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => 10;
        }

        public int NarrowTileRows
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => 16;
        }

        public KernelPath Path => KernelPath.Avx512;

        public Vector512<T> Zero
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => Vector512<T>.Zero;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe Vector512<T> Load(T* source) => Vector512.Load(source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe void Store(T* target, Vector512<T> value) => value.Store(target);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe Vector512<T> Broadcast(T* source) => Vector512.Create(*source);

        /// <remarks>
        /// Without AVX-512F (only when a test forces this path, as on CI machines without it) the
        /// vectors are emulated by the runtime and each lane is fused in software, so the driver, the
        /// tiles and the packing of this path are tested everywhere, with the instruction's results.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> sum)
        {
            if (Avx512F.IsSupported)
            {
                if (typeof(T) == typeof(double)) return Avx512F.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), sum.AsDouble()).As<double, T>();
                if (typeof(T) == typeof(float)) return Avx512F.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), sum.AsSingle()).As<float, T>();
            }
            return Fused(a, b, sum);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Vector512<T> Fused(Vector512<T> a, Vector512<T> b, Vector512<T> sum)
        {
            var result = sum;
            for (int i = 0; i < Vector512<T>.Count; i++) result = result.WithElement(i, EmulatedFma.Lane(a.GetElement(i), b.GetElement(i), sum.GetElement(i)));
            return result;
        }
    }
}
#endif
