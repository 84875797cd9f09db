namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// The innermost loop of the packed product: a tile of C of 5, 6, 8 or 10 rows × two vectors is
    /// held in registers while the shared dimension streams past, reading a sliver of A (A(r, p) at
    /// <c>a[r·rowStep + p·step]</c>: packed, as many values per step as the tile has rows, or in place)
    /// and a sliver of B (two vectors per step, <c>bStep</c> apart: packed, or a row-major B in place). Every element
    /// of C is summed in the order p = 0, 1, …, one multiply-add per step, so the result does not
    /// depend on the blocking or on how many threads share the product.
    /// </summary>
    internal static partial class MicroTile
    {
        /// <summary>
        /// C = (<paramref name="resume"/> ? C : 0) + Σ_p A(r, p)·B(p, j) for the tile of <paramref name="rows"/> rows and
        /// <paramref name="columns"/> columns (one vector or two) at
        /// <paramref name="c"/> (row stride <paramref name="ldc"/>), over <paramref name="kc"/> steps.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public static unsafe void Run<T, TVector, TSimd>(int rows, int columns, int kc, T* a, long rowStep, long step, T* b, long bStep, T* c, int ldc, bool resume)
            where T : unmanaged where TVector : struct where TSimd : struct, ISimd<T, TVector>
        {
            if (columns == default(TSimd).Width)
            {
                if (rows == 16) Narrow16<T, TVector, TSimd>(kc, a, rowStep, step, b, bStep, c, ldc, resume);
                else Narrow12<T, TVector, TSimd>(kc, a, rowStep, step, b, bStep, c, ldc, resume);
                return;
            }
            switch (rows)
            {
                case 8: Rows8<T, TVector, TSimd>(kc, a, rowStep, step, b, bStep, c, ldc, resume); return;
                case 6: Rows6<T, TVector, TSimd>(kc, a, rowStep, step, b, bStep, c, ldc, resume); return;
                case 10: Rows10<T, TVector, TSimd>(kc, a, rowStep, step, b, bStep, c, ldc, resume); return;
                default: Rows5<T, TVector, TSimd>(kc, a, rowStep, step, b, bStep, c, ldc, resume); return;
            }
        }

        [MethodImpl(Hot.Optimize)]
        private static unsafe void Rows6<T, TVector, TSimd>(int kc, T* a, long rowStep, long step, T* b, long bStep, T* c, int ldc, bool resume)
            where T : unmanaged where TVector : struct where TSimd : struct, ISimd<T, TVector>
        {
            var s = default(TSimd);
            int w = s.Width;
            T* c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
            TVector s00, s01, s10, s11, s20, s21, s30, s31, s40, s41, s50, s51;
            if (resume)
            {
                s00 = s.Load(c); s01 = s.Load(c + w);
                s10 = s.Load(c1); s11 = s.Load(c1 + w);
                s20 = s.Load(c2); s21 = s.Load(c2 + w);
                s30 = s.Load(c3); s31 = s.Load(c3 + w);
                s40 = s.Load(c4); s41 = s.Load(c4 + w);
                s50 = s.Load(c5); s51 = s.Load(c5 + w);
            }
            else
            {
                s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = s40 = s41 = s50 = s51 = s.Zero;
            }
            T* a1 = a + rowStep, a2 = a1 + rowStep, a3 = a2 + rowStep, a4 = a3 + rowStep, a5 = a4 + rowStep;
            for (long o = 0, end = kc * step; o != end; o += step, b += bStep)
            {
                var b0 = s.Load(b);
                var b1 = s.Load(b + w);
                var x = s.Broadcast(a + o);
                s00 = s.MultiplyAdd(x, b0, s00); s01 = s.MultiplyAdd(x, b1, s01);
                x = s.Broadcast(a1 + o);
                s10 = s.MultiplyAdd(x, b0, s10); s11 = s.MultiplyAdd(x, b1, s11);
                x = s.Broadcast(a2 + o);
                s20 = s.MultiplyAdd(x, b0, s20); s21 = s.MultiplyAdd(x, b1, s21);
                x = s.Broadcast(a3 + o);
                s30 = s.MultiplyAdd(x, b0, s30); s31 = s.MultiplyAdd(x, b1, s31);
                x = s.Broadcast(a4 + o);
                s40 = s.MultiplyAdd(x, b0, s40); s41 = s.MultiplyAdd(x, b1, s41);
                x = s.Broadcast(a5 + o);
                s50 = s.MultiplyAdd(x, b0, s50); s51 = s.MultiplyAdd(x, b1, s51);
            }
            s.Store(c, s00); s.Store(c + w, s01);
            s.Store(c1, s10); s.Store(c1 + w, s11);
            s.Store(c2, s20); s.Store(c2 + w, s21);
            s.Store(c3, s30); s.Store(c3 + w, s31);
            s.Store(c4, s40); s.Store(c4 + w, s41);
            s.Store(c5, s50); s.Store(c5 + w, s51);
        }

        [MethodImpl(Hot.Optimize)]
        private static unsafe void Rows8<T, TVector, TSimd>(int kc, T* a, long rowStep, long step, T* b, long bStep, T* c, int ldc, bool resume)
            where T : unmanaged where TVector : struct where TSimd : struct, ISimd<T, TVector>
        {
            var s = default(TSimd);
            int w = s.Width;
            T* c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc, c7 = c6 + ldc;
            TVector s00, s01, s10, s11, s20, s21, s30, s31, s40, s41, s50, s51, s60, s61, s70, s71;
            if (resume)
            {
                s00 = s.Load(c); s01 = s.Load(c + w);
                s10 = s.Load(c1); s11 = s.Load(c1 + w);
                s20 = s.Load(c2); s21 = s.Load(c2 + w);
                s30 = s.Load(c3); s31 = s.Load(c3 + w);
                s40 = s.Load(c4); s41 = s.Load(c4 + w);
                s50 = s.Load(c5); s51 = s.Load(c5 + w);
                s60 = s.Load(c6); s61 = s.Load(c6 + w);
                s70 = s.Load(c7); s71 = s.Load(c7 + w);
            }
            else
            {
                s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = s40 = s41 = s50 = s51 = s60 = s61 = s70 = s71 = s.Zero;
            }
            T* a1 = a + rowStep, a2 = a1 + rowStep, a3 = a2 + rowStep, a4 = a3 + rowStep, a5 = a4 + rowStep;
            T* a6 = a5 + rowStep, a7 = a6 + rowStep;
            for (long o = 0, end = kc * step; o != end; o += step, b += bStep)
            {
                var b0 = s.Load(b);
                var b1 = s.Load(b + w);
                var x = s.Broadcast(a + o);
                s00 = s.MultiplyAdd(x, b0, s00); s01 = s.MultiplyAdd(x, b1, s01);
                x = s.Broadcast(a1 + o);
                s10 = s.MultiplyAdd(x, b0, s10); s11 = s.MultiplyAdd(x, b1, s11);
                x = s.Broadcast(a2 + o);
                s20 = s.MultiplyAdd(x, b0, s20); s21 = s.MultiplyAdd(x, b1, s21);
                x = s.Broadcast(a3 + o);
                s30 = s.MultiplyAdd(x, b0, s30); s31 = s.MultiplyAdd(x, b1, s31);
                x = s.Broadcast(a4 + o);
                s40 = s.MultiplyAdd(x, b0, s40); s41 = s.MultiplyAdd(x, b1, s41);
                x = s.Broadcast(a5 + o);
                s50 = s.MultiplyAdd(x, b0, s50); s51 = s.MultiplyAdd(x, b1, s51);
                x = s.Broadcast(a6 + o);
                s60 = s.MultiplyAdd(x, b0, s60); s61 = s.MultiplyAdd(x, b1, s61);
                x = s.Broadcast(a7 + o);
                s70 = s.MultiplyAdd(x, b0, s70); s71 = s.MultiplyAdd(x, b1, s71);
            }
            s.Store(c, s00); s.Store(c + w, s01);
            s.Store(c1, s10); s.Store(c1 + w, s11);
            s.Store(c2, s20); s.Store(c2 + w, s21);
            s.Store(c3, s30); s.Store(c3 + w, s31);
            s.Store(c4, s40); s.Store(c4 + w, s41);
            s.Store(c5, s50); s.Store(c5 + w, s51);
            s.Store(c6, s60); s.Store(c6 + w, s61);
            s.Store(c7, s70); s.Store(c7 + w, s71);
        }
    }
}
