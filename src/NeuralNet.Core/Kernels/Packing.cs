namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// Copies blocks of A and B into the order the micro-tile reads them: slivers of A of TileRows rows,
    /// TileRows values per step of the shared dimension; slivers of B of two vectors, two vectors per
    /// step. Reads are contiguous in the micro-tile then, whatever the operand's strides, and a sliver
    /// stays in L1 while it is reused. Rows and columns past the matrix's edge are packed as zeros.
    /// </summary>
    internal static class Packing
    {
        /// <summary>
        /// Slivers <paramref name="first"/>…<paramref name="last"/> (exclusive) of the block of A with rows
        /// from <paramref name="row0"/> (of <paramref name="rows"/> in the block) and steps
        /// [<paramref name="p0"/>, p0 + <paramref name="kc"/>), each <c>tileRows·kc</c> long from <paramref name="packed"/>.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static unsafe void PackA<T>(in Operand<T> a, int row0, int rows, int p0, int kc, int tileRows, int first, int last, T* packed) where T : unmanaged
        {
            for (int s = first; s < last; s++)
            {
                int r0 = s * tileRows, height = rows - r0 < tileRows ? rows - r0 : tileRows;
                T* to = packed + (long)s * tileRows * kc;
                T* from = a.At(row0 + r0, p0);
                if (a.RowStride == 1 && height == tileRows)
                {
                    // A sliver's values of one step are adjacent (A is a transposed matrix, as Xᵀ in Xᵀ·δ): one
                    // block copy a step, of a size the JIT knows, so it is a vector move or two, not a loop.
                    int stride = a.ColumnStride;
                    switch (tileRows)
                    {
                        case 8:
                            for (int p = 0; p < kc; p++, from += stride, to += 8) Unsafe.CopyBlockUnaligned(to, from, (uint)(8 * sizeof(T)));
                            break;
                        case 6:
                            for (int p = 0; p < kc; p++, from += stride, to += 6) Unsafe.CopyBlockUnaligned(to, from, (uint)(6 * sizeof(T)));
                            break;
                        default:
                            for (int p = 0; p < kc; p++, from += stride, to += tileRows)
                                for (int r = 0; r < tileRows; r++) to[r] = from[r];
                            break;
                    }
                }
                else
                {
                    // Each row is read along the shared dimension (contiguous for a row-major A) and
                    // written every tileRows elements.
                    int rowStride = a.RowStride, stride = a.ColumnStride;
                    for (int r = 0; r < height; r++)
                    {
                        T* source = from + (long)r * rowStride;
                        T* target = to + r;
                        if (stride == 1) for (int p = 0; p < kc; p++, target += tileRows) *target = source[p];
                        else for (int p = 0; p < kc; p++, target += tileRows) *target = source[(long)p * stride];
                    }
                    for (int r = height; r < tileRows; r++)
                    {
                        T* target = to + r;
                        for (int p = 0; p < kc; p++, target += tileRows) *target = default;
                    }
                }
            }
        }

        /// <summary>
        /// Slivers <paramref name="first"/>…<paramref name="last"/> (exclusive) of the panel of B with steps
        /// [<paramref name="p0"/>, p0 + <paramref name="kc"/>) and columns from <paramref name="column0"/>
        /// (of <paramref name="columns"/> in the panel), each <c>kc·tileColumns</c> long from <paramref name="packed"/>
        /// (<paramref name="tileColumns"/>: one vector or two).
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static unsafe void PackB<T, TVector, TSimd>(in Operand<T> b, int p0, int kc, int column0, int columns, int first, int last, T* packed, int tileColumns)
            where T : unmanaged where TVector : struct where TSimd : struct, ISimd<T, TVector>
        {
            var simd = default(TSimd);
            int w = simd.Width;
            bool two = tileColumns == 2 * w;
            for (int s = first; s < last; s++)
            {
                int c0 = s * tileColumns, width = columns - c0 < tileColumns ? columns - c0 : tileColumns;
                T* to = packed + (long)s * tileColumns * kc;
                T* from = b.At(p0, column0 + c0);
                if (b.ColumnStride == 1 && width == tileColumns)
                {
                    // Rows of B are contiguous (a weight matrix, δ): two vector copies per step.
                    int stride = b.RowStride;
                    for (int p = 0; p < kc; p++, from += stride, to += tileColumns)
                    {
                        simd.Store(to, simd.Load(from));
                        if (two) simd.Store(to + w, simd.Load(from + w));
                    }
                }
                else if (b.ColumnStride == 1)
                {
                    // The last, narrower sliver of a row-major B (a 10-class layer's weights): row by row,
                    // its values and then zeros, so that reads and writes both run along memory.
                    int stride = b.RowStride;
                    for (int p = 0; p < kc; p++, from += stride, to += tileColumns)
                    {
                        int c = 0;
                        for (; c < width; c++) to[c] = from[c];
                        for (; c < tileColumns; c++) to[c] = default;
                    }
                }
                else
                {
                    int rowStride = b.RowStride, columnStride = b.ColumnStride;
                    for (int c = 0; c < width; c++)
                    {
                        T* source = from + (long)c * columnStride;
                        T* target = to + c;
                        if (rowStride == 1) for (int p = 0; p < kc; p++, target += tileColumns) *target = source[p];
                        else for (int p = 0; p < kc; p++, target += tileColumns) *target = source[(long)p * rowStride];
                    }
                    for (int c = width; c < tileColumns; c++)
                    {
                        T* target = to + c;
                        for (int p = 0; p < kc; p++, target += tileColumns) *target = default;
                    }
                }
            }
        }
    }
}
