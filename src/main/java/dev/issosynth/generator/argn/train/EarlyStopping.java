package dev.issosynth.generator.argn.train;

/**
 * Early stopping on validation loss: a value improves when it is strictly below the best so far minus
 * {@code minDelta}; training stops once the number of consecutive non-improving validations exceeds
 * {@code patience} (default 4, i.e. stop on the 5th). {@link #isLatestBest()} tells the caller to keep the current
 * weights as the best checkpoint. NaN never improves.
 */
public final class EarlyStopping {
    public static final int DEFAULT_PATIENCE = 4;

    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int badCount;
    private boolean latestBest;
    private boolean stopped;
    private int validations;

    public EarlyStopping() {
        this(DEFAULT_PATIENCE, 0.0);
    }

    public EarlyStopping(int patience, double minDelta) {
        if (patience < 0 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("invalid EarlyStopping parameters");
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Records one validation loss; returns true when training should stop. */
    public boolean step(double valLoss) {
        validations++;
        if (valLoss < best - minDelta) {
            best = valLoss;
            badCount = 0;
            latestBest = true;
        } else {
            badCount++;
            latestBest = false;
        }
        if (badCount > patience) {
            stopped = true;
        }
        return stopped;
    }

    /** True if the last recorded value became the new best. */
    public boolean isLatestBest() {
        return latestBest;
    }

    public boolean shouldStop() {
        return stopped;
    }

    /** Best value so far ({@code +∞} before the first finite value). */
    public double best() {
        return best;
    }

    /** Consecutive non-improving validations. */
    public int badCount() {
        return badCount;
    }

    public int validations() {
        return validations;
    }
}
