package dev.issosynth.generator.argn.sample;

import dev.issosynth.math.ExpKernel;

import java.util.SplittableRandom;

/**
 * Draws one code of a sub-column from its logits, in the steps of MOSTLY AI's engine: softmax → temperature
 * ({@code p ← softmax(log p / max(T, 1e-3))}, computed as {@code softmax(logits / T')}, which is the same
 * distribution without the float round trip) → nucleus top-p (smallest highest-probability set with cumulative
 * probability ≥ top_p, at least one code, renormalised; skipped for top_p ≥ 1) → suppression and fixed-probability
 * overrides → multinomial draw.
 *
 * <p>Overrides: suppressed codes ({@code boolean[]} mask) and codes with fixed probability 0 are never drawn; a
 * suppressed code's fixed probability, if any, is ignored. Fixed codes get their probability, the remaining codes
 * in the nucleus share {@code 1 − Σfixed} in proportion to their probabilities. If the nucleus holds no free
 * (non-fixed, non-suppressed) code — e.g. top_p kept only a suppressed argmax — the free codes of the whole tempered
 * distribution are used instead. If no free code exists at all, the positive fixed probabilities are renormalised;
 * if nothing is drawable an {@link IllegalStateException} is thrown. Scores are shifted by the maximum among the
 * free codes, so even at T→0 with a suppressed argmax the best allowed code is found (no all-zero underflow).
 *
 * <p>Logits must be finite or −∞ (NaN counts as −∞). Not thread-safe: one instance per sampling thread. All
 * work happens in scratch buffers sized at construction; {@link #sample} allocates nothing. Deterministic for a
 * given {@link SplittableRandom} state (one {@code nextDouble()} per draw).
 */
public final class TokenSampler {
    public static final double MIN_TEMPERATURE = 1e-3;

    private static final byte KEPT = 1;
    private static final byte FIXED = 2;

    private final double temperature;
    private final double topP;
    private final double[] score;
    private final double[] prob;
    private final int[] heap;
    private final byte[] flags;
    private final float[] weights;
    private final ExpKernel exp = ExpKernel.best();

