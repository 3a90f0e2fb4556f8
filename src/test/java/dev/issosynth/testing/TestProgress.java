package dev.issosynth.testing;

import dev.issosynth.util.Progress;

import java.util.List;

/** Progress for tests that read what a step reports. */
public final class TestProgress {
    private TestProgress() {
    }

    /** A silent progress whose info lines are added to {@code lines}. */
    public static Progress infoInto(List<String> lines) {
        return Progress.to(new Progress.Sink() {
            @Override
            public void stage(String stage) {
            }

            @Override
            public void update(String stage, double fraction, String detail) {
            }

            @Override
            public void done(String stage, double seconds, String detail) {
            }

            @Override
            public void info(String line) {
                lines.add(line);
            }
        });
    }
}
