package dev.issosynth.bench;

import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.generator.PoolOutput;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.generator.argn.ArgnModelFile;
import dev.issosynth.util.Progress;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark driver (bench/argn_speed.sh, not a unit test): generation from a saved ARGN model, in one JVM, so that
 * the JIT is warm and start-up is not timed. Runs {@code repeat} generations of {@code rows} rows (CSV written to a
 * temporary file) after {@code warmup} runs and prints min/median rows/s by wall time and by process CPU time (the
 * CPU figure is the steadier one on a shared machine: time other processes take from us is not counted).
 *
 * <p>usage: ArgnGenBench MODEL [rows=20000] [threads=2] [warmup=2] [repeat=7]
 */
public final class ArgnGenBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> kv = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] p = args[i].split("=", 2);
            kv.put(p[0], p[1]);
        }
        int rows = Integer.parseInt(kv.getOrDefault("rows", "20000"));
        int threads = Integer.parseInt(kv.getOrDefault("threads", "2"));
        int warmup = Integer.parseInt(kv.getOrDefault("warmup", "2"));
        int repeat = Integer.parseInt(kv.getOrDefault("repeat", "7"));
        ArgnModelFile.Loaded m = ArgnModelFile.read(Path.of(args[0]));
        ArgnGenerator gen = new ArgnGenerator(ArgnSettings.defaults().withThreads(threads));
        Path out = Files.createTempFile("argn-gen-bench", ".csv");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[repeat];
        double[] cpu = new double[repeat];
        for (int r = 0; r < warmup + repeat; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            gen.generateFromSaved(m, rows, 42L, PoolOutput.to(out), Progress.silent());
            if (r >= warmup) {
                wall[r - warmup] = rows / ((System.nanoTime() - t0) / 1e9);
                cpu[r - warmup] = rows / ((os.getProcessCpuTime() - c0) / 1e9);
            }
        }
        Files.deleteIfExists(out);
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "rows/s wall: max %,.0f median %,.0f | per CPU-second: max %,.0f median %,.0f"
                        + " (%d threads, %d runs of %,d rows)%n", wall[repeat - 1], wall[repeat / 2], cpu[repeat - 1],
                cpu[repeat / 2], threads, repeat, rows);
    }
}
