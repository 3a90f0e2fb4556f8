package dev.issosynth.math;

import dev.issosynth.util.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM on the incubating Vector API. Only {@link Gemms} may load this class (reflectively), because it needs
 * {@code --add-modules jdk.incubator.vector} at run time.
 *
 * <p>Blocking: for each NC-wide column panel and KC-deep slice of k, B is packed once into zero-padded strips of
 * NR = 2 vectors (KC×NR floats each, contiguous); then fixed blocks of output rows are handed to the threads, each
 * packing its rows of A into MR-row micro-panels and running an MR×NR register-tiled FMA kernel with all
 * accumulators in local variables. Each element is a fused-multiply-add chain over one KC slice added to C, slices in
 * order, independent of the row block and thread count.
 *
 * <p>System property {@code issosynth.gemm.bits} (128, 256 or 512) overrides the preferred vector width.
 */
final class VectorGemm implements Gemm {
    static final VectorSpecies<Float> S = species();
    static final int L = S.length();
    static final int MR = 4;
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int NC = 256;

    private static final ThreadLocal<float[]> A_PACK = ThreadLocal.withInitial(() -> new float[GemmSupport.ROW_BLOCK * KC]);
    private static final ThreadLocal<float[]> B_PACK = ThreadLocal.withInitial(() -> new float[KC * NC]);
    private static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    private static VectorSpecies<Float> species() {
        String bits = System.getProperty("issosynth.gemm.bits", "");
        switch (bits) {
            case "128":
                return FloatVector.SPECIES_128;
            case "256":
                return FloatVector.SPECIES_256;
            case "512":
                return FloatVector.SPECIES_512;
            default:
                return FloatVector.SPECIES_PREFERRED;
        }
    }

