package dev.issosynth.bench;

import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.math.Gemms;
import dev.issosynth.generator.argn.model.FlatModel;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.generator.argn.train.AdamW;
import dev.issosynth.generator.argn.train.TrainingHeuristics;
import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Benchmark driver (bench/argn_speed.sh, not a unit test): ARGN training-step time on a real table. Reads and
 * encodes the table once, builds the model with the trainer's batch heuristic, then times {@code steps} training
 * steps (forward, backward, AdamW; random column order and dropout as in training) {@code repeat} times after a
 * warm-up and prints min/median ms per step and the implied seconds per epoch (80 % of the rows for training).
 *
 * <p>usage: ArgnTrainBench TRAIN [model=Medium] [threads=0] [steps=20] [warmup=10] [repeat=5] [batch=auto]
 * [na=TOKEN]
 */
public final class ArgnTrainBench {
    public static void main(String[] args) {
        Map<String, String> kv = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] p = args[i].split("=", 2);
            kv.put(p[0], p[1]);
        }
        ModelSize size = ModelSize.valueOf(kv.getOrDefault("model", "Medium").toUpperCase(Locale.ROOT));
        int threads = Integer.parseInt(kv.getOrDefault("threads", "0"));
        int steps = Integer.parseInt(kv.getOrDefault("steps", "20"));
        int warmup = Integer.parseInt(kv.getOrDefault("warmup", "10"));
        int repeat = Integer.parseInt(kv.getOrDefault("repeat", "5"));
        MissingValues na = kv.containsKey("na") ? MissingValues.defaults().withExtra(List.of(kv.get("na")))
                : MissingValues.defaults();
        RawTable t = CsvReader.read(Path.of(args[0]));
        // the encoding seed that `generate --seed 42` uses (generator root -> trainer root -> encodings)
        long encSeed = new SplittableRandom(new SplittableRandom(42).nextLong()).nextLong();
        Encodings enc = Encodings.fit(TrainingTable.of(t, na), true, encSeed);
        int[][] codes = enc.encode(t);
        int n = t.rowCount();
        int nTrain = (int) Math.round(n * 0.8);
        long params = FlatModel.forEncodings(enc, size, 1, 1L, Gemms.best()).parameterCount();
        Runtime rt = Runtime.getRuntime();
        int batch = kv.containsKey("batch") ? Integer.parseInt(kv.get("batch"))
                : Math.min(TrainingHeuristics.batchSize(nTrain, enc.subColumnCount(), params,
                        rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())), nTrain);
        try (Parallel par = new Parallel(threads == 0 ? Parallel.defaultThreads() : threads)) {
            FlatModel m = FlatModel.forEncodings(enc, size, batch, 7L, Gemms.best());
            m.setParallel(par);
            AdamW opt = new AdamW(TrainingHeuristics.learningRate(batch));
            m.registerWith(opt);
            System.out.printf(Locale.ROOT, "%s: %,d rows, %d columns, %d sub-columns, %s, %,d parameters, input width %d,"
                            + " batch %d, kernel %s, %d threads%n", args[0], n, t.columnCount(), enc.subColumnCount(),
                    size, params, m.inputWidth(), batch, Gemms.best().name(), par.threads());
            SplittableRandom rng = new SplittableRandom(3);
            int[] rows = new int[batch];
            int[] perm = new int[m.columnCount()];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i;
            }
            for (int i = 0; i < warmup; i++) {
                step(m, opt, codes, n, rows, perm, rng);
            }
            double[] ms = new double[repeat];
            for (int rep = 0; rep < repeat; rep++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    step(m, opt, codes, n, rows, perm, rng);
                }
                ms[rep] = (System.nanoTime() - t0) / 1e6 / steps;
            }
            Arrays.sort(ms);
            double stepsPerEpoch = nTrain / (double) batch;
            System.out.printf(Locale.ROOT, "ms/step min %.1f median %.1f -> s/epoch min %.1f median %.1f"
                            + " (%.0f steps), rows/s %.0f; heap used %.0f MB of max %.0f MB%n",
                    ms[0], ms[repeat / 2], ms[0] * stepsPerEpoch / 1e3, ms[repeat / 2] * stepsPerEpoch / 1e3,
                    stepsPerEpoch, batch * 1e3 / ms[repeat / 2],
                    (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1e6);
        }
    }

    private static void step(FlatModel m, AdamW opt, int[][] codes, int n, int[] rows, int[] perm,
            SplittableRandom rng) {
        for (int i = 0; i < rows.length; i++) {
            rows[i] = rng.nextInt(n);
        }
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int x = perm[i];
            perm[i] = perm[j];
            perm[j] = x;
        }
        opt.zeroGrad();
        m.forwardBackward(codes, rows, perm, true, true, rng);
        opt.step();
    }
}
