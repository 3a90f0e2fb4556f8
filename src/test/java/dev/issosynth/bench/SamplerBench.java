package dev.issosynth.bench;

import dev.issosynth.generator.argn.sample.TokenSampler;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark driver (not a unit test): ns per draw of {@link TokenSampler} (temperature 1, no nucleus) on rows of
 * random logits of the given cardinalities, min/median of {@code repeat} timings of 1,000 rows after warm-up.
 * Single-threaded, so it is steadier than a whole generation run on a shared machine. With {@code pad=16} each row is
 * followed by scratch up to a multiple of 16 that the sampler may use (as a generation context's padded rows).
 *
 * <p>usage: SamplerBench [cards=2801,2485,15] [spread=3] [repeat=9] [pad=1]
 */
public final class SamplerBench {
    public static void main(String[] args) {
        String cardList = "2801,2485,15";
        double spread = 3;
        int repeat = 9;
        int pad = 1;
        for (String arg : args) {
            String[] p = arg.split("=", 2);
            switch (p[0]) {
                case "cards" -> cardList = p[1];
                case "spread" -> spread = Double.parseDouble(p[1]);
                case "repeat" -> repeat = Integer.parseInt(p[1]);
                case "pad" -> pad = Integer.parseInt(p[1]);
                default -> throw new IllegalArgumentException(arg);
            }
        }
        int rows = 1000;
        for (String c : cardList.split(",")) {
            int card = Integer.parseInt(c);
            SplittableRandom rnd = new SplittableRandom(card);
            int stride = (card + pad - 1) / pad * pad;
            float[] logits = new float[rows * stride];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (rnd.nextGaussian() * spread);
            }
            TokenSampler sampler = new TokenSampler(stride);
            double[] ns = new double[repeat];
            long check = 0;
            for (int run = -5; run < repeat; run++) {
                SplittableRandom draw = new SplittableRandom(1);
                long t0 = System.nanoTime();
                for (int r = 0; r < rows; r++) {
                    check += sampler.sample(logits, r * stride, card, stride, null, null, draw);
                }
                if (run >= 0) {
                    ns[run] = (System.nanoTime() - t0) / (double) rows;
                }
            }
            Arrays.sort(ns);
            System.out.printf(Locale.ROOT, "card %5d: ns per draw min %,.0f median %,.0f (checksum %d)%n", card, ns[0],
                    ns[repeat / 2], check);
        }
    }
}
