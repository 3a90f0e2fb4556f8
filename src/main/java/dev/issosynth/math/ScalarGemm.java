package dev.issosynth.math;

import dev.issosynth.util.Parallel;

/**
 * Plain-Java GEMM for any JDK ≥ 17 with no flags: B is packed per KC×NC panel into a row-major buffer (which also
 * un-transposes it) and each output row is updated with i-k-j loops whose innermost j loop C2 auto-vectorises.
 * Every element is accumulated in plain {@code c += a*b} steps over p = 0..k-1 in order.
 */
public final class ScalarGemm implements Gemm {
    static final int KC = 256;
    static final int NC = 512;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, boolean transA, float[] b, int bOff, int ldb,
                         boolean transB, float[] c, int cOff, int ldc, float beta, Parallel par) {
        GemmSupport.check(m, n, k, a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        GemmSupport.scale(m, n, c, cOff, ldc, beta, par);
        if (k == 0) {
            return;
        }
        float[] bp = new float[KC * Math.min(NC, n)];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, bOff, ldb, transB, pc, kc, jc, nc, bp);
                int jc0 = jc;
                int pc0 = pc;
                GemmSupport.forRowBlocks(m, par, (blk, from, to) ->
                        rows(from, to, a, aOff, lda, transA, pc0, kc, bp, nc, c, cOff + jc0, ldc));
            }
        }
    }

    private static void packB(float[] b, int bOff, int ldb, boolean transB, int pc, int kc, int jc, int nc, float[] bp) {
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bOff + (pc + p) * ldb + jc, bp, p * nc, nc);
            }
        } else {
            for (int j = 0; j < nc; j++) {
                int src = bOff + (jc + j) * ldb + pc;
                for (int p = 0; p < kc; p++) {
                    bp[p * nc + j] = b[src + p];
                }
            }
        }
    }

    private static void rows(int from, int to, float[] a, int aOff, int lda, boolean transA, int pc, int kc, float[] bp,
                             int nc, float[] c, int cBase, int ldc) {
        int i = from;
        for (; i + 1 < to; i += 2) {
            rowPair(i, a, aOff, lda, transA, pc, kc, bp, nc, c, cBase, ldc);
        }
        if (i < to) {
            row(i, a, aOff, lda, transA, pc, kc, bp, nc, c, cBase, ldc);
        }
    }

    /*
     * Four depths per pass over a row: Java adds left to right, so c + a0*b0 + a1*b1 + ... is the same rounding
     * sequence as four single passes, with a quarter of the loads and stores of C. Two rows share the loads of B.
     * Row pairs and single rows give bit-identical results, so row blocking never changes a value.
     */
    private static void rowPair(int i, float[] a, int aOff, int lda, boolean transA, int pc, int kc, float[] bp, int nc,
                                float[] c, int cBase, int ldc) {
        int sp = transA ? lda : 1;
        int si = transA ? 1 : lda;
        int ai = aOff + (transA ? i + pc * lda : i * lda + pc);
        int cr = cBase + i * ldc;
        int cs = cr + ldc;
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            int q = ai + p * sp;
            float a0 = a[q], a1 = a[q + sp], a2 = a[q + 2 * sp], a3 = a[q + 3 * sp];
            float e0 = a[q + si], e1 = a[q + si + sp], e2 = a[q + si + 2 * sp], e3 = a[q + si + 3 * sp];
            int b0 = p * nc;
            int b1 = b0 + nc;
            int b2 = b1 + nc;
            int b3 = b2 + nc;
            for (int j = 0; j < nc; j++) {
                float x0 = bp[b0 + j], x1 = bp[b1 + j], x2 = bp[b2 + j], x3 = bp[b3 + j];
                c[cr + j] = c[cr + j] + a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
                c[cs + j] = c[cs + j] + e0 * x0 + e1 * x1 + e2 * x2 + e3 * x3;
            }
        }
        for (; p < kc; p++) {
            float a0 = a[ai + p * sp];
            float e0 = a[ai + si + p * sp];
            int br = p * nc;
            for (int j = 0; j < nc; j++) {
                c[cr + j] += a0 * bp[br + j];
                c[cs + j] += e0 * bp[br + j];
            }
        }
    }

    private static void row(int i, float[] a, int aOff, int lda, boolean transA, int pc, int kc, float[] bp, int nc,
                            float[] c, int cBase, int ldc) {
        int sp = transA ? lda : 1;
        int ai = aOff + (transA ? i + pc * lda : i * lda + pc);
        int cr = cBase + i * ldc;
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            int q = ai + p * sp;
            float a0 = a[q], a1 = a[q + sp], a2 = a[q + 2 * sp], a3 = a[q + 3 * sp];
            int b0 = p * nc;
            int b1 = b0 + nc;
            int b2 = b1 + nc;
            int b3 = b2 + nc;
            for (int j = 0; j < nc; j++) {
                c[cr + j] = c[cr + j] + a0 * bp[b0 + j] + a1 * bp[b1 + j] + a2 * bp[b2 + j] + a3 * bp[b3 + j];
            }
        }
        for (; p < kc; p++) {
            float aip = a[ai + p * sp];
            int br = p * nc;
            for (int j = 0; j < nc; j++) {
                c[cr + j] += aip * bp[br + j];
            }
        }
    }
}
