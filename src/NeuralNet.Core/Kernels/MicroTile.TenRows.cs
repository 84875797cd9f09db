namespace NeuralNet.Core.Kernels
{
    /// <summary>The micro-tiles of ten and five rows: a C of ten rows (a 10-class layer's transposed products) without padding.</summary>
    internal static partial class MicroTile
    {
        /// <summary>Ten rows (20 accumulators: AVX-512's 32 registers hold them), for C with ten rows.</summary>
        [MethodImpl(Hot.Optimize)]
        private static unsafe void Rows10<T, TVector, TSimd>(int kc, T* a, long rowStep, long step, T* b, long bStep, T* c, int ldc, bool resume)
            where T : unmanaged where TVector : struct where TSimd : struct, ISimd<T, TVector>
        {
            var s = default(TSimd);
            int w = s.Width;
            T* c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc, c7 = c6 + ldc, c8 = c7 + ldc, c9 = c8 + ldc;
            TVector s00, s01, s10, s11, s20, s21, s30, s31, s40, s41, s50, s51, s60, s61, s70, s71, s80, s81, s90, s91;
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
                s80 = s.Load(c8); s81 = s.Load(c8 + w);
                s90 = s.Load(c9); s91 = s.Load(c9 + w);
            }
            else
            {
                s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = s40 = s41 = s50 = s51 = s60 = s61 = s70 = s71 = s80 = s81 = s90 = s91 = s.Zero;
            }
            T* a1 = a + rowStep, a2 = a1 + rowStep, a3 = a2 + rowStep, a4 = a3 + rowStep, a5 = a4 + rowStep;
            T* a6 = a5 + rowStep, a7 = a6 + rowStep, a8 = a7 + rowStep, a9 = a8 + rowStep;
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
                x = s.Broadcast(a8 + o);
                s80 = s.MultiplyAdd(x, b0, s80); s81 = s.MultiplyAdd(x, b1, s81);
                x = s.Broadcast(a9 + o);
                s90 = s.MultiplyAdd(x, b0, s90); s91 = s.MultiplyAdd(x, b1, s91);
            }
            s.Store(c, s00); s.Store(c + w, s01);
            s.Store(c1, s10); s.Store(c1 + w, s11);
            s.Store(c2, s20); s.Store(c2 + w, s21);
            s.Store(c3, s30); s.Store(c3 + w, s31);
            s.Store(c4, s40); s.Store(c4 + w, s41);
            s.Store(c5, s50); s.Store(c5 + w, s51);
            s.Store(c6, s60); s.Store(c6 + w, s61);
            s.Store(c7, s70); s.Store(c7 + w, s71);
            s.Store(c8, s80); s.Store(c8 + w, s81);
            s.Store(c9, s90); s.Store(c9 + w, s91);
        }

        /// <summary>Five rows (10 accumulators, for 16 registers), for C with ten rows on AVX2 and the portable path.</summary>
        [MethodImpl(Hot.Optimize)]
        private static unsafe void Rows5<T, TVector, TSimd>(int kc, T* a, long rowStep, long step, T* b, long bStep, T* c, int ldc, bool resume)
            where T : unmanaged where TVector : struct where TSimd : struct, ISimd<T, TVector>
        {
            var s = default(TSimd);
            int w = s.Width;
            T* c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc;
            TVector s00, s01, s10, s11, s20, s21, s30, s31, s40, s41;
            if (resume)
            {
                s00 = s.Load(c); s01 = s.Load(c + w);
                s10 = s.Load(c1); s11 = s.Load(c1 + w);
                s20 = s.Load(c2); s21 = s.Load(c2 + w);
                s30 = s.Load(c3); s31 = s.Load(c3 + w);
                s40 = s.Load(c4); s41 = s.Load(c4 + w);
            }
            else
            {
                s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = s40 = s41 = s.Zero;
            }
            T* a1 = a + rowStep, a2 = a1 + rowStep, a3 = a2 + rowStep, a4 = a3 + rowStep;
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
            }
            s.Store(c, s00); s.Store(c + w, s01);
            s.Store(c1, s10); s.Store(c1 + w, s11);
            s.Store(c2, s20); s.Store(c2 + w, s21);
            s.Store(c3, s30); s.Store(c3 + w, s31);
            s.Store(c4, s40); s.Store(c4 + w, s41);
        }
    }
}
