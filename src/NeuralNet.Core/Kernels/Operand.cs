namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// A matrix as the packed product reads or writes it: element (i, j) at
    /// <c>Data[i·RowStride + j·ColumnStride]</c>. Strides let one driver serve A·B, Aᵀ·B and A·Bᵀ, and
    /// compute Cᵀ = Bᵀ·Aᵀ when that shape suits the micro-tile better.
    /// </summary>
    internal readonly unsafe struct Operand<T> where T : unmanaged
    {
        public readonly T* Data;
        public readonly int RowStride;
        public readonly int ColumnStride;

        public Operand(T* data, int rowStride, int columnStride)
        {
            Data = data;
            RowStride = rowStride;
            ColumnStride = columnStride;
        }

        public Operand<T> Transposed => new Operand<T>(Data, ColumnStride, RowStride);

        public T* At(int row, int column) => Data + ((long)row * RowStride + (long)column * ColumnStride);
    }
}