    /**
     * @param maxCardinality largest sub-column cardinality this sampler will see (scratch size)
     * @param temperature    sampling temperature, clamped below at 1e-3 (default 1)
     * @param topP           nucleus share in (0, 1] (default 1 = off)
     */
    public TokenSampler(int maxCardinality, double temperature, double topP) {
        if (maxCardinality <= 0) {
            throw new IllegalArgumentException("maxCardinality must be positive: " + maxCardinality);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0: " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1]: " + topP);
        }
        this.temperature = Math.max(temperature, MIN_TEMPERATURE);
        this.topP = topP;
        this.score = new double[maxCardinality];
        this.prob = new double[maxCardinality];
        this.heap = new int[maxCardinality];
        this.flags = new byte[maxCardinality];
        this.weights = new float[maxCardinality];
    }

    /** Sampler with temperature 1 and top_p 1. */
    public TokenSampler(int maxCardinality) {
        this(maxCardinality, 1.0, 1.0);
    }

    /** Effective temperature ({@code max(T, 1e-3)}). */
    public double temperature() {
        return temperature;
    }

    public double topP() {
        return topP;
    }

    public int capacity() {
        return score.length;
    }

    /**
     * Draws a code in {@code [0, len)} from {@code logits[off..off+len)}.
     *
     * @param suppressed null, or a mask indexed by code (length ≥ len); true = never drawn
     * @param fixed      null, or fixed-probability overrides for codes {@code < len}
     */
    public int sample(float[] logits, int off, int len, boolean[] suppressed, FixedProbabilities fixed,
                      SplittableRandom rnd) {
        return sample(logits, off, len, len, suppressed, fixed, rnd);
    }

    /**
     * {@link #sample(float[], int, int, boolean[], FixedProbabilities, SplittableRandom)} for a row followed by
     * scratch: {@code logits[off+len..off+room)} belong to the caller, who lets the sampler overwrite them (with
     * −∞), so its vector passes cover whole vectors (a generation context's padded logit rows). The draw is the
     * same as with {@code room = len}, up to float rounding. {@code room} must not exceed {@link #capacity}.
     */
    public int sample(float[] logits, int off, int len, int room, boolean[] suppressed, FixedProbabilities fixed,
                      SplittableRandom rnd) {
        checkRow(logits, off, len, room, suppressed);
        if (topP >= 1.0 && fixed == null) {
            int code = sampleTempered(logits, off, len, room, suppressed, rnd);
            if (code >= 0) {
                return code;
            }
        }
        double total = compute(logits, off, len, suppressed, fixed);
        double u = rnd.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < len; i++) {
            double p = prob[i];
            if (p > 0) {
                last = i;
                u -= p;
                if (u < 0) {
                    return i;
                }
            }
        }
        return last; // rounding: u landed on the total
    }

    /**
     * Below this sum the unshifted weights of {@link #sampleTempered} may include subnormal ones (relative error
     * large, though their share is below 2^-62 of the total); the shifted pass is used then.
     */
    private static final float MIN_UNSHIFTED_TOTAL = 0x1p-64f;

    /**
     * The common case (no nucleus, no fixed probabilities), in vectorised float passes ({@link ExpKernel}):
     * first {@code exp(logit/T)} and its sum unshifted in one pass, which is exact enough whenever the sum neither
     * overflows nor falls near the subnormals; else shifted by the maximum. Suppressed codes are zeroed; then one
     * scan to the draw. Same distribution (up to float rounding) and the same single {@code nextDouble()} as the
     * general path. Returns −1, without drawing, when NaN logits or weights that underflow (a suppressed code far
     * above the rest) need the general path.
     */
    private int sampleTempered(float[] logits, int off, int len, int room, boolean[] suppressed,
                               SplittableRandom rnd) {
        float invT = (float) (1.0 / temperature);
        float[] w = weights;
        for (int i = len; i < room; i++) {
            logits[off + i] = Float.NEGATIVE_INFINITY; // exp gives 0: whole vectors, no scalar tail
        }
        float total;
        if (suppressed == null) {
            total = exp.expSum(logits, off, room, invT, w);
        } else {
            exp.expAffine(logits, off, room, invT, 0f, w);
            total = zeroSuppressedAndSum(w, len, room, suppressed);
        }
        if (!(total >= MIN_UNSHIFTED_TOTAL && total <= Float.MAX_VALUE)) {
            total = shiftedWeights(logits, off, len, invT, suppressed, w);
        }
        if (!(total > 0) || Float.isInfinite(total) || total != total) {
            return -1; // the general path (exact max over drawable codes, NaN as −∞); rnd not touched yet
        }
        double u = rnd.nextDouble() * total;
        double acc = 0;
        int last = -1;
        for (int i = 0; i < len; i++) {
            float p = w[i];
            if (p > 0) {
                acc += p;
                last = i;
                if (u < acc) {
                    return i;
                }
            }
        }
        return last; // rounding: u landed on the total
    }

    /**
     * {@code w[0..len) = exp(logit/T − max)}, suppressed codes 0, and their sum; 0 when the max is not finite. The
     * max is over all codes: a suppressed code above every drawable one only shrinks the weights, and if they
     * underflow the exact path takes over.
     */
    private float shiftedWeights(float[] logits, int off, int len, float invT, boolean[] suppressed, float[] w) {
        float max = exp.maxScaled(logits, off, len, invT);
        if (!Float.isFinite(max)) {
            return 0f;
        }
        exp.expAffine(logits, off, len, invT, max, w);
        return suppressed == null ? exp.sum(w, len) : zeroSuppressedAndSum(w, len, len, suppressed);
    }

    private float zeroSuppressedAndSum(float[] w, int len, int room, boolean[] suppressed) {
        for (int i = 0; i < len; i++) {
            if (suppressed[i]) {
                w[i] = 0f;
            }
        }
        return exp.sum(w, room);
    }

    /** {@link #sample} without overrides. */
    public int sample(float[] logits, int off, int len, SplittableRandom rnd) {
        return sample(logits, off, len, null, null, rnd);
    }

    /**
     * Writes the final sampling distribution (after all steps, summing to 1) into {@code out[0..len)}; for
     * diagnostics and tests.
     */
    public void probabilities(float[] logits, int off, int len, boolean[] suppressed, FixedProbabilities fixed,
                              double[] out) {
        double total = compute(logits, off, len, suppressed, fixed);
        for (int i = 0; i < len; i++) {
            out[i] = prob[i] / total;
        }
    }

    /** Checks a row of {@code len} codes followed by scratch up to {@code room} (= len: none). */
    private void checkRow(float[] logits, int off, int len, int room, boolean[] suppressed) {
        if (len <= 0 || len > score.length) {
            throw new IllegalArgumentException("length " + len + " outside [1, " + score.length + "]");
        }
        if (room < len || room > weights.length) {
            throw new IllegalArgumentException("room " + room + " for length " + len + ", capacity "
                    + weights.length);
        }
        if (off < 0 || off + room > logits.length) {
            throw new IndexOutOfBoundsException("logits[" + off + ", " + (off + room) + ") of " + logits.length);
        }
        if (suppressed != null && suppressed.length < len) {
            throw new IllegalArgumentException("suppression mask shorter than the cardinality");
        }
    }

    /** Fills {@code prob[0..len)} with the unnormalised final weights and returns their sum (> 0). */
    private double compute(float[] logits, int off, int len, boolean[] suppressed, FixedProbabilities fixed) {
        checkRow(logits, off, len, len, suppressed);
        if (fixed != null && fixed.maxCode() >= len) {
            throw new IllegalArgumentException("fixed code " + fixed.maxCode() + " >= cardinality " + len);
        }
        double max = temperedScores(logits, off, len);
        boolean nucleus = topP < 1.0;
        if (nucleus) {
            applyTopP(len, max);
        }
        double fixedSum = markFixed(suppressed, fixed);
        double freeMax = maxFree(len, suppressed, true);
        boolean useNucleus = true;
        if (freeMax == Double.NEGATIVE_INFINITY && nucleus) {
            useNucleus = false; // the nucleus has no free code: fall back to the whole tempered distribution
            freeMax = maxFree(len, suppressed, false);
        }
        double rest = Math.max(0.0, 1.0 - fixedSum);
        double total = 0;
        if (freeMax != Double.NEGATIVE_INFINITY) {
            shareRest(len, suppressed, useNucleus, freeMax, rest);
            total = rest;
        } else {
            java.util.Arrays.fill(prob, 0, len, 0.0);
        }
        total = addFixed(suppressed, fixed, total);
        if (!(total > 0)) {
            throw new IllegalStateException("no code of this sub-column can be drawn (all suppressed or fixed at 0)");
        }
        return total;
    }

    /** {@code score[0..len) = logit / T} (NaN as −∞), every code KEPT; returns the largest score. */
    private double temperedScores(float[] logits, int off, int len) {
        double invT = 1.0 / temperature;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) {
            double s = logits[off + i] * invT;
            if (s != s) {
                s = Double.NEGATIVE_INFINITY; // a NaN logit is treated as probability 0
            }
            score[i] = s;
            if (s > max) {
                max = s;
            }
            flags[i] = KEPT;
        }
        return max;
    }

    /** Flags the fixed codes FIXED; returns the sum of their probabilities, suppressed ones left out. */
    private double markFixed(boolean[] suppressed, FixedProbabilities fixed) {
        double fixedSum = 0;
        if (fixed != null) {
            for (int k = 0; k < fixed.size(); k++) {
                int c = fixed.code(k);
                flags[c] |= FIXED;
                if (suppressed == null || !suppressed[c]) {
                    fixedSum += fixed.probability(k);
                }
            }
        }
        return fixedSum;
    }

    /** The free codes share {@code rest} in proportion to {@code exp(score − freeMax)}; the others get 0. */
    private void shareRest(int len, boolean[] suppressed, boolean useNucleus, double freeMax, double rest) {
        double w = 0;
        for (int i = 0; i < len; i++) {
            double p = 0;
            if (isFree(i, suppressed, useNucleus)) {
                p = Math.exp(score[i] - freeMax);
            }
            prob[i] = p;
            w += p;
        }
        double scale = rest / w;
        for (int i = 0; i < len; i++) {
            prob[i] *= scale;
        }
    }

    /** Sets the fixed codes' probabilities (0 if suppressed), each added to {@code total} in turn; the new total. */
    private double addFixed(boolean[] suppressed, FixedProbabilities fixed, double total) {
        if (fixed != null) {
            for (int k = 0; k < fixed.size(); k++) {
                int c = fixed.code(k);
                double p = (suppressed != null && suppressed[c]) ? 0.0 : fixed.probability(k);
                prob[c] = p;
                total += p;
            }
        }
        return total;
    }

    private boolean isFree(int i, boolean[] suppressed, boolean nucleusOnly) {
        byte f = flags[i];
        return (f & FIXED) == 0 && (!nucleusOnly || (f & KEPT) != 0) && (suppressed == null || !suppressed[i]);
    }

    private double maxFree(int len, boolean[] suppressed, boolean nucleusOnly) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) {
            if (isFree(i, suppressed, nucleusOnly) && score[i] > m) {
                m = score[i];
            }
        }
        return m;
    }

    /** Marks the smallest highest-probability set with cumulative probability ≥ top_p as KEPT (≥ 1 code). */
    private void applyTopP(int len, double max) {
        double z = 0;
        for (int i = 0; i < len; i++) {
            double p = Math.exp(score[i] - max);
            prob[i] = p;
            z += p;
            heap[i] = i;
            flags[i] = 0;
        }
        for (int i = (len >>> 1) - 1; i >= 0; i--) {
            siftDown(i, len);
        }
        double target = topP * z;
        double cum = 0;
        int size = len;
        while (size > 0) {
            int top = heap[0];
            flags[top] = KEPT;
            cum += prob[top];
            if (cum >= target) {
                break;
            }
            size--;
            heap[0] = heap[size];
            siftDown(0, size);
        }
    }

    /** Max-heap on {@code prob[heap[·]]}, ties broken towards the lower code. */
    private void siftDown(int i, int size) {
        int x = heap[i];
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                break;
            }
            int r = l + 1;
            int c = (r < size && before(heap[r], heap[l])) ? r : l;
            if (!before(heap[c], x)) {
                break;
            }
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = x;
    }

    private boolean before(int a, int b) {
        double pa = prob[a];
        double pb = prob[b];
        return pa > pb || (pa == pb && a < b);
    }
}
