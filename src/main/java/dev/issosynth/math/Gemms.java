package dev.issosynth.math;

/**
 * Picks a GEMM kernel at run time. The Vector API kernel ({@code VectorGemm}) lives in the incubator module
 * {@code jdk.incubator.vector}, which the JVM only resolves when started with {@code --add-modules
 * jdk.incubator.vector}; it is therefore loaded reflectively and never referenced directly, so that plain
 * {@code java -jar} keeps working with {@link ScalarGemm}.
 *
 * <p>System property {@code issosynth.gemm}: {@code auto} (default: vector when available), {@code scalar}, or
 * {@code vector} (fails when the module is absent).
 */
public final class Gemms {
    public static final String PROPERTY = "issosynth.gemm";
    private static final String VECTOR_CLASS = "dev.issosynth.math.VectorGemm";

    private Gemms() {
    }

    /** The kernel selected by {@link #PROPERTY} (see the class comment). */
    public static Gemm best() {
        return select(System.getProperty(PROPERTY, "auto"));
    }

    /** Kernel for a choice {@code auto}, {@code scalar} or {@code vector}. */
    public static Gemm select(String choice) {
        switch (choice.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "scalar":
                return scalar();
            case "vector":
                return vector();
            case "auto":
            case "":
                if (vectorAvailable()) {
                    try {
                        return vector();
                    } catch (IllegalStateException e) {
                        return scalar();
                    }
                }
                return scalar();
            default:
                throw new IllegalArgumentException(PROPERTY + ": expected auto, scalar or vector, got '" + choice + "'");
        }
    }

    public static Gemm scalar() {
        return new ScalarGemm();
    }

    /** True when {@code jdk.incubator.vector} is in the boot layer (JVM started with {@code --add-modules}). */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The Vector API kernel; throws {@link IllegalStateException} when the incubator module is not loaded. */
    public static Gemm vector() {
        if (!vectorAvailable()) {
            throw new IllegalStateException("the Vector API kernel needs the JVM option --add-modules jdk.incubator.vector");
        }
        try {
            return (Gemm) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load " + VECTOR_CLASS + ": " + e, e);
        }
    }
}
