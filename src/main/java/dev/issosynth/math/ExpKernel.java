package dev.issosynth.math;

/** Elementwise {@code out[i] = exp(x[off+i]·scale − shift)} for a row of logits (the sampler's softmax). */
public interface ExpKernel {
    /** Short name for logs and benchmarks. */
    String name();

    /** {@code out[0..len) = exp(x[off..off+len)·scale − shift)}, in float precision. */
    void expAffine(float[] x, int off, int len, float scale, float shift, float[] out);

    /** {@code max(x[off..off+len)) · scale} for scale > 0 (NaN if any element is NaN). */
    float maxScaled(float[] x, int off, int len, float scale);

    /** {@code Σ w[0..len)} (float lanes; order of additions unspecified but fixed for a kernel). */
    float sum(float[] w, int len);

    /**
     * {@code out[0..len) = exp(x[off..off+len)·scale)} and their sum in one pass (no shift: the caller checks the
     * sum for overflow and underflow). Order of additions fixed for a kernel.
     */
    float expSum(float[] x, int off, int len, float scale, float[] out);

    /** The Vector API kernel when {@code jdk.incubator.vector} is loaded (see {@link Gemms}), else the scalar one. */
    static ExpKernel best() {
        if (Gemms.vectorAvailable()) {
            try {
                return (ExpKernel) Class.forName("dev.issosynth.math.VectorExp")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return scalar();
            }
        }
        return scalar();
    }

    /** {@link Math#exp} per element (any JDK). */
    static ExpKernel scalar() {
        return new ExpKernel() {
            @Override
            public String name() {
                return "scalar";
            }

            @Override
            public void expAffine(float[] x, int off, int len, float scale, float shift, float[] out) {
                for (int i = 0; i < len; i++) {
                    out[i] = (float) Math.exp(x[off + i] * scale - shift);
                }
            }

            @Override
            public float maxScaled(float[] x, int off, int len, float scale) {
                float m = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < len; i++) {
                    m = Math.max(m, x[off + i]);
                }
                return m * scale;
            }

            @Override
            public float sum(float[] w, int len) {
                float t = 0;
                for (int i = 0; i < len; i++) {
                    t += w[i];
                }
                return t;
            }

            @Override
            public float expSum(float[] x, int off, int len, float scale, float[] out) {
                float t = 0;
                for (int i = 0; i < len; i++) {
                    float e = (float) Math.exp(x[off + i] * scale);
                    out[i] = e;
                    t += e;
                }
                return t;
            }
        };
    }
}
