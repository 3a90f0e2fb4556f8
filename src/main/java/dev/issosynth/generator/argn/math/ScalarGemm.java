package dev.issosynth.generator.argn.math;

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
        int aStrideP = transA ? lda : 1;
        for (int i = from; i < to; i++) {
            int ai = aOff + (transA ? i + pc * lda : i * lda + pc);
            int cr = cBase + i * ldc;
            for (int p = 0; p < kc; p++) {
                float aip = a[ai + p * aStrideP];
                int br = p * nc;
                for (int j = 0; j < nc; j++) {
                    c[cr + j] += aip * bp[br + j];
                }
            }
        }
    }
}
