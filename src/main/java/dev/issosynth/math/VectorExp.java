package dev.issosynth.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ExpKernel} on the incubating Vector API (the JDK's vector math library computes EXP lanewise). Loaded only
 * reflectively by {@link ExpKernel#best()}, like {@link VectorGemm}.
 */
final class VectorExp implements ExpKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public String name() {
        return "vector" + S.vectorBitSize();
    }

    @Override
    public void expAffine(float[] x, int off, int len, float scale, float shift, float[] out) {
        int i = 0;
        int bound = S.loopBound(len);
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, off + i).mul(scale).sub(shift).lanewise(VectorOperators.EXP)
                    .intoArray(out, i);
        }
        for (; i < len; i++) {
            out[i] = (float) Math.exp(x[off + i] * scale - shift);
        }
    }

    @Override
    public float maxScaled(float[] x, int off, int len, float scale) {
        // four independent chains hide the latency of max; max is exact, so the order does not change the result
        int i = 0;
        int step = 4 * S.length();
        int bound4 = len / step * step;
        FloatVector m0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        FloatVector m1 = m0;
        FloatVector m2 = m0;
        FloatVector m3 = m0;
        for (; i < bound4; i += step) {
            m0 = m0.max(FloatVector.fromArray(S, x, off + i));
            m1 = m1.max(FloatVector.fromArray(S, x, off + i + S.length()));
            m2 = m2.max(FloatVector.fromArray(S, x, off + i + 2 * S.length()));
            m3 = m3.max(FloatVector.fromArray(S, x, off + i + 3 * S.length()));
        }
        int bound = S.loopBound(len);
        for (; i < bound; i += S.length()) {
            m0 = m0.max(FloatVector.fromArray(S, x, off + i));
        }
        float r = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        for (; i < len; i++) {
            r = Math.max(r, x[off + i]);
        }
        return r * scale;
    }

    @Override
    public float sum(float[] w, int len) {
        int i = 0;
        int bound = S.loopBound(len);
        FloatVector t = FloatVector.zero(S);
        for (; i < bound; i += S.length()) {
            t = t.add(FloatVector.fromArray(S, w, i));
        }
        float r = t.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            r += w[i];
        }
        return r;
    }

    @Override
    public float expSum(float[] x, int off, int len, float scale, float[] out) {
        int i = 0;
        int bound = S.loopBound(len);
        FloatVector t = FloatVector.zero(S);
        for (; i < bound; i += S.length()) {
            FloatVector e = FloatVector.fromArray(S, x, off + i).mul(scale).lanewise(VectorOperators.EXP);
            e.intoArray(out, i);
            t = t.add(e);
        }
        float r = t.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            float e = (float) Math.exp(x[off + i] * scale);
            out[i] = e;
            r += e;
        }
        return r;
    }
}
