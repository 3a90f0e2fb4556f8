package dev.issosynth.cli;

/** The process exit codes; the top-level --help and the README list them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /**
     * The privacy limits failed (DCR share ≥ 0.52 or NNDR ratio ≤ 0.5, worst column group): evaluate --fail-on-privacy,
     * and run --holdout unless --privacy-gate=false (after the result and the report are written).
     */
    public static final int PRIVACY_FAIL = 3;
    /** An outside model failed: the MOSTLY AI platform (refused key or request, failed job, unreachable) or the Python bridge. */
    public static final int EXTERNAL_MODEL = 4;

    private ExitCodes() {
    }
}
