package dev.issosynth.generator.argn.model;

import java.util.Arrays;

/**
 * Inverted dropout of the regressor inputs: before EVERY regressor Linear layer (not the predictor), in training
 * calls only, each input element is zeroed with probability p and kept ones are scaled by 1/(1−p). Masks are
 * independent per head and per layer. A training call has ONE mask seed; the mask element {@code i} of head
 * {@code s}, layer {@code l} is a pure function (SplitMix64 hash) of that seed and {@code (s, l, i)}, so the
 * backward pass regenerates exactly the forward masks without storing them, and results are deterministic for a
 * seed regardless of evaluation order. Only layer 0's keep bits are stored (one bit per element, per head): its
 * input gradient is summed over the heads per block of rows, long after the head's own pass.
 *
 * <p>Heads may run concurrently: each writes only its own keep bits.
 */
final class DropoutMasks {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private float rate;
    private long seed;
    private final int heads;
    private final int wordsPerHead; // layer-0 keep bits of one head: maxBatch × dIn bits
    private long[] keepBits;        // allocated on the first training call with dropout

    DropoutMasks(float rate, int heads, int maxBatch, int dIn) {
        setRate(rate);
        this.heads = heads;
        wordsPerHead = Math.toIntExact(((long) maxBatch * dIn + 63) >>> 6);
    }

    float rate() {
        return rate;
    }

    void setRate(float rate) {
        this.rate = checkedRate(rate);
    }

    static float checkedRate(float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        return rate;
    }

    /** Starts a call with mask seed {@code seed}; with {@code drop}, makes room for the keep bits first. */
    void startCall(long seed, boolean drop) {
        this.seed = seed;
        if (drop && keepBits == null) { // before the heads run in parallel
            keepBits = new long[Math.toIntExact((long) heads * wordsPerHead)];
        }
    }

    /** Drops out the first layer's input {@code x[0..n)} of head {@code s} and keeps its bits for the backward. */
    void dropFirstLayerInput(int s, float[] x, int n) {
        int off = s * wordsPerHead;
        fillKeepWords(s, 0, keepBits, off, (n + 63) >>> 6);
        applyKeepBits(x, 0, keepBits, off, 0, n);
    }

    /** The stored first-layer mask of head {@code s}, elements {@code first..first+n}, applied to {@code g[0..n)}. */
    void dropFirstLayerGradient(int s, float[] g, int first, int n) {
        applyKeepBits(g, 0, keepBits, s * wordsPerHead, first, n);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Base of the mask stream of head {@code s}, layer {@code l} under the current mask seed. */
    private long maskBase(int s, int l) {
        return mix64(seed + GOLDEN * (((long) s << 8) + l + 1));
    }

    /**
     * The keep bits (1 = keep) of elements {@code [64·w, 64·w + 64)} of the mask stream {@code base}: element i is
     * dropped when its 8-bit uniform U_i is below k = round(p·256), so p is applied at 1/256 resolution (the default
     * 0.25 exactly). The eight bit planes of U for 64 elements are SplitMix64 hashes of (base, w, plane), compared
     * with k bit-sliced from the top plane down and stopped once k's remaining bits are zero (two hashes per 64
     * elements for p = 0.25). A pure function of (seed, head, layer, element).
     */
    private static long keepWord(long base, long w, int k) {
        long lt = 0;
        long eq = -1L;
        for (int j = 7; j >= 0 && (k & ((2 << j) - 1)) != 0; j--) {
            long plane = mix64(base + GOLDEN * (w * 8 + j));
            if (((k >>> j) & 1) != 0) {
                lt |= eq & ~plane;
                eq &= plane;
            } else {
                eq &= ~plane;
            }
        }
        return ~lt;
    }

    private int dropThreshold() {
        return Math.min(255, (int) Math.round((double) rate * 256));
    }

    /** Fills {@code dst[off .. off+words)} with the keep words 0.. of head {@code s}, layer {@code l}. */
    private void fillKeepWords(int s, int l, long[] dst, int off, int words) {
        long base = maskBase(s, l);
        int k = dropThreshold();
        for (int w = 0; w < words; w++) {
            dst[off + w] = keepWord(base, w, k);
        }
    }

    /**
     * {@code x[xOff+i] *= keep or 0} by bit {@code first+i} of the keep words at {@code bits[off..]}. Branch-free
     * (a two-entry scale table): the bits are random, so a branch would mispredict a quarter of the time.
     */
    private void applyKeepBits(float[] x, int xOff, long[] bits, int off, int first, int n) {
        float[] scale = {0f, 1f / (1f - rate)};
        int i = 0;
        while (i < n) {
            int e = first + i;
            long word = bits[off + (e >>> 6)] >>> (e & 63);
            int run = Math.min(n - i, 64 - (e & 63));
            int o = xOff + i;
            for (int j = 0; j < run; j++) {
                x[o + j] *= scale[(int) (word >>> j) & 1];
            }
            i += run;
        }
    }

    /**
     * Multiplies {@code x[xOff .. xOff+n)} by the dropout scales (0 or 1/(1−p)) of elements {@code first ..
     * first+n} of head {@code s}, layer {@code l} (see {@link #keepWord}).
     */
    void apply(int s, int l, float[] x, int xOff, int first, int n) {
        long base = maskBase(s, l);
        int k = dropThreshold();
        float keep = 1f / (1f - rate);
        long w = -1;
        long word = 0;
        for (int i = 0; i < n; i++) {
            int e = first + i;
            if ((e >>> 6) != w) {
                w = e >>> 6;
                word = keepWord(base, w, k);
            }
            x[xOff + i] = ((word >>> e) & 1L) != 0 ? x[xOff + i] * keep : 0f;
        }
    }

    /** Test hook behind {@link FlatModel#dropoutScales}: the scales of a call with mask seed {@code seed}. */
    float[] scales(long seed, int s, int l, int n) {
        long savedSeed = this.seed;
        this.seed = seed;
        float[] x = new float[n];
        Arrays.fill(x, 1f);
        apply(s, l, x, 0, 0, n);
        this.seed = savedSeed;
        return x;
    }
}
