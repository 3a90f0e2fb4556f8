package dev.issosynth.bench;

import dev.issosynth.math.Gemm;
import dev.issosynth.math.Gemms;
import dev.issosynth.util.Parallel;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * GEMM benchmark driver (run by bench/gemm.sh, not a unit test): GFLOPS of the available kernels on the ARGN-Medium
 * training shapes (forward X·W, dW = Xᵀ·dY, dX = dY·Wᵀ at batch 512, D_in 1050, Σhidden 7680) and one small shape.
 *
 * <p>usage: GemmBench [kernels=scalar,vector,openblas] [threads=1,2] [runs=5] [warmup=2] [shapes=fwd,dW,dX,small]
 * [scalarRuns=N]. Prints one row per kernel, thread count and shape with min and median time and GFLOPS.
 */
public final class GemmBench {
    private record Shape(String name, int m, int n, int k, boolean ta, boolean tb) {
        double flop() {
            return 2.0 * m * n * k;
        }
    }

    private static final Shape[] SHAPES = {
            new Shape("fwd", 512, 7680, 1050, false, false),
            new Shape("dW", 1050, 7680, 512, true, false),
            new Shape("dX", 512, 1050, 7680, false, true),
            new Shape("small", 256, 256, 256, false, false),
            // one head of the block-skipping model (wide100k, Medium: batch 256, visible input ~400, hidden 48) and a
            // generation batch of 1,000 rows; these are the shapes the trainer and generator actually run
            new Shape("hfwd", 256, 48, 400, false, false),
            new Shape("hdW", 400, 48, 256, true, false),
            new Shape("hdX", 256, 400, 48, false, true),
            new Shape("gen", 1000, 48, 400, false, false),
    };

    public static void main(String[] args) {
        Map<String, String> kv = new HashMap<>();
        for (String arg : args) {
            String[] p = arg.split("=", 2);
            kv.put(p[0], p[1]);
        }
        String[] kernels = kv.getOrDefault("kernels", Gemms.vectorAvailable() ? "scalar,vector" : "scalar").split(",");
        int[] threads = Arrays.stream(kv.getOrDefault("threads", "1,2").split(",")).mapToInt(Integer::parseInt).toArray();
        int runs = Integer.parseInt(kv.getOrDefault("runs", "5"));
        int scalarRuns = Integer.parseInt(kv.getOrDefault("scalarRuns", Integer.toString(runs)));
        int warmup = Integer.parseInt(kv.getOrDefault("warmup", "2"));
        String shapes = "," + kv.getOrDefault("shapes", "fwd,dW,dX,small,hfwd,hdW,hdX,gen") + ",";

        System.out.printf(Locale.ROOT, "# java %s, %d cpus%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "| %-9s | %-7s | %-5s | %-17s | %4s | %9s | %9s | %10s | %10s |%n", "kernel",
                "threads", "shape", "m×n×k", "runs", "min ms", "median ms", "GFLOPS max", "GFLOPS med");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String kname : kernels) {
            Gemm g = kname.equals("openblas") ? new OpenBlasGemm() : Gemms.select(kname);
            int r = g.name().equals("scalar") ? scalarRuns : runs;
            for (int t : threads) {
                try (Parallel par = new Parallel(t)) {
                    for (Shape s : SHAPES) {
                        if (!shapes.contains("," + s.name + ",")) {
                            continue;
                        }
                        run(g, par, t, s, warmup, r);
                    }
                }
            }
        }
    }

    private static void run(Gemm g, Parallel par, int threads, Shape s, int warmup, int runs) {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] a = random(rnd, s.m * s.k);
        float[] b = random(rnd, s.k * s.n);
        float[] c = new float[s.m * s.n];
        int lda = s.ta ? s.m : s.k;
        int ldb = s.tb ? s.k : s.n;
        // small shapes are timed in batches so that one timing is at least ~20 ms
        int reps = Math.max(1, (int) Math.ceil(2e8 / s.flop()));
        double[] ms = new double[runs];
        for (int w = 0; w < warmup + runs; w++) {
            long t0 = System.nanoTime();
            for (int rep = 0; rep < reps; rep++) {
                g.multiply(s.m, s.n, s.k, a, 0, lda, s.ta, b, 0, ldb, s.tb, c, 0, s.n, 0f, par);
            }
            double dt = (System.nanoTime() - t0) / 1e6 / reps;
            if (w >= warmup) {
                ms[w - warmup] = dt;
            }
        }
        Arrays.sort(ms);
        double min = ms[0];
        double med = ms[runs / 2];
        System.out.printf(Locale.ROOT, "| %-9s | %-7d | %-5s | %-17s | %4d | %9.1f | %9.1f | %10.1f | %10.1f |%n", g.name(),
                threads, s.name, s.m + "×" + s.n + "×" + s.k, runs, min, med, s.flop() / min / 1e6, s.flop() / med / 1e6);
    }

    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }
}
