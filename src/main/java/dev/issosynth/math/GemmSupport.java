package dev.issosynth.math;

import dev.issosynth.util.Parallel;

/** Argument checks, beta scaling and packing shared by the kernels. */
final class GemmSupport {
    /** Output rows per parallel task; fixed so that blocks depend on the problem size only. */
    static final int ROW_BLOCK = 64;

    private GemmSupport() {
    }

    static void check(int m, int n, int k, float[] a, int aOff, int lda, boolean transA, float[] b, int bOff, int ldb,
                      boolean transB, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative size " + m + "x" + n + "x" + k);
        }
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        checkMatrix("A", a, aOff, lda, aRows, aCols);
        checkMatrix("B", b, bOff, ldb, bRows, bCols);
        checkMatrix("C", c, cOff, ldc, m, n);
    }

    /** {@link #check} for a non-transposed product whose C rows are {@code padded} wide ({@code ≥ n}). */
    static void checkPadded(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, int padded) {
        check(m, n, k, a, aOff, lda, false, b, bOff, ldb, false, c, cOff, ldc);
        if (m > 0 && n > 0) {
            checkMatrix("padded C", c, cOff, ldc, m, padded);
        }
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if (off < 0 || ld < cols) {
            throw new IllegalArgumentException(name + ": offset " + off + ", leading dimension " + ld + " < width " + cols);
        }
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (last > x.length) {
            throw new IllegalArgumentException(name + ": " + rows + "x" + cols + " at offset " + off + " with ld " + ld
                    + " needs " + last + " elements, array has " + x.length);
        }
    }

    /** Applies beta to C rows {@code [from, to)}: 0 clears (drops NaNs), 1 keeps, else scales. */
    static void scaleRows(float[] c, int cOff, int ldc, int from, int to, int n, float beta) {
        if (beta == 1f) {
            return;
        }
        for (int i = from; i < to; i++) {
            int r = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, r, r + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[r + j] *= beta;
                }
            }
        }
    }

    static void scale(int m, int n, float[] c, int cOff, int ldc, float beta, Parallel par) {
        if (beta == 1f || m == 0 || n == 0) {
            return;
        }
        if (par == null) {
            scaleRows(c, cOff, ldc, 0, m, n, beta);
        } else {
            par.forBlocks(m, ROW_BLOCK, (blk, from, to) -> scaleRows(c, cOff, ldc, from, to, n, beta));
        }
    }

    /** Runs {@code body} over fixed row blocks of {@code [0, m)}, on {@code par} when given. */
    static void forRowBlocks(int m, Parallel par, Parallel.BlockBody body) {
        if (par == null || par.threads() == 1) {
            int blocks = Parallel.blockCount(m, ROW_BLOCK);
            for (int blk = 0; blk < blocks; blk++) {
                body.run(blk, blk * ROW_BLOCK, Math.min(m, (blk + 1) * ROW_BLOCK));
            }
        } else {
            par.forBlocks(m, ROW_BLOCK, body);
        }
    }
}
