package dev.issosynth.bench;

import dev.issosynth.math.Gemm;
import dev.issosynth.util.Parallel;

import java.lang.reflect.Method;

/**
 * OpenBLAS {@code cblas_sgemm} (org.bytedeco:openblas through JavaCPP, bundled native binaries from Maven Central)
 * behind the {@link Gemm} interface, for bench/gemm_openblas.sh only: it is not a dependency of the tool, so it is
 * reached by reflection and needs the JavaCPP jars on the class path. Offsets must be 0 (the bench shapes).
 */
final class OpenBlasGemm implements Gemm {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private final Method sgemm;
    private final Method setThreads;
    private int threads = -1;

    OpenBlasGemm() {
        try {
            Class<?> c = Class.forName("org.bytedeco.openblas.global.openblas");
            sgemm = c.getMethod("cblas_sgemm", int.class, int.class, int.class, int.class, int.class, int.class,
                    float.class, float[].class, int.class, float[].class, int.class, float.class, float[].class,
                    int.class);
            setThreads = c.getMethod("blas_set_num_threads", int.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("OpenBLAS (org.bytedeco:openblas) is not on the class path: " + e, e);
        }
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, boolean transA, float[] b, int bOff,
            int ldb, boolean transB, float[] c, int cOff, int ldc, float beta, Parallel par) {
        if (aOff != 0 || bOff != 0 || cOff != 0) {
            throw new IllegalArgumentException("OpenBlasGemm supports offset 0 only");
        }
        int t = par == null ? 1 : par.threads();
        try {
            if (t != threads) {
                setThreads.invoke(null, t);
                threads = t;
            }
            sgemm.invoke(null, ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, 1f, a, lda,
                    b, ldb, beta, c, ldc);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
