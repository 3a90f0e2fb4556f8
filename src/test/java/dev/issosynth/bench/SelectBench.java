package dev.issosynth.bench;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.pipeline.PoolEncoder;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;
import dev.issosynth.selection.SelectionEngine;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark driver (run by bench/*.sh, not a unit test): reads a training CSV and a pool once, then runs the
 * selection for each requested configuration and prints one table row per stage with time, rows and accuracy.
 *
 * <p>usage: SelectBench TRAIN POOL NA_TOKEN POOL_ROWS[,POOL_ROWS...] [key=value ...] where keys are
 * ipfIterations, ipfTopPairs, refineTopPairs, refineTopTriples, rounds, candidates, shortlist, threads, repeat.
 * POOL_ROWS limits the pool to its first rows (0 = all), giving a scaling curve from one pool file.
 */
public final class SelectBench {
    public static void main(String[] args) {
        Path train = Path.of(args[0]);
        Path poolPath = Path.of(args[1]);
        MissingValues na = args[2].isEmpty() ? MissingValues.defaults() : MissingValues.defaults().withExtra(List.of(args[2].split(",")));
        String[] sizes = args[3].split(",");
        java.util.Map<String, String> kv = new java.util.HashMap<>();
        for (int i = 4; i < args.length; i++) {
            String[] p = args[i].split("=", 2);
            kv.put(p[0], p[1]);
        }
        int threads = Integer.parseInt(kv.getOrDefault("threads", "0"));
        int repeat = Integer.parseInt(kv.getOrDefault("repeat", "1"));
        try (Parallel par = new Parallel(threads == 0 ? Parallel.defaultThreads() : threads)) {
            long t0 = System.nanoTime();
            RawTable t = CsvReader.read(train);
            Schema schema = Schema.fit(t, na);
            CodeTable trainCodes = schema.encode(t);
            CodeTable pool = PoolEncoder.encode(schema, poolPath, par, Progress.silent());
            System.out.printf(Locale.ROOT, "read+encode %.1fs: train %d x %d, pool %d rows%n", (System.nanoTime() - t0) / 1e9,
                    trainCodes.rows(), trainCodes.columns(), pool.rows());
            System.out.printf(Locale.ROOT, "%-10s %-6s %8s %9s %10s %9s %9s %9s %9s%n", "pool", "stage", "seconds",
                    "rows", "objective", "overall", "uni", "bi", "tri");
            for (String s : sizes) {
                int rows = Integer.parseInt(s.trim());
                CodeTable p = rows <= 0 || rows >= pool.rows() ? pool : pool.select(java.util.stream.IntStream.range(0, rows).toArray());
                for (int rep = 0; rep < repeat; rep++) {
                    SelectionParams sp = params(trainCodes.rows(), kv);
                    long ts = System.nanoTime();
                    CodeTable pool1 = p;
                    java.util.List<String> lines = new java.util.ArrayList<>();
                    SelectionEngine.run(trainCodes, p, sp, par, Progress.silent(), (st, chosen) -> {
                        dev.issosynth.quality.AccuracyReport a = dev.issosynth.quality.AccuracyEvaluator.evaluate(
                                trainCodes, pool1.select(chosen), sp.seed(), par);
                        lines.add(String.format(Locale.ROOT, "%-10d %-6s %8.1f %9d %10.6f %9.5f %9.5f %9.5f %9.5f",
                                pool1.rows(), st.stage(), st.seconds(), st.rows(), st.objective(), a.overall(),
                                a.univariate(), a.bivariate(), a.trivariate()));
                    });
                    double total = (System.nanoTime() - ts) / 1e9;
                    lines.forEach(System.out::println);
                    System.out.printf(Locale.ROOT, "%-10d total  %8.1f (incl. per-stage evaluation)  peak heap %.0f MB%n",
                            p.rows(), total, peakHeapMb());
                }
            }
        }
    }

    static SelectionParams params(int size, java.util.Map<String, String> kv) {
        SelectionParams d = SelectionParams.defaults(size);
        return d.toBuilder()
                .ipfTopPairs(Integer.parseInt(kv.getOrDefault("ipfTopPairs", "" + d.ipfTopPairs())))
                .ipfIterations(Integer.parseInt(kv.getOrDefault("ipfIterations", "" + d.ipfIterations())))
                .ipfDamping(Double.parseDouble(kv.getOrDefault("ipfDamping", "" + d.ipfDamping())))
                .ipfSmoothing(Double.parseDouble(kv.getOrDefault("ipfSmoothing", "" + d.ipfSmoothing())))
                .refineTopPairs(Integer.parseInt(kv.getOrDefault("refineTopPairs", "" + d.refineTopPairs())))
                .refineTopTriples(Integer.parseInt(kv.getOrDefault("refineTopTriples", "" + d.refineTopTriples())))
                .refineRandomTriples(Integer.parseInt(kv.getOrDefault("randomTriples", "" + d.refineRandomTriples())))
                .refinementIterations(Integer.parseInt(kv.getOrDefault("rounds", "" + d.refinementIterations())))
                .refineShortlist(Integer.parseInt(kv.getOrDefault("shortlist", "" + d.refineShortlist())))
                .refineCandidates(Integer.parseInt(kv.getOrDefault("candidates", "" + d.refineCandidates())))
                .build();
    }

    static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                peak += b.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }
}
