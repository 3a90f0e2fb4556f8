package dev.issosynth.generator.argn;

import dev.issosynth.generator.argn.math.Gemms;
import dev.issosynth.generator.argn.model.FlatModel;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.generator.argn.sample.TokenSampler;

import java.util.SplittableRandom;

/**
 * Runs the generation's hot code (GEMM kernels, softmax, sampler) on a small random model in a background thread
 * while a saved model is being read, so the JIT has compiled it when sampling starts. Until C2 has compiled them,
 * Vector API kernels run about ten times slower: the first second of a generation run used to go mostly to this.
 * Shares no state with the real generation (own model, contexts and random streams), so results are unchanged.
 */
final class JitWarmup implements AutoCloseable {
    /** Upper bound on the warm-up, for a model file that takes long to read. */
    private static final long MAX_NANOS = 3_000_000_000L;
    private static final int ROWS = 32;
    // narrow, one-strip and multi-strip outputs, as the generation's heads have
    private static final int[] CARDS = {2, 5, 16, 40, 300};

    private final Thread thread;
    private volatile boolean stop;
    private volatile long rounds;

    private JitWarmup() {
        thread = new Thread(this::run, "issosynth-jit-warmup");
        thread.setDaemon(true);
    }

    /** Starts warming up on a daemon thread; {@link #close} stops it. */
    static JitWarmup start() {
        JitWarmup w = new JitWarmup();
        w.thread.start();
        return w;
    }

    /** Warm-up rounds done so far (one round = every head of the small model once, and its draws). */
    long rounds() {
        return rounds;
    }

    private void run() {
        try {
            warmUp();
        } catch (RuntimeException e) {
            // nothing to report: the generation runs the same code and reports its own failures
        }
    }

    private void warmUp() {
        int[] cols = new int[CARDS.length];
        for (int s = 0; s < cols.length; s++) {
            cols[s] = s;
        }
        FlatModel model = new FlatModel(CARDS, cols, ModelSize.MEDIUM, ROWS, 1L, Gemms.best());
        FlatModel.GenerationContext ctx = model.newGenerationContext(ArgnTrainer.identity(CARDS.length), ROWS);
        TokenSampler sampler = new TokenSampler(300);
        int[][] codes = new int[CARDS.length][ROWS];
        int[] rows = ArgnTrainer.identity(ROWS);
        int stride = 1;
        for (int s = 0; s < CARDS.length; s++) {
            stride = Math.max(stride, ctx.logitStride(s));
        }
        float[] logits = new float[ROWS * stride];
        SplittableRandom rnd = new SplittableRandom(1);
        long end = System.nanoTime() + MAX_NANOS;
        while (!stop && System.nanoTime() < end) {
            ctx.startBatch();
            for (int s = 0; s < CARDS.length && !stop; s++) {
                ctx.logits(s, codes, rows, ROWS, logits);
                int ld = ctx.logitStride(s);
                for (int r = 0; r < ROWS; r++) {
                    codes[s][r] = sampler.sample(logits, r * ld, CARDS[s], rnd);
                }
            }
            rounds++;
        }
    }

    /** Stops the warm-up and waits for its thread, so it does not compete with the generation for the cores. */
    @Override
    public void close() {
        stop = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
