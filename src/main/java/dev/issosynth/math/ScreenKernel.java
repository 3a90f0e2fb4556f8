package dev.issosynth.math;

/**
 * The screen of a nearest-neighbour search (the privacy figures): finds, in a row of dot products {@code q·x_j}, the
 * next data row whose screened squared distance {@code norms[j] − 2·dots[j]} (the query's own norm left out) is at
 * most a limit. Computed as {@code norms[j] − 2f·dots[j]} in float by every kernel (the doubling is exact), so every
 * kernel finds the same rows.
 */
public interface ScreenKernel {
    /** Short name for logs and benchmarks. */
    String name();

    /**
     * The first {@code j} in {@code [from, to)} with {@code norms[nOff + j] − 2f·dots[dOff + j] ≤ limit}, or
     * {@code to} when there is none.
     */
    int firstAtMost(float[] norms, int nOff, float[] dots, int dOff, int from, int to, float limit);

    /**
     * As {@link #firstAtMost} on the sum of three rows of dot products, {@code (a[dOff + j] + b[dOff + j]) +
     * c[dOff + j]} in float (the dot products of three parts of the dimensions).
     */
    int firstAtMost3(float[] norms, int nOff, float[] a, float[] b, float[] c, int dOff, int from, int to, float limit);

    /** The Vector API kernel when {@code jdk.incubator.vector} is loaded (see {@link Gemms}), else the scalar one. */
    static ScreenKernel best() {
        if (Gemms.vectorAvailable()) {
            try {
                return (ScreenKernel) Class.forName("dev.issosynth.math.VectorScreen")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return scalar();
            }
        }
        return scalar();
    }

    /** One element at a time (any JDK); also the vector kernel's tail, so both find the same rows. */
    ScreenKernel SCALAR = new ScreenKernel() {
        @Override
        public String name() {
            return "scalar";
        }

        @Override
        public int firstAtMost(float[] norms, int nOff, float[] dots, int dOff, int from, int to, float limit) {
            for (int j = from; j < to; j++) {
                if (norms[nOff + j] - 2f * dots[dOff + j] <= limit) {
                    return j;
                }
            }
            return to;
        }

        @Override
        public int firstAtMost3(float[] norms, int nOff, float[] a, float[] b, float[] c, int dOff, int from, int to,
                                float limit) {
            for (int j = from; j < to; j++) {
                if (norms[nOff + j] - 2f * ((a[dOff + j] + b[dOff + j]) + c[dOff + j]) <= limit) {
                    return j;
                }
            }
            return to;
        }
    };

    /** {@link #SCALAR}. */
    static ScreenKernel scalar() {
        return SCALAR;
    }
}
