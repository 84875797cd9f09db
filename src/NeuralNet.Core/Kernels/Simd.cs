using System.Numerics;

namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// The few vector operations the packed product needs, for one instruction set and element type.
    /// Implemented by empty structs, so the JIT compiles the driver and micro-kernel once per
    /// implementation with every call inlined: one source serves AVX-512, AVX2 and the portable
    /// <see cref="Vector{T}"/>, in both precisions and both builds.
    /// </summary>
    /// <typeparam name="T">double or float.</typeparam>
    /// <typeparam name="TVector">The vector type: Vector512&lt;T&gt;, Vector256&lt;T&gt; or Vector&lt;T&gt;.</typeparam>
    internal interface ISimd<T, TVector> where T : unmanaged where TVector : struct
    {
        /// <summary>Elements per vector.</summary>
        int Width { get; }

        /// <summary>Rows of C a micro-tile keeps in registers (its columns are two vectors): as many as the registers hold.</summary>
        int TileRows { get; }

        /// <summary>
        /// The other height a micro-tile can have, taken where it pads C's rows less: 10 rows (AVX-512)
        /// or 5 fit the transposed products of a 10-class output layer exactly, which 8 or 6 pad to 16 or 12.
        /// </summary>
        int SecondTileRows { get; }

        /// <summary>
        /// Rows of a micro-tile one vector wide, for a C no wider than a vector (a 10-class layer in float32
        /// on AVX-512, 3 classes in float64): two vectors would compute columns that are not there.
        /// </summary>
        int NarrowTileRows { get; }

        /// <summary>Which path this is, for reports and tests.</summary>
        KernelPath Path { get; }

        TVector Zero { get; }

        unsafe TVector Load(T* source);

        unsafe void Store(T* target, TVector value);

        /// <summary>The value at <paramref name="source"/> in every lane.</summary>
        unsafe TVector Broadcast(T* source);

        /// <summary>sum + a·b: fused (one rounding) where the instruction set has FMA, else rounded after the product and after the sum.</summary>
        TVector MultiplyAdd(TVector a, TVector b, TVector sum);
    }

    /// <summary>
    /// <see cref="Vector{T}"/> without fused multiply-add: the netstandard2.0 build's kernel, and the
    /// net8.0 build's on processors without AVX2 (Arm64 included). Each step rounds like the plain loop,
    /// so its products equal the plain loop's bit for bit.
    /// </summary>
    internal struct PortableSimd<T> : ISimd<T, Vector<T>> where T : unmanaged
    {
        public int Width
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => Vector<T>.Count;
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

        public KernelPath Path => KernelPath.Portable;

        public Vector<T> Zero
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => Vector<T>.Zero;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe Vector<T> Load(T* source) => *(Vector<T>*)source;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe void Store(T* target, Vector<T> value) => *(Vector<T>*)target = value;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe Vector<T> Broadcast(T* source) => new Vector<T>(*source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> MultiplyAdd(Vector<T> a, Vector<T> b, Vector<T> sum) => sum + a * b;
    }
}
