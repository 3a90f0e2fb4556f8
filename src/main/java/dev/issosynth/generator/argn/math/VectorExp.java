package dev.issosynth.generator.argn.math;

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
}
