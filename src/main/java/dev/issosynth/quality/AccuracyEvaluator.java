package dev.issosynth.quality;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The accuracy metric of MOSTLY AI's QA library on binned tables: per combination of columns, 1 − the total
 * variation distance of the two joint bin distributions (rounded to 5 decimals); univariate over every column,
 * bivariate over every pair, trivariate over every triple or a seeded random sample of
 * {@value #MAX_TRIVARIATES} distinct triples; overall = mean of the three levels (docs/design.md).
 */
public final class AccuracyEvaluator {
    public static final int MAX_TRIVARIATES = 10_000;

    private AccuracyEvaluator() {
    }

    public static AccuracyReport evaluate(CodeTable reference, CodeTable synthetic, long seed, Parallel par) {
        return evaluate(reference, synthetic, MAX_TRIVARIATES, seed, par);
    }

    public static AccuracyReport evaluate(CodeTable reference, CodeTable synthetic, int maxTrivariates, long seed,
                                          Parallel par) {
        if (!Arrays.equals(reference.cardinalities(), synthetic.cardinalities())) {
            throw new IllegalArgumentException("reference and synthetic tables are binned differently");
        }
        int m = reference.columns();
        List<int[]> uni = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            uni.add(new int[] {i});
        }
        List<int[]> bi = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                bi.add(new int[] {i, j});
            }
        }
        long totalTri = m < 3 ? 0 : (long) m * (m - 1) * (m - 2) / 6;
        List<int[]> tri = triples(m, totalTri, maxTrivariates, seed);

        List<AccuracyReport.Combination> u = score(reference, synthetic, uni, par);
        List<AccuracyReport.Combination> b = score(reference, synthetic, bi, par);
        List<AccuracyReport.Combination> t = score(reference, synthetic, tri, par);
        double[] levels = {mean(u, false), mean(b, false), mean(t, false)};
        double[] maxes = {mean(u, true), mean(b, true), mean(t, true)};
        return new AccuracyReport(levels[0], levels[1], levels[2], meanOfPresent(levels),
                maxes[0], maxes[1], maxes[2], meanOfPresent(maxes), u, b, tri.size(), (int) Math.min(Integer.MAX_VALUE, totalTri));
    }

    /** Every triple when there are at most {@code max}, else {@code max} distinct ones drawn with the seed. */
    static List<int[]> triples(int m, long total, int max, long seed) {
        List<int[]> out = new ArrayList<>();
        if (total == 0) {
            return out;
        }
        if (total <= max) {
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    for (int k = j + 1; k < m; k++) {
                        out.add(new int[] {i, j, k});
                    }
                }
            }
            return out;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Set<Long> seen = new HashSet<>();
        while (out.size() < max) {
            int[] t = new int[3];
            t[0] = rng.nextInt(m);
            t[1] = rng.nextInt(m);
            t[2] = rng.nextInt(m);
            if (t[0] == t[1] || t[1] == t[2] || t[0] == t[2]) {
                continue;
            }
            Arrays.sort(t);
            if (seen.add(((long) t[0] * m + t[1]) * m + t[2])) {
                out.add(t);
            }
        }
        out.sort((x, y) -> x[0] != y[0] ? x[0] - y[0] : x[1] != y[1] ? x[1] - y[1] : x[2] - y[2]);
        return out;
    }

    private static List<AccuracyReport.Combination> score(CodeTable ref, CodeTable syn, List<int[]> combos,
                                                          Parallel par) {
        AccuracyReport.Combination[] out = new AccuracyReport.Combination[combos.size()];
        par.forTasks(combos.size(), i -> {
            int[] cols = combos.get(i);
            int[] p = JointCounts.count(ref, cols);
            int[] q = JointCounts.count(syn, cols);
            out[i] = new AccuracyReport.Combination(cols, accuracy(p, ref.rows(), q, syn.rows()),
                    accuracyMax(p, ref.rows(), syn.rows()));
        });
        return Arrays.asList(out);
    }

    /** 1 - half the L1 distance of the two relative-frequency vectors, rounded to 5 decimals. */
    public static double accuracy(int[] refCounts, int nRef, int[] synCounts, int nSyn) {
        double l1 = 0;
        for (int b = 0; b < refCounts.length; b++) {
            double p = nRef == 0 ? 0 : refCounts[b] / (double) nRef;
            double q = nSyn == 0 ? 0 : synCounts[b] / (double) nSyn;
            l1 += Math.abs(p - q);
        }
        return Math.round((1 - 0.5 * l1) * 1e5) / 1e5;
    }

    /** Expected accuracy of an independent sample of size nSyn: the noise ceiling, rounded like the accuracy. */
    public static double accuracyMax(int[] refCounts, int nRef, int nSyn) {
        double s = 0;
        double f = 2 / Math.PI * (1.0 / nRef + 1.0 / nSyn);
        for (int c : refCounts) {
            double p = c / (double) nRef;
            s += Math.sqrt(f * p * (1 - p));
        }
        return Math.round((1 - 0.5 * s) * 1e5) / 1e5;
    }

    private static double mean(List<AccuracyReport.Combination> list, boolean max) {
        if (list.isEmpty()) {
            return Double.NaN;
        }
        double s = 0;
        for (AccuracyReport.Combination c : list) {
            s += max ? c.accuracyMax() : c.accuracy();
        }
        return s / list.size();
    }

    private static double meanOfPresent(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