    @Override
    public String name() {
        return "vector" + S.vectorBitSize();
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, boolean transA, float[] b, int bOff, int ldb,
                         boolean transB, float[] c, int cOff, int ldc, float beta, Parallel par) {
        GemmSupport.check(m, n, k, a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        GemmSupport.scale(m, n, c, cOff, ldc, beta, par);
        run(m, n, k, a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, false, par);
    }

    /** n rounded up so that every strip stores whole vectors: to L for a last strip of at most L, else to NR. */
    @Override
    public int paddedStride(int n) {
        int rem = n % NR;
        return rem == 0 ? n : n - rem + (rem <= L ? L : NR);
    }

    @Override
    public void multiplyPadded(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float[] c, int cOff, int ldc) {
        GemmSupport.checkPadded(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, paddedStride(n));
        if (m == 0 || n == 0) {
            return;
        }
        run(m, n, k, a, aOff, lda, false, b, bOff, ldb, false, c, cOff, ldc, true, null);
    }

    /**
     * {@link Gemm#sumRows} one vector wide, four rows at a time: four independent add chains, each in a register
     * across the terms (one chain would wait for every add); each element keeps the terms' order.
     */
    @Override
    public void sumRows(float[] t, int[] off, int terms, float[] base, float[] y, int n, int width) {
        int vec = width / L * L;
        int r = 0;
        for (; r + 4 <= n; r += 4) {
            int o0 = r * terms;
            int o1 = o0 + terms;
            int o2 = o1 + terms;
            int o3 = o2 + terms;
            for (int j = 0; j < vec; j += L) {
                FloatVector b = FloatVector.fromArray(S, base, j);
                FloatVector a0 = b;
                FloatVector a1 = b;
                FloatVector a2 = b;
                FloatVector a3 = b;
                for (int k = 0; k < terms; k++) {
                    a0 = a0.add(FloatVector.fromArray(S, t, off[o0 + k] + j));
                    a1 = a1.add(FloatVector.fromArray(S, t, off[o1 + k] + j));
                    a2 = a2.add(FloatVector.fromArray(S, t, off[o2 + k] + j));
                    a3 = a3.add(FloatVector.fromArray(S, t, off[o3 + k] + j));
                }
                a0.intoArray(y, r * width + j);
                a1.intoArray(y, (r + 1) * width + j);
                a2.intoArray(y, (r + 2) * width + j);
                a3.intoArray(y, (r + 3) * width + j);
            }
        }
        for (; r < n; r++) {
            for (int j = 0; j < vec; j += L) {
                FloatVector acc = FloatVector.fromArray(S, base, j);
                for (int k = 0; k < terms; k++) {
                    acc = acc.add(FloatVector.fromArray(S, t, off[r * terms + k] + j));
                }
                acc.intoArray(y, r * width + j);
            }
        }
        if (vec < width) {
            for (r = 0; r < n; r++) {
                for (int j = vec; j < width; j++) {
                    float acc = base[j];
                    for (int k = 0; k < terms; k++) {
                        acc += t[off[r * terms + k] + j];
                    }
                    y[r * width + j] = acc;
                }
            }
        }
    }

    private void run(int m, int n, int k, float[] a, int aOff, int lda, boolean transA, float[] b, int bOff, int ldb,
                     boolean transB, float[] c, int cOff, int ldc, boolean padded, Parallel par) {
        if (k == 0) {
            return;
        }
        // B is packed by the calling thread before the row blocks are handed out (read-only meanwhile)
        float[] bp = B_PACK.get();
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, bOff, ldb, transB, pc, kc, jc, nc, bp);
                int jc0 = jc;
                int pc0 = pc;
                GemmSupport.forRowBlocks(m, par, (blk, from, to) ->
                        rowBlock(from, to, a, aOff, lda, transA, pc0, kc, bp, jc0, nc, c, cOff, ldc, padded));
            }
        }
    }

    static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }

    /** Packs B[pc..pc+kc, jc..jc+nc] into strips of NR columns: strip s, depth p, lane j at s*kc*NR + p*NR + j. */
    private static void packB(float[] b, int bOff, int ldb, boolean transB, int pc, int kc, int jc, int nc, float[] bp) {
        for (int s = 0, j0 = 0; j0 < nc; s++, j0 += NR) {
            int w = Math.min(NR, nc - j0);
            int base = s * kc * NR;
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * NR;
                    System.arraycopy(b, bOff + (pc + p) * ldb + jc + j0, bp, dst, w);
                    for (int j = w; j < NR; j++) {
                        bp[dst + j] = 0f;
                    }
                }
            } else {
                for (int j = 0; j < NR; j++) {
                    if (j < w) {
                        int src = bOff + (jc + j0 + j) * ldb + pc;
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * NR + j] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * NR + j] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** Packs A[from..to, pc..pc+kc] into MR-row micro-panels: tile t, depth p, row r at t*kc*MR + p*MR + r. */
    private static void packA(float[] a, int aOff, int lda, boolean transA, int from, int to, int pc, int kc, float[] ap) {
        for (int t = 0, i0 = from; i0 < to; t++, i0 += MR) {
            int h = Math.min(MR, to - i0);
            int base = t * kc * MR;
            if (h < MR) {
                java.util.Arrays.fill(ap, base, base + kc * MR, 0f);
            }
            if (!transA) {
                for (int r = 0; r < h; r++) {
                    int src = aOff + (i0 + r) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + r] = a[src + p];
                    }
                }
            }
        }
        if (transA) {
            // A stored k×m: row p of the storage holds this block's rows contiguously; scatter them into the tiles
            for (int p = 0; p < kc; p++) {
                int src = aOff + (pc + p) * lda;
                for (int i = from; i < to; i++) {
                    int t = (i - from) / MR;
                    ap[t * kc * MR + p * MR + (i - from) % MR] = a[src + i];
                }
            }
        }
    }

    /**
     * One block of output rows. A is read in place (no packing: the ARGN shapes have narrow outputs, where packing A
     * cost more than the multiplication); only a last partial tile of fewer than MR rows goes through the packed
     * kernel. With {@code padded}, a partial strip is stored as whole vectors (its zero B lanes add +0 to C's
     * padding) instead of being spilled and added element by element.
     */
    private static void rowBlock(int from, int to, float[] a, int aOff, int lda, boolean transA, int pc, int kc,
                                 float[] bp, int jc, int nc, float[] c, int cOff, int ldc, boolean padded) {
        float[] edge = EDGE.get();
        int rs = transA ? 1 : lda; // step between rows of op(A)
        int ds = transA ? lda : 1; // step along the depth
        int full = from + (to - from) / MR * MR;
        for (int s = 0, j0 = 0; j0 < nc; s++, j0 += NR) {
            int w = Math.min(NR, nc - j0);
            int sw = !padded ? w : w <= L ? L : NR; // width stored
            int bo = s * kc * NR;
            int i0 = from;
            if (w <= L) {
                // a strip at most one vector wide (narrow heads): 8 rows per tile keep the FMA units busy
                for (; i0 + 2 * MR <= full; i0 += 2 * MR) {
                    narrowKernel(a, aOff + i0 * rs + pc * ds, rs, ds, bp, bo, kc, c, cOff + i0 * ldc + jc + j0, ldc,
                            sw, edge);
                }
            }
            for (; i0 < full; i0 += MR) {
                int a0 = aOff + i0 * rs + pc * ds;
                directKernel(a, a0, rs, ds, bp, bo, kc, c, cOff + i0 * ldc + jc + j0, ldc, sw, edge);
            }
        }
        if (full < to) {
            float[] ap = A_PACK.get();
            packA(a, aOff, lda, transA, full, to, pc, kc, ap);
            for (int s = 0, j0 = 0; j0 < nc; s++, j0 += NR) {
                int w = Math.min(NR, nc - j0);
                kernel(ap, 0, bp, s * kc * NR, kc, c, cOff + full * ldc + jc + j0, ldc, to - full, w, edge);
            }
        }
    }

    /**
     * C[8×w tile at co] += A(8×kc) · Bp(kc×w) for w ≤ L: one accumulator vector per row. Every element is the same
     * FMA chain over the slice as in {@link #directKernel}, so results do not depend on which kernel ran.
     */
    private static void narrowKernel(float[] a, int ao, int rs, int ds, float[] bp, int bo, int kc, float[] c, int co,
                                     int ldc, int w, float[] edge) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            c0 = FloatVector.broadcast(S, a[ao]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ao + rs]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ao + 2 * rs]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ao + 3 * rs]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ao + 4 * rs]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ao + 5 * rs]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[ao + 6 * rs]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[ao + 7 * rs]).fma(b0, c7);
            ao += ds;
            bo += NR;
        }
        if (w == L) {
            FloatVector.fromArray(S, c, co).add(c0).intoArray(c, co);
            FloatVector.fromArray(S, c, co + ldc).add(c1).intoArray(c, co + ldc);
            FloatVector.fromArray(S, c, co + 2 * ldc).add(c2).intoArray(c, co + 2 * ldc);
            FloatVector.fromArray(S, c, co + 3 * ldc).add(c3).intoArray(c, co + 3 * ldc);
            FloatVector.fromArray(S, c, co + 4 * ldc).add(c4).intoArray(c, co + 4 * ldc);
            FloatVector.fromArray(S, c, co + 5 * ldc).add(c5).intoArray(c, co + 5 * ldc);
            FloatVector.fromArray(S, c, co + 6 * ldc).add(c6).intoArray(c, co + 6 * ldc);
            FloatVector.fromArray(S, c, co + 7 * ldc).add(c7).intoArray(c, co + 7 * ldc);
        } else {
            c0.intoArray(edge, 0);
            c1.intoArray(edge, NR);
            c2.intoArray(edge, 2 * NR);
            c3.intoArray(edge, 3 * NR);
            storeEdge(c, co, ldc, MR, w, edge);
            c4.intoArray(edge, 0);
            c5.intoArray(edge, NR);
            c6.intoArray(edge, 2 * NR);
            c7.intoArray(edge, 3 * NR);
            storeEdge(c, co + MR * ldc, ldc, MR, w, edge);
        }
    }

    /** C[MR×w tile at co] += A(MR×kc, rows rs apart, depth ds apart, from ao) · Bp(kc×NR). */
    private static void directKernel(float[] a, int ao, int rs, int ds, float[] bp, int bo, int kc, float[] c, int co,
                                     int ldc, int w, float[] edge) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        int r1 = rs;
        int r2 = 2 * rs;
        int r3 = 3 * rs;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + r1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + r2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + r3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            ao += ds;
            bo += NR;
        }
        // the tile store is written out in both kernels: vectors passed to a method that is not inlined get boxed
        if (w == NR) { // a direct tile always has MR rows
            addRow(c, co, c00, c01);
            addRow(c, co + ldc, c10, c11);
            addRow(c, co + 2 * ldc, c20, c21);
            addRow(c, co + 3 * ldc, c30, c31);
        } else {
            c00.intoArray(edge, 0);
            c01.intoArray(edge, L);
            c10.intoArray(edge, NR);
            c11.intoArray(edge, NR + L);
            c20.intoArray(edge, 2 * NR);
            c21.intoArray(edge, 2 * NR + L);
            c30.intoArray(edge, 3 * NR);
            c31.intoArray(edge, 3 * NR + L);
            storeEdge(c, co, ldc, MR, w, edge);
        }
    }

    /** C[h×w tile at co] += Ap(MR×kc) · Bp(kc×NR); accumulators stay in locals. */
    private static void kernel(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc, int h, int w,
                               float[] edge) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            ao += MR;
            bo += NR;
        }
        if (h == MR && w == NR) {
            addRow(c, co, c00, c01);
            addRow(c, co + ldc, c10, c11);
            addRow(c, co + 2 * ldc, c20, c21);
            addRow(c, co + 3 * ldc, c30, c31);
        } else {
            c00.intoArray(edge, 0);
            c01.intoArray(edge, L);
            c10.intoArray(edge, NR);
            c11.intoArray(edge, NR + L);
            c20.intoArray(edge, 2 * NR);
            c21.intoArray(edge, 2 * NR + L);
            c30.intoArray(edge, 3 * NR);
            c31.intoArray(edge, 3 * NR + L);
            storeEdge(c, co, ldc, h, w, edge);
        }
    }

    /** Adds the h×w top-left part of an accumulator tile spilled to {@code edge} to C. */
    private static void storeEdge(float[] c, int co, int ldc, int h, int w, float[] edge) {
        for (int r = 0; r < h; r++) {
            int cr = co + r * ldc;
            for (int j = 0; j < w; j++) {
                c[cr + j] += edge[r * NR + j];
            }
        }
    }

    private static void addRow(float[] c, int at, FloatVector v0, FloatVector v1) {
        FloatVector.fromArray(S, c, at).add(v0).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(v1).intoArray(c, at + L);
    }
}
