package dev.issosynth.generator.argn.train;

import java.util.ArrayList;
import java.util.List;

/**
 * AdamW with PyTorch semantics ({@code torch.optim.AdamW}, non-amsgrad, non-fused reference path) over one or more
 * flat {@code float[]} parameter arrays, each paired with a gradient array of the same length.
 *
 * <p>Per element and step {@code t} (1-based): {@code p ← p·(1 − lr·wd)}; {@code m ← β1·m + (1−β1)·g};
 * {@code v ← β2·v + (1−β2)·g²}; {@code p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)}. Defaults β1 0.9,
 * β2 0.999, ε 1e-8, weight decay 0.01. Moments are float like torch's state; the bias-correction scalars are computed
 * in double once per step. {@link #step()} allocates nothing and runs one fused loop per array.
 *
 * <p>Register arrays with {@link #add(float[], float[])} before the first step; gradients are read, never cleared
 * (call {@link #zeroGrad()} or overwrite them in the backward pass).
 */
public final class AdamW {
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPS = 1e-8;
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private double lr;
    private long step;

    private final List<float[]> params = new ArrayList<>();
    private final List<float[]> grads = new ArrayList<>();
    private final List<float[]> expAvg = new ArrayList<>();
    private final List<float[]> expAvgSq = new ArrayList<>();

    /** AdamW with the torch defaults and the given learning rate. */
    public AdamW(double lr) {
        this(lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY);
    }

    public AdamW(double lr, double beta1, double beta2, double eps, double weightDecay) {
        if (!(lr >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0)
                || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("invalid AdamW hyper-parameters");
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** Registers a parameter array and its gradient array (same length); returns {@code this}. */
    public AdamW add(float[] params, float[] grads) {
        if (params.length != grads.length) {
            throw new IllegalArgumentException("params and grads differ in length: " + params.length + " vs "
                    + grads.length);
        }
        if (step != 0) {
            throw new IllegalStateException("add parameter arrays before the first step");
        }
        this.params.add(params);
        this.grads.add(grads);
        this.expAvg.add(new float[params.length]);
        this.expAvgSq.add(new float[params.length]);
        return this;
    }

    /** One optimizer step over all registered arrays. */
    public void step() {
        step++;
        double bc1 = 1.0 - Math.pow(beta1, step);
        double bc2 = 1.0 - Math.pow(beta2, step);
        float decay = (float) (1.0 - lr * weightDecay);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float oneMinusB1 = (float) (1.0 - beta1);
        float oneMinusB2 = (float) (1.0 - beta2);
        float e = (float) eps;
        for (int a = 0; a < params.size(); a++) {
            float[] p = params.get(a);
            float[] g = grads.get(a);
            float[] m = expAvg.get(a);
            float[] v = expAvgSq.get(a);
            for (int i = 0; i < p.length; i++) {
                float gi = g[i];
                float mi = b1 * m[i] + oneMinusB1 * gi;
                float vi = b2 * v[i] + oneMinusB2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                float denom = (float) Math.sqrt(vi) / bc2Sqrt + e;
                p[i] = p[i] * decay - stepSize * (mi / denom);
            }
        }
    }

    /** Sets every registered gradient to zero. */
    public void zeroGrad() {
        for (float[] g : grads) {
            java.util.Arrays.fill(g, 0f);
        }
    }

    public double learningRate() {
        return lr;
    }

    public void setLearningRate(double lr) {
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("learning rate must be >= 0: " + lr);
        }
        this.lr = lr;
    }

    /** Number of steps taken so far (torch's {@code state['step']}). */
    public long stepCount() {
        return step;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** Number of registered parameter arrays. */
    public int arrayCount() {
        return params.size();
    }
}
