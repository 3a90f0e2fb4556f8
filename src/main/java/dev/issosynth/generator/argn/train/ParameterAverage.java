package dev.issosynth.generator.argn.train;

import dev.issosynth.util.Parallel;

/**
 * A moving average of the parameters over the training steps (Polyak averaging). Averaged weights sit nearer the
 * middle of the region that SGD noise makes the weights wander in, and generalise better than any single step's
 * weights; on the small tables they lifted the raw pool's accuracy and cut its spread over seeds
 * (bench/argn_quality.md). The first {@code window} updates are a plain mean (so the random initial weights fade out
 * at once), later ones an exponential average over about {@code window} steps.
 */
public final class ParameterAverage {
    private static final int BLOCK = 1 << 16;
    private final float[] average;
    private final double window;
    private long updates;

    /** Starts from {@code params} (copied); {@code window} ≥ 1 steps. */
    public ParameterAverage(float[] params, double window) {
        if (!(window >= 1)) {
            throw new IllegalArgumentException("window must be at least 1 step: " + window);
        }
        this.average = params.clone();
        this.window = window;
    }

    /** Folds in the parameters after one more training step. */
    public void update(float[] params) {
        update(params, null);
    }

    /**
     * As {@link #update(float[])}, in blocks on the threads of {@code par} (null: this thread): it runs after every
     * training step over millions of parameters. Each element is updated alone, so any thread count gives the same
     * average.
     */
    public void update(float[] params, Parallel par) {
        if (params.length != average.length) {
            throw new IllegalArgumentException("parameter count changed: " + params.length + " vs " + average.length);
        }
        updates++;
        float rate = (float) Math.max(1.0 / window, 1.0 / updates);
        if (par == null) {
            fold(params, rate, 0, params.length);
        } else {
            par.forBlocks(params.length, BLOCK, (b, from, to) -> fold(params, rate, from, to));
        }
    }

    private void fold(float[] params, float rate, int from, int to) {
        for (int i = from; i < to; i++) {
            average[i] += rate * (params[i] - average[i]);
        }
    }

    /** The averaged parameters (live: do not modify). */
    public float[] values() {
        return average;
    }

    public long updates() {
        return updates;
    }
}
