package dev.issosynth.generator.argn.train;

/**
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau} in mode "min", threshold mode "rel", cooldown 0: a value
 * improves when {@code value < best·(1 − threshold)}; after more than {@code patience} consecutive non-improving
 * values the learning rate is multiplied by {@code factor} (not below {@code minLr}) and the bad-step count resets.
 * Like torch, a reduction smaller than 1e-8 is ignored. Defaults as in MOSTLY AI's engine: factor 0.5,
 * patience 2, threshold 1e-4 (torch's), min_lr = 0.1·initial.
 */
public final class ReduceLrOnPlateau {
    private static final double MIN_CHANGE = 1e-8;

    private final double factor;
    private final int patience;
    private final double threshold;
    private final double minLr;
    private double lr;
    private double best = Double.POSITIVE_INFINITY;
    private int badSteps;

    /** Defaults as in MOSTLY AI's engine: factor 0.5, patience 2, threshold 1e-4, minLr = 0.1·initialLr. */
    public ReduceLrOnPlateau(double initialLr) {
        this(initialLr, 0.5, 2, 1e-4, 0.1 * initialLr);
    }

    public ReduceLrOnPlateau(double initialLr, double factor, int patience, double threshold, double minLr) {
        if (!(initialLr >= 0) || !(factor > 0 && factor < 1) || patience < 0 || !(threshold >= 0) || !(minLr >= 0)) {
            throw new IllegalArgumentException("invalid ReduceLrOnPlateau parameters");
        }
        this.lr = initialLr;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.minLr = minLr;
    }

    /** Records one validation loss and returns the (possibly reduced) learning rate. NaN never improves. */
    public double step(double valLoss) {
        if (valLoss < best * (1.0 - threshold)) {
            best = valLoss;
            badSteps = 0;
        } else {
            badSteps++;
        }
        if (badSteps > patience) {
            double newLr = Math.max(lr * factor, minLr);
            if (lr - newLr > MIN_CHANGE) {
                lr = newLr;
            }
            badSteps = 0;
        }
        return lr;
    }

    public double learningRate() {
        return lr;
    }

    public double best() {
        return best;
    }

    public int badSteps() {
        return badSteps;
    }

    public double minLearningRate() {
        return minLr;
    }
}
