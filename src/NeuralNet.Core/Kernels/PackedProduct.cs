namespace NeuralNet.Core.Kernels
{
    /// <summary>
    /// A BLIS-style driver for C = A·B on one instruction set (<typeparamref name="TSimd"/>): the columns of
    /// C are taken <see cref="ColumnBlock"/> at a time, the shared dimension in equal blocks of at most
    /// <see cref="DepthBlock"/> steps (a sliver of A and one of B then fit in L1 together), the rows in
    /// blocks whose packed A fits in L2. Within a column block each thread packs the slivers of B it
    /// computes, the threads pack the block of A together (one barrier; two buffers take turns, so the
    /// next block can be packed while a slower thread still reads the last), and each tile of C is then
    /// computed by <see cref="MicroTile"/>. Edge tiles, and tiles of a C that is not row-major, go through
    /// a small buffer. Every element of C is summed by one thread in order p = 0, 1, …, so the result
    /// is the same for any thread count. Made once per calling thread and element type, reused after.
    /// </summary>
    internal sealed unsafe class PackedProduct<T, TVector, TSimd> : IClaimedWork
        where T : unmanaged where TVector : struct where TSimd : struct, ISimd<T, TVector>
    {
        /// <summary>The most steps of the shared dimension per block.</summary>
        public const int DepthBlock = 256;

        /// <summary>The most columns of C per block (bounds the packed B).</summary>
        public const int ColumnBlock = 2048;

        [ThreadStatic]
        private static PackedProduct<T, TVector, TSimd> _current;

        private readonly T[][] _packedB = new T[KernelTeam.MaxThreadLimit][];
        private T[] _packedA0 = new T[0], _packedA1 = new T[0];
        private readonly T[][] _ownA = new T[KernelTeam.MaxThreadLimit][];
        private readonly int[][] _claims = new int[KernelTeam.MaxThreadLimit][];
        private int _allSlivers, _unitSlivers, _nextSliver;

        private Operand<T> _a, _b, _c;
        private int _m, _k, _n, _depthBlocks, _rowBlock;
        private Epilogue _epilogue;
        private double* _epilogueC;
        private int _epilogueStride;
        private bool _transposed;
        private bool _splitRows;
        private bool _claimColumns;
        private int _tileRows, _tileColumns;
        private bool _bInPlace;

        public static PackedProduct<T, TVector, TSimd> ForCurrentThread
        {
            [MethodImpl(Hot.Optimize)]
            get => _current ?? (_current = new PackedProduct<T, TVector, TSimd>());
        }

        /// <summary>Rows of A per block: its packed block (at most 256 steps deep) is then 384 KB, for L2.</summary>
        private static int RowBlockLimit => (384 << 10) / (DepthBlock * sizeof(T));

        /// <summary>
        /// C (m × n) = A (m × k) · B (k × n), each seen through its strides; then the epilogue, if any
        /// (double only), with <paramref name="transposed"/> telling that <paramref name="c"/> is the
        /// transpose of the row-major <paramref name="epilogueC"/> the epilogue's arrays are shaped like.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        public void Run(in Operand<T> a, in Operand<T> b, in Operand<T> c, int m, int k, int n, in Epilogue epilogue,
            double* epilogueC, int epilogueStride, bool transposed, KernelTeam team, int threads, bool splitRows, int tileRows, int tileVectors)
        {
            var simd = default(TSimd);
            _a = a; _b = b; _c = c;
            _m = m; _k = k; _n = n;
            _epilogue = epilogue;
            _epilogueC = epilogueC;
            _epilogueStride = epilogueStride;
            _transposed = transposed;
            _depthBlocks = (k + DepthBlock - 1) / DepthBlock;
            int depth = (k + _depthBlocks - 1) / _depthBlocks;
            int tileColumns = tileVectors * simd.Width;
            _tileRows = tileRows;
            _tileColumns = tileColumns;
            // A C of one or two tiles' rows uses each sliver of B once or twice: read in place (a row-major
            // B), it need not be copied first. Only a sliver narrower than a tile is packed then.
            _bInPlace = b.ColumnStride == 1 && (m + tileRows - 1) / tileRows <= 2;
            int columns = Math.Min(n, ColumnBlock);
            int slivers = (columns + tileColumns - 1) / tileColumns;
            _splitRows = splitRows;
            int rowBlocks = (m + RowBlockLimit - 1) / RowBlockLimit;
            _rowBlock = ((m + rowBlocks - 1) / rowBlocks + tileRows - 1) / tileRows * tileRows;
            // Split by columns, with A read in place and one block of columns, no thread needs what another
            // packed: the threads then claim runs of B's slivers too, and no barrier holds them together.
            _claimColumns = !_splitRows && threads > 1 && a.ColumnStride == 1 && n <= ColumnBlock;
            if (_splitRows)
            {
                // Split by rows, the threads claim runs of whole tiles' rows (slivers of A), each no taller
                // than a row block, so that its packed A fits in L2.
                _allSlivers = (m + tileRows - 1) / tileRows;
                _unitSlivers = _rowBlock / tileRows;
                _nextSliver = 0;
            }
            else if (_claimColumns)
            {
                // Runs of at most a thread's even share of the slivers (what its packed B is sized for).
                _allSlivers = slivers;
                _unitSlivers = (slivers + threads - 1) / threads;
                _nextSliver = 0;
            }
            int aLength = _rowBlock * depth;
            int bLength = (_splitRows ? slivers : (slivers + threads - 1) / threads) * tileColumns * depth;
            if (_splitRows || _claimColumns)
            {
                for (int t = 0; t < threads; t++)
                {
                    if (_ownA[t] == null || _ownA[t].Length < aLength) _ownA[t] = new T[aLength];
                    if (_claims[t] == null || _claims[t].Length < 2 * _allSlivers) _claims[t] = new int[2 * _allSlivers];
                }
            }
            else if (_packedA0.Length < aLength)
            {
                _packedA0 = new T[aLength];
                _packedA1 = new T[aLength];
            }
            for (int t = 0; t < threads; t++)
                if (_packedB[t] == null || _packedB[t].Length < bLength) _packedB[t] = new T[bLength];
            if (_splitRows || _claimColumns) team.RunClaimed(this, threads);
            else team.Run(this, threads);
        }

        [MethodImpl(Hot.Optimize)]
        public void Execute(int thread, int threads, KernelTeam team)
        {
            if (_splitRows) ExecuteRows(thread, threads);
            else if (_claimColumns) ExecuteClaimedColumns(thread, threads);
            else ExecuteColumns(thread, threads, team);
        }

        /// <summary>
        /// The threads split C's columns by claiming runs of B's slivers (<see cref="Claim"/>), for a row-major
        /// A read in place and a C of one block of columns (X·W₁ of a wide input layer): each thread packs
        /// the slivers of B it claimed and, in a buffer of its own, the part of A past its last whole tile,
        /// so none waits for another. With two busy processes beside the product, X·W₁ split with a barrier
        /// per depth block took 1.6 times as long as the claimed Xᵀ·δ₁; claimed, 1.1 times (as fast as the
        /// barrier split on a quiet machine). The runs a thread claims over the first depth block are its own
        /// for the rest, so each element of C is still summed by one thread in order p = 0, 1, ….
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private void ExecuteClaimedColumns(int thread, int threads)
        {
            int tileRows = _tileRows, tileColumns = _tileColumns;
            int m = _m, k = _k, n = _n;
            int claimed = 0;
            T* tile = stackalloc T[tileRows * tileColumns];
            fixed (T* packedA = _ownA[thread], packedB = _packedB[thread])
            fixed (int* claims = _claims[thread])
            {
                for (int block = 0, p0 = 0; block < _depthBlocks; block++)
                {
                    int kc = k / _depthBlocks + (block < k % _depthBlocks ? 1 : 0);
                    for (int u = 0; NextRun(block == 0, u, claims, ref claimed, threads, out int sliver, out int count); u++)
                    {
                        int column0 = sliver * tileColumns, columns = Math.Min(count * tileColumns, n - column0);
                        Packing.PackB<T, TVector, TSimd>(_b, p0, kc, column0, columns, _bInPlace ? columns / tileColumns : 0, count, packedB, tileColumns);
                        for (int i0 = 0; i0 < m; i0 += _rowBlock)
                        {
                            int rows = Math.Min(_rowBlock, m - i0);
                            int aSlivers = (rows + tileRows - 1) / tileRows;
                            Packing.PackA(_a, i0, rows, p0, kc, tileRows, rows / tileRows, aSlivers, packedA);
                            Tiles(packedA, packedB, i0, rows, column0, count, p0, kc, block > 0, block == _depthBlocks - 1, tile);
                        }
                    }
                    p0 += kc;
                }
            }
        }

        /// <summary>
        /// The threads split C's columns: each packs the slivers of B it computes, and they pack each block
        /// of A together, so that a C with few rows still keeps every thread busy.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private void ExecuteColumns(int thread, int threads, KernelTeam team)
        {
            int tileRows = _tileRows, tileColumns = _tileColumns;
            int m = _m, k = _k, n = _n;
            bool inPlace = _a.ColumnStride == 1;
            T* tile = stackalloc T[tileRows * tileColumns];
            int step = 0;
            fixed (T* a0 = _packedA0, a1 = _packedA1, packedB = _packedB[thread])
            {
                for (int j0 = 0; j0 < n; j0 += ColumnBlock)
                {
                    int columns = Math.Min(ColumnBlock, n - j0);
                    int slivers = (columns + tileColumns - 1) / tileColumns;
                    int firstSliver = slivers * thread / threads, lastSliver = slivers * (thread + 1) / threads;
                    int mine = lastSliver - firstSliver;
                    int myColumn0 = j0 + firstSliver * tileColumns;
                    int myColumns = Math.Min(mine * tileColumns, n - myColumn0);
                    for (int block = 0, p0 = 0; block < _depthBlocks; block++)
                    {
                        int kc = k / _depthBlocks + (block < k % _depthBlocks ? 1 : 0);
                        if (mine > 0) Packing.PackB<T, TVector, TSimd>(_b, p0, kc, myColumn0, myColumns, _bInPlace ? myColumns / tileColumns : 0, mine, packedB, tileColumns);
                        for (int i0 = 0; i0 < m; i0 += _rowBlock, step++)
                        {
                            int rows = Math.Min(_rowBlock, m - i0);
                            int aSlivers = (rows + tileRows - 1) / tileRows;
                            T* packedA = (step & 1) == 0 ? a0 : a1;
                            // A row-major A is read in place (its rows stream along p, which the prefetcher
                            // follows); only a sliver past its last row is packed, with zero rows.
                            int packedFrom = inPlace ? rows / tileRows : 0;
                            int share = aSlivers - packedFrom;
                            Packing.PackA(_a, i0, rows, p0, kc, tileRows, packedFrom + share * thread / threads, packedFrom + share * (thread + 1) / threads, packedA);
                            team.Barrier(threads);
                            Tiles(packedA, packedB, i0, rows, myColumn0, mine, p0, kc, block > 0, block == _depthBlocks - 1, tile);
                        }
                        p0 += kc;
                    }
                }
            }
        }

        /// <summary>
        /// The threads split C's rows: each claims runs of rows in turn (<see cref="Claim"/>), packs all of B
        /// and the blocks of A of its runs, and no thread waits for another or reads what another packed. For a C with many
        /// rows (Xᵀ·δ of a wide input layer), where the column split had each core fetch half of every block
        /// of A from the other's cache. The runs a thread claims over the first depth block are its own for
        /// the rest, so each element of C is still summed by one thread in order p = 0, 1, …, and a core
        /// that runs slow for a while (or a helper that starts late) only takes fewer rows.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private void ExecuteRows(int thread, int threads)
        {
            int tileRows = _tileRows, tileColumns = _tileColumns;
            int m = _m, k = _k, n = _n;
            bool inPlace = _a.ColumnStride == 1;
            int claimed = 0;
            T* tile = stackalloc T[tileRows * tileColumns];
            fixed (T* packedA = _ownA[thread], packedB = _packedB[thread])
            fixed (int* claims = _claims[thread])
            {
                bool first = true;
                for (int j0 = 0; j0 < n; j0 += ColumnBlock)
                {
                    int columns = Math.Min(ColumnBlock, n - j0);
                    int slivers = (columns + tileColumns - 1) / tileColumns;
                    for (int block = 0, p0 = 0; block < _depthBlocks; block++, first = false)
                    {
                        int kc = k / _depthBlocks + (block < k % _depthBlocks ? 1 : 0);
                        bool packed = false;
                        for (int u = 0; NextRun(first, u, claims, ref claimed, threads, out int sliver, out int count); u++)
                        {
                            // B is packed once a thread has rows to multiply it by.
                            if (!packed)
                            {
                                Packing.PackB<T, TVector, TSimd>(_b, p0, kc, j0, columns, _bInPlace ? columns / tileColumns : 0, slivers, packedB, tileColumns);
                                packed = true;
                            }
                            int i0 = sliver * tileRows, rows = Math.Min(count * tileRows, m - i0);
                            int aSlivers = (rows + tileRows - 1) / tileRows;
                            Packing.PackA(_a, i0, rows, p0, kc, tileRows, inPlace ? rows / tileRows : 0, aSlivers, packedA);
                            Tiles(packedA, packedB, i0, rows, j0, slivers, p0, kc, block > 0, block == _depthBlocks - 1, tile);
                        }
                        p0 += kc;
                    }
                }
            }
        }

        /// <summary>
        /// This thread's run number <paramref name="u"/>: claimed now and recorded in <paramref name="claims"/>
        /// (pairs of first sliver and count) while <paramref name="claiming"/>, over the first depth block;
        /// replayed from them after. False when there is no such run.
        /// </summary>
        [MethodImpl(Hot.Inline)]
        private bool NextRun(bool claiming, int u, int* claims, ref int claimed, int threads, out int sliver, out int count)
        {
            if (claiming)
            {
                if (!Claim(threads, out sliver, out count)) return false;
                claims[2 * claimed] = sliver;
                claims[2 * claimed + 1] = count;
                claimed++;
                return true;
            }
            if (u < claimed)
            {
                sliver = claims[2 * u];
                count = claims[2 * u + 1];
                return true;
            }
            sliver = count = 0;
            return false;
        }

        /// <summary>
        /// Claims the next run of slivers (of A's rows split by rows, of B's columns split by columns): a share
        /// of what is left that shrinks as the product nears its end (a 2·threads-th of it, at most
        /// <see cref="_unitSlivers"/>, at least one sliver), so that the threads start on large runs and
        /// finish together on small ones.
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private bool Claim(int threads, out int sliver, out int count)
        {
            while (true)
            {
                sliver = Volatile.Read(ref _nextSliver);
                int left = _allSlivers - sliver;
                if (left <= 0)
                {
                    count = 0;
                    return false;
                }
                count = Math.Max(1, Math.Min(_unitSlivers, left / (2 * threads)));
                if (Interlocked.CompareExchange(ref _nextSliver, sliver + count, sliver) == sliver) return true;
            }
        }

        /// <summary>
        /// The tiles of C in rows [<paramref name="i0"/>, i0 + <paramref name="rows"/>) and <paramref name="slivers"/>
        /// slivers of columns from <paramref name="column0"/>, over steps [p0, p0 + kc): added to C when
        /// <paramref name="resume"/>, with the epilogue applied when the block is the last (<paramref name="complete"/>).
        /// </summary>
        [MethodImpl(Hot.Optimize)]
        private void Tiles(T* packedA, T* packedB, int i0, int rows, int column0, int slivers, int p0, int kc, bool resume, bool complete, T* tile)
        {
            int tileRows = _tileRows, tileColumns = _tileColumns;
            int m = _m, n = _n;
            var c = _c;
            bool rowMajor = c.ColumnStride == 1;
            bool fused = complete && _epilogue.Kind != EpilogueKind.None;
            bool inPlace = _a.ColumnStride == 1;
            int aSlivers = (rows + tileRows - 1) / tileRows;
            // Packed, a sliver of B stays in L1 while every sliver of A streams past it from
            // L2; read in place, A's sliver is the one kept in L1 and the packed B streams. Two loops, not
            // one over tiles with a division and a remainder: those cost 5 % of a float32 tile's time.
            int outerCount = inPlace ? aSlivers : slivers, innerCount = inPlace ? slivers : aSlivers;
            for (int outer = 0; outer < outerCount; outer++)
            for (int inner = 0; inner < innerCount; inner++)
            {
                int s = inPlace ? inner : outer;
                int r = inPlace ? outer : inner;
                int j = column0 + s * tileColumns, width = Math.Min(tileColumns, n - j);
                T* b = packedB + (long)s * tileColumns * kc;
                long bStep = tileColumns;
                if (_bInPlace && width == tileColumns)
                {
                    b = _b.At(p0, j);
                    bStep = _b.RowStride;
                }
                int i = i0 + r * tileRows, height = Math.Min(tileRows, m - i);
                T* a;
                long rowStep, stepStride;
                if (inPlace && height == tileRows)
                {
                    a = _a.At(i, p0);
                    rowStep = _a.RowStride;
                    stepStride = 1;
                }
                else
                {
                    a = packedA + (long)r * tileRows * kc;
                    rowStep = 1;
                    stepStride = tileRows;
                }
                if (rowMajor && width == tileColumns && height == tileRows)
                {
                    MicroTile.Run<T, TVector, TSimd>(tileRows, tileColumns, kc, a, rowStep, stepStride, b, bStep, c.At(i, j), c.RowStride, resume);
                }
                else
                {
                    if (resume) CopyTile(c, i, j, height, width, tile, tileRows, tileColumns, toTile: true);
                    MicroTile.Run<T, TVector, TSimd>(tileRows, tileColumns, kc, a, rowStep, stepStride, b, bStep, tile, tileColumns, resume);
                    CopyTile(c, i, j, height, width, tile, tileRows, tileColumns, toTile: false);
                }
                if (fused)
                {
                    if (_transposed) _epilogue.Apply(_epilogueC, _epilogueStride, j, width, i, height);
                    else _epilogue.Apply(_epilogueC, _epilogueStride, i, height, j, width);
                }
            }
        }

        /// <summary>Copies the valid <paramref name="height"/> × <paramref name="width"/> part of a tile between C and the tile buffer.</summary>
        [MethodImpl(Hot.Optimize)]
        private static void CopyTile(in Operand<T> c, int i, int j, int height, int width, T* tile, int tileRows, int tileColumns, bool toTile)
        {
            int columnStride = c.ColumnStride;
            // The part of a tile outside C is computed but never copied out; zeros keep it from turning denormal or NaN.
            if (toTile) for (int e = 0; e < tileRows * tileColumns; e++) tile[e] = default;
            for (int r = 0; r < height; r++)
            {
                T* row = c.At(i + r, j);
                T* buffer = tile + r * tileColumns;
                if (toTile) for (int col = 0; col < width; col++) buffer[col] = row[(long)col * columnStride];
                else for (int col = 0; col < width; col++) row[(long)col * columnStride] = buffer[col];
            }
        }
    }
}
