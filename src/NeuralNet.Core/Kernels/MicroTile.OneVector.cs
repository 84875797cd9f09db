namespace NeuralNet.Core.Kernels
{
    /// <summary>The micro-tiles one vector wide: a C no wider than a vector computes no columns that are not there.</summary>
    internal static partial class MicroTile
    {
        /// <summary>16 rows × one vector (16 accumulators, for AVX-512's 32 registers), for a C no wider than a vector.</summary>
        [MethodImpl(Hot.Optimize)]
        private static unsafe void Narrow16<T, TVector, TSimd>(int kc, T* a, long rowStep, long step, T* b, long bStep, T* c, int ldc, bool resume)
            where T : unmanaged where TVector : struct where TSimd : struct, ISimd<T, TVector>
        {
            var s = default(TSimd);
            T* c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc, c7 = c6 + ldc, c8 = c7 + ldc, c9 = c8 + ldc, c10 = c9 + ldc, c11 = c10 + ldc, c12 = c11 + ldc, c13 = c12 + ldc, c14 = c13 + ldc, c15 = c14 + ldc;
            TVector s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15;
            if (resume)
            {
                s0 = s.Load(c);
                s1 = s.Load(c1);
                s2 = s.Load(c2);
                s3 = s.Load(c3);
                s4 = s.Load(c4);
                s5 = s.Load(c5);
                s6 = s.Load(c6);
                s7 = s.Load(c7);
                s8 = s.Load(c8);
                s9 = s.Load(c9);
                s10 = s.Load(c10);
                s11 = s.Load(c11);
                s12 = s.Load(c12);
                s13 = s.Load(c13);
                s14 = s.Load(c14);
                s15 = s.Load(c15);
            }
            else
            {
                s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = s8 = s9 = s10 = s11 = s12 = s13 = s14 = s15 = s.Zero;
            }
            T* a1 = a + rowStep, a2 = a1 + rowStep, a3 = a2 + rowStep, a4 = a3 + rowStep, a5 = a4 + rowStep, a6 = a5 + rowStep, a7 = a6 + rowStep, a8 = a7 + rowStep, a9 = a8 + rowStep, a10 = a9 + rowStep, a11 = a10 + rowStep, a12 = a11 + rowStep, a13 = a12 + rowStep, a14 = a13 + rowStep, a15 = a14 + rowStep;
            for (long o = 0, end = kc * step; o != end; o += step, b += bStep)
            {
                var b0 = s.Load(b);
                s0 = s.MultiplyAdd(s.Broadcast(a + o), b0, s0);
                s1 = s.MultiplyAdd(s.Broadcast(a1 + o), b0, s1);
                s2 = s.MultiplyAdd(s.Broadcast(a2 + o), b0, s2);
                s3 = s.MultiplyAdd(s.Broadcast(a3 + o), b0, s3);
                s4 = s.MultiplyAdd(s.Broadcast(a4 + o), b0, s4);
                s5 = s.MultiplyAdd(s.Broadcast(a5 + o), b0, s5);
                s6 = s.MultiplyAdd(s.Broadcast(a6 + o), b0, s6);
                s7 = s.MultiplyAdd(s.Broadcast(a7 + o), b0, s7);
                s8 = s.MultiplyAdd(s.Broadcast(a8 + o), b0, s8);
                s9 = s.MultiplyAdd(s.Broadcast(a9 + o), b0, s9);
                s10 = s.MultiplyAdd(s.Broadcast(a10 + o), b0, s10);
                s11 = s.MultiplyAdd(s.Broadcast(a11 + o), b0, s11);
                s12 = s.MultiplyAdd(s.Broadcast(a12 + o), b0, s12);
                s13 = s.MultiplyAdd(s.Broadcast(a13 + o), b0, s13);
                s14 = s.MultiplyAdd(s.Broadcast(a14 + o), b0, s14);
                s15 = s.MultiplyAdd(s.Broadcast(a15 + o), b0, s15);
            }
            s.Store(c, s0);
            s.Store(c1, s1);
            s.Store(c2, s2);
            s.Store(c3, s3);
            s.Store(c4, s4);
            s.Store(c5, s5);
            s.Store(c6, s6);
            s.Store(c7, s7);
            s.Store(c8, s8);
            s.Store(c9, s9);
            s.Store(c10, s10);
            s.Store(c11, s11);
            s.Store(c12, s12);
            s.Store(c13, s13);
            s.Store(c14, s14);
            s.Store(c15, s15);
        }

        /// <summary>12 rows × one vector (12 accumulators, for 16 registers), for a C no wider than a vector.</summary>
        [MethodImpl(Hot.Optimize)]
        private static unsafe void Narrow12<T, TVector, TSimd>(int kc, T* a, long rowStep, long step, T* b, long bStep, T* c, int ldc, bool resume)
            where T : unmanaged where TVector : struct where TSimd : struct, ISimd<T, TVector>
        {
            var s = default(TSimd);
            T* c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc, c7 = c6 + ldc, c8 = c7 + ldc, c9 = c8 + ldc, c10 = c9 + ldc, c11 = c10 + ldc;
            TVector s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
            if (resume)
            {
                s0 = s.Load(c);
                s1 = s.Load(c1);
                s2 = s.Load(c2);
                s3 = s.Load(c3);
                s4 = s.Load(c4);
                s5 = s.Load(c5);
                s6 = s.Load(c6);
                s7 = s.Load(c7);
                s8 = s.Load(c8);
                s9 = s.Load(c9);
                s10 = s.Load(c10);
                s11 = s.Load(c11);
            }
            else
            {
                s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = s8 = s9 = s10 = s11 = s.Zero;
            }
            T* a1 = a + rowStep, a2 = a1 + rowStep, a3 = a2 + rowStep, a4 = a3 + rowStep, a5 = a4 + rowStep, a6 = a5 + rowStep, a7 = a6 + rowStep, a8 = a7 + rowStep, a9 = a8 + rowStep, a10 = a9 + rowStep, a11 = a10 + rowStep;
            for (long o = 0, end = kc * step; o != end; o += step, b += bStep)
            {
                var b0 = s.Load(b);
                s0 = s.MultiplyAdd(s.Broadcast(a + o), b0, s0);
                s1 = s.MultiplyAdd(s.Broadcast(a1 + o), b0, s1);
                s2 = s.MultiplyAdd(s.Broadcast(a2 + o), b0, s2);
                s3 = s.MultiplyAdd(s.Broadcast(a3 + o), b0, s3);
                s4 = s.MultiplyAdd(s.Broadcast(a4 + o), b0, s4);
                s5 = s.MultiplyAdd(s.Broadcast(a5 + o), b0, s5);
                s6 = s.MultiplyAdd(s.Broadcast(a6 + o), b0, s6);
                s7 = s.MultiplyAdd(s.Broadcast(a7 + o), b0, s7);
                s8 = s.MultiplyAdd(s.Broadcast(a8 + o), b0, s8);
                s9 = s.MultiplyAdd(s.Broadcast(a9 + o), b0, s9);
                s10 = s.MultiplyAdd(s.Broadcast(a10 + o), b0, s10);
                s11 = s.MultiplyAdd(s.Broadcast(a11 + o), b0, s11);
            }
            s.Store(c, s0);
            s.Store(c1, s1);
            s.Store(c2, s2);
            s.Store(c3, s3);
            s.Store(c4, s4);
            s.Store(c5, s5);
            s.Store(c6, s6);
            s.Store(c7, s7);
            s.Store(c8, s8);
            s.Store(c9, s9);
            s.Store(c10, s10);
            s.Store(c11, s11);
        }
    }
}
