package dev.issosynth.math;

import dev.issosynth.util.Parallel;

/**
 * Dense single-precision matrix multiplication on row-major arrays: {@code C = op(A)·op(B) + beta·C}.
 *
 * <p>{@code op(A)} is m×k and {@code op(B)} is k×n. Without transposition A is stored m×k
 * ({@code A(i,p) = a[aOff + i*lda + p]}); with {@code transA} it is stored k×m ({@code A(i,p) = a[aOff + p*lda + i]}).
 * Likewise B is stored k×n, or n×k with {@code transB}. C is m×n with row stride {@code ldc}. The training shapes
 * are forward {@code Y = X·W} (nn), weight gradient {@code dW = Xᵀ·dY} (tn) and input gradient {@code dX = dY·Wᵀ} (nt).
 *
 * <p>With {@code beta == 0} C is overwritten (NaNs in the old C are not propagated). The parallel variant splits the
 * output rows into fixed blocks; every element is computed by one thread in a summation order that does not depend
 * on the thread count, so results are bit-identical for 1 or many threads.
 */
public interface Gemm {
    /** Short name for logs and benchmarks. */
    String name();

    /** {@code C = op(A)·op(B) + beta·C}, on the threads of {@code par} (null = calling thread only). */
    void multiply(int m, int n, int k, float[] a, int aOff, int lda, boolean transA, float[] b, int bOff, int ldb,
                  boolean transB, float[] c, int cOff, int ldc, float beta, Parallel par);

    /**
     * Row stride that lets {@link #multiplyPadded} store whole vector tiles: {@code n} rounded up to the kernel's
     * tile width ({@code n} itself for kernels without tiles).
     */
    default int paddedStride(int n) {
        return n;
    }

    /**
     * Single-threaded {@code C = A·B + C} (neither transposed) into a C whose rows have stride
     * {@code ldc ≥ paddedStride(n)} and whose columns {@code [n, paddedStride(n))} are the caller's scratch: the
     * kernel may overwrite them with anything, so it can store partial tiles as whole vectors. Columns
     * {@code [0, n)} are bit-identical to {@link #multiply} with {@code beta = 1}. Only for a C that no other
     * product or thread uses meanwhile.
     */
    default void multiplyPadded(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc) {
        GemmSupport.checkPadded(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, paddedStride(n));
        multiply(m, n, k, a, aOff, lda, false, b, bOff, ldb, false, c, cOff, ldc, 1f, null);
    }

    /**
     * Sums of table rows: {@code y[r·width + j] = base[j] + t[off[r·terms]+j] + … + t[off[r·terms+terms−1]+j]} for
     * rows {@code r < n} and {@code j < width}, added left to right in float (every kernel gives the same bits).
     */
    default void sumRows(float[] t, int[] off, int terms, float[] base, float[] y, int n, int width) {
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                float acc = base[j];
                for (int k = 0; k < terms; k++) {
                    acc += t[off[r * terms + k] + j];
                }
                y[r * width + j] = acc;
            }
        }
    }

    /** Single-threaded {@code C = op(A)·op(B) + beta·C}. */
    default void multiply(int m, int n, int k, float[] a, int aOff, int lda, boolean transA, float[] b, int bOff,
                          int ldb, boolean transB, float[] c, int cOff, int ldc, float beta) {
        multiply(m, n, k, a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, beta, null);
    }

    /** Dense {@code C[m×n] = A[m×k]·B[k×n] + beta·C}. */
    default void nn(int m, int n, int k, float[] a, float[] b, float[] c, float beta, Parallel par) {
        multiply(m, n, k, a, 0, k, false, b, 0, n, false, c, 0, n, beta, par);
    }

    /** Dense {@code C[m×n] = Aᵀ·B + beta·C} with A stored k×m and B stored k×n (e.g. {@code dW = Xᵀ·dY}). */
    default void tn(int m, int n, int k, float[] a, float[] b, float[] c, float beta, Parallel par) {
        multiply(m, n, k, a, 0, m, true, b, 0, n, false, c, 0, n, beta, par);
    }

    /** Dense {@code C[m×n] = A·Bᵀ + beta·C} with A stored m×k and B stored n×k (e.g. {@code dX = dY·Wᵀ}). */
    default void nt(int m, int n, int k, float[] a, float[] b, float[] c, float beta, Parallel par) {
        multiply(m, n, k, a, 0, k, false, b, 0, k, true, c, 0, n, beta, par);
    }
}
