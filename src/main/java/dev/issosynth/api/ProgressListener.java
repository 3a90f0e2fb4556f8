package dev.issosynth.api;

import dev.issosynth.util.Progress;

/**
 * What a long step reports while it runs: stages ("read", "train argn", "ipf", "refine", ...), their progress and
 * the lines the command line would print. Every method does nothing unless overridden.
 */
public interface ProgressListener {
    /** A stage starts. */
    default void stage(String stage) {
    }

    /** {@code fraction} in [0, 1] (NaN: unknown total); about once a second at most. */
    default void progress(String stage, double fraction, String detail) {
    }

    /** A stage ends. */
    default void done(String stage, double seconds, String detail) {
    }

    /** Any other line (settings chosen, figures). */
    default void info(String line) {
    }

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return new ProgressListener() {
        };
    }

    /** The project's progress object that feeds {@code listener} (and prints nothing). */
    static Progress progressOf(ProgressListener listener) {
        ProgressListener l = listener == null ? none() : listener;
        return Progress.to(new Progress.Sink() {
            @Override
            public void stage(String stage) {
                l.stage(stage);
            }

            @Override
            public void update(String stage, double fraction, String detail) {
                l.progress(stage, fraction, detail);
            }

            @Override
            public void done(String stage, double seconds, String detail) {
                l.done(stage, seconds, detail);
            }

            @Override
            public void info(String line) {
                l.info(line);
            }
        });
    }
}
