package dev.issosynth.quality;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;
import dev.issosynth.util.Parallel;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Phase timings of the privacy figures (not a unit test; bench/privacy_wide.sh runs it): reads training, holdout and
 * synthetic once, then times sampling + encoding, the column groups, the grouped searches and the holdout search,
 * as wall seconds and as CPU seconds of the whole JVM (a steadier figure on a shared machine).
 *
 * <p>usage: {@code java -cp target/test-classes:target/issosynth.jar dev.issosynth.quality.PrivacyBench TRAIN HOLDOUT
 * SYNTH [threads=2] [na=?] [cap=0] [repeat=1]}
 */
public final class PrivacyBench {
    private PrivacyBench() {
    }

    public static void main(String[] args) {
        int threads = 2;
        String naTokens = "";
        int cap = 0;
        int repeat = 1;
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            switch (kv[0]) {
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "na" -> naTokens = kv[1];
                case "cap" -> cap = Integer.parseInt(kv[1]);
                case "repeat" -> repeat = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        MissingValues na = naTokens.isEmpty() ? MissingValues.defaults()
                : MissingValues.defaults().withExtra(List.of(naTokens.split(",")));
        RawTable train = CsvReader.read(Path.of(args[0]));
        RawTable holdout = CsvReader.read(Path.of(args[1]));
        RawTable synth = CsvReader.read(Path.of(args[2]));
        Schema schema = Schema.fit(train, na);
        try (Parallel par = new Parallel(threads)) {
            for (int r = 0; r < repeat; r++) {
                run(schema, na, train, holdout, synth, cap, par);
            }
        }
    }

    private static void run(Schema schema, MissingValues na, RawTable train, RawTable holdout, RawTable synth, int cap,
                            Parallel par) {
        Clock clock = new Clock();
        int n = PrivacyEvaluator.sampleSize(train.rowCount(), holdout.rowCount(), synth.rowCount(), cap);
        SplittableRandom root = new SplittableRandom(42 ^ 0x5052495641435931L);
        RawTable tr = PrivacyEvaluator.sample(train, n, root.split());
        RawTable ho = PrivacyEvaluator.sample(holdout, n, root.split());
        RawTable sy = PrivacyEvaluator.sample(synth, n, root.split());
        EmbeddingEncoder enc = new EmbeddingEncoder(schema, tr, ho, root.split(), par);
        clock.lap("fit encoder");
        int dim = enc.dim();
        double[] trD = enc.encode(tr, par);
        double[] hoD = enc.encode(ho, par);
        double[] syD = enc.encode(sy, par);
        float[] trX = EmbeddingEncoder.toFloat(trD);
        float[] hoX = EmbeddingEncoder.toFloat(hoD);
        float[] syX = EmbeddingEncoder.toFloat(syD);
        clock.lap("encode");
        float[] ref = new float[2 * n * dim];
        System.arraycopy(trX, 0, ref, 0, trX.length);
        System.arraycopy(hoX, 0, ref, trX.length, hoX.length);
        List<ColumnGroups.Spec> specs = ColumnGroups.of(ref, 2 * n, dim, root.split(), par);
        clock.lap("groups");
        int[][] parts = new int[specs.size() - 1][];
        for (int g = 1; g < specs.size(); g++) {
            parts[g - 1] = specs.get(g).dims();
        }
        int[][] groups = {{0, 1, 2}, {0}, {1}, {2}, {3}, {4}, {5}};
        NearestNeighbours.searchGroups(trX, trD, n, syX, syD, n, dim, parts, groups, par);
        clock.lap("search synthetic->training (7 groups)");
        NearestNeighbours.searchGroups(hoX, hoD, n, syX, syD, n, dim, parts, groups, par);
        clock.lap("search synthetic->holdout (7 groups)");
        NearestNeighbours.searchGroups(trX, trD, n, hoX, hoD, n, dim, new int[][] {specs.get(1).dims()},
                new int[][] {{0}}, par);
        clock.lap("search holdout->training (group 2)");
        System.out.printf(Locale.ROOT, "total: %.2f s wall, %.2f s cpu (%d rows, %d dims)%n", clock.wallTotal(),
                clock.cpuTotal(), n, dim);
    }

    /** Wall and process-CPU time per phase. */
    private static final class Clock {
        private final long wall0 = System.nanoTime();
        private final double cpu0 = cpu();
        private long wall = wall0;
        private double cpu = cpu0;

        void lap(String what) {
            long w = System.nanoTime();
            double c = cpu();
            System.out.printf(Locale.ROOT, "%-40s %7.2f s wall %7.2f s cpu%n", what, (w - wall) / 1e9, c - cpu);
            wall = w;
            cpu = c;
        }

        double wallTotal() {
            return (wall - wall0) / 1e9;
        }

        double cpuTotal() {
            return cpu - cpu0;
        }

        private static double cpu() {
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return os.getProcessCpuTime() / 1e9;
        }
    }
}
