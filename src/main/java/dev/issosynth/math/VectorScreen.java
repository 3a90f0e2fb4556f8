package dev.issosynth.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScreenKernel} on the incubating Vector API: a whole vector of screened values per step, compared with the
 * limit at once; only a step with a hit looks at single lanes. Loaded only reflectively by
 * {@link ScreenKernel#best()}, like {@link VectorGemm}.
 */
final class VectorScreen implements ScreenKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public String name() {
        return "vector" + S.vectorBitSize();
    }

    @Override
    public int firstAtMost(float[] norms, int nOff, float[] dots, int dOff, int from, int to, float limit) {
        int j = from;
        int bound = from + S.loopBound(to - from);
        for (; j < bound; j += S.length()) {
            FloatVector s = FloatVector.fromArray(S, norms, nOff + j)
                    .sub(FloatVector.fromArray(S, dots, dOff + j).mul(2f));
            VectorMask<Float> hit = s.compare(VectorOperators.LE, limit);
            if (hit.anyTrue()) {
                return j + hit.firstTrue();
            }
        }
        return SCALAR.firstAtMost(norms, nOff, dots, dOff, j, to, limit);
    }

    @Override
    public int firstAtMost3(float[] norms, int nOff, float[] a, float[] b, float[] c, int dOff, int from, int to,
                            float limit) {
        int j = from;
        int bound = from + S.loopBound(to - from);
        for (; j < bound; j += S.length()) {
            FloatVector dot = FloatVector.fromArray(S, a, dOff + j).add(FloatVector.fromArray(S, b, dOff + j))
                    .add(FloatVector.fromArray(S, c, dOff + j));
            FloatVector s = FloatVector.fromArray(S, norms, nOff + j).sub(dot.mul(2f));
            VectorMask<Float> hit = s.compare(VectorOperators.LE, limit);
            if (hit.anyTrue()) {
                return j + hit.firstTrue();
            }
        }
        return SCALAR.firstAtMost3(norms, nOff, a, b, c, dOff, j, to, limit);
    }
}
