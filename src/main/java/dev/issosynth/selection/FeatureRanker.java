package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ranks column pairs by mutual information and column triples by total correlation, both on the training
 * codes, so the selection spends its effort on the marginals that carry structure.
 */
public final class FeatureRanker {
    private FeatureRanker() {
    }

    /** Entropy in nats of the joint distribution of the given columns. */
    static double entropy(CodeTable t, int... cols) {
        int cells = 1;
        for (int c : cols) {
            cells *= t.cardinality(c);
        }
        int[] counts = new int[cells];
        byte[][] codes = new byte[cols.length][];
        int[] stride = new int[cols.length];
        int s = 1;
        for (int i = 0; i < cols.length; i++) {
            codes[i] = t.column(cols[i]);
            stride[i] = s;
            s *= t.cardinality(cols[i]);
        }
        int n = t.rows();
        for (int r = 0; r < n; r++) {
            int x = 0;
            for (int i = 0; i < codes.length; i++) {
                x += stride[i] * (codes[i][r] & 0xFF);
            }
            counts[x]++;
        }
        double h = 0;
        for (int k : counts) {
            if (k > 0) {
                double p = k / (double) n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** Mutual information in nats between two columns. */
    public static double mutualInformation(CodeTable t, int a, int b) {
        return entropy(t, a) + entropy(t, b) - entropy(t, a, b);
    }

    /**
     * All pairs (i &lt; j) ordered by descending mutual information (ties: ascending i, then j); at most
     * {@code limit} of them ({@code limit &lt; 0}: all).
     */
    public static List<int[]> topPairs(CodeTable train, int limit, Parallel par) {
        int m = train.columns();
        double[] h1 = new double[m];
        par.forTasks(m, c -> h1[c] = entropy(train, c));
        int n = m * (m - 1) / 2;
        int[][] pairs = new int[n][];
        int k = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                pairs[k++] = new int[] {i, j};
            }
        }
        double[] mi = new double[n];
        par.forTasks(n, p -> mi[p] = h1[pairs[p][0]] + h1[pairs[p][1]] - entropy(train, pairs[p][0], pairs[p][1]));
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -mi[i]).thenComparingInt(i -> i));
        int keep = limit < 0 ? n : Math.min(limit, n);
        List<int[]> out = new ArrayList<>(keep);
        for (int i = 0; i < keep; i++) {
            out.add(pairs[order[i]]);
        }
        return out;
    }

    /**
     * The {@code limit} triples with the highest total correlation {@code H(a)+H(b)+H(c)-H(a,b,c)}, drawn from
     * the strongest pairs extended by every third column (searching all triples would cost O(m^3) passes).
     */
    public static List<int[]> topTriples(CodeTable train, List<int[]> rankedPairs, int limit, Parallel par) {
        int m = train.columns();
        if (limit <= 0 || m < 3) {
            return List.of();
        }
        int seedPairs = Math.min(rankedPairs.size(), Math.max(20, 2 * limit));
        Set<Long> seen = new HashSet<>();
        List<int[]> candidates = new ArrayList<>();
        for (int p = 0; p < seedPairs; p++) {
            int a = rankedPairs.get(p)[0];
            int b = rankedPairs.get(p)[1];
            for (int c = 0; c < m; c++) {
                if (c == a || c == b) {
                    continue;
                }
                int[] t = {a, b, c};
                Arrays.sort(t);
                long key = ((long) t[0] * m + t[1]) * m + t[2];
                if (seen.add(key)) {
                    candidates.add(t);
                }
            }
        }
        double[] h1 = new double[m];
        par.forTasks(m, c -> h1[c] = entropy(train, c));
        double[] tc = new double[candidates.size()];
        par.forTasks(candidates.size(), i -> {
            int[] t = candidates.get(i);
            tc[i] = h1[t[0]] + h1[t[1]] + h1[t[2]] - entropy(train, t);
        });
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -tc[i]).thenComparingInt(i -> i));
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, order.length); i++) {
            out.add(candidates.get(order[i]));
        }
        return out;
    }

    /**
     * Adds up to {@code count} uniformly random triples not already in {@code triples}: the metric averages
     * over random triples, so an objective with only the strongest ones would be a biased proxy for it.
     */
    public static List<int[]> withRandomTriples(int m, List<int[]> triples, int count, long seed) {
        List<int[]> out = new ArrayList<>(triples);
        long total = m < 3 ? 0 : (long) m * (m - 1) * (m - 2) / 6;
        Set<Long> seen = new HashSet<>();
        for (int[] t : triples) {
            seen.add(((long) t[0] * m + t[1]) * m + t[2]);
        }
        long room = total - seen.size();
        int want = (int) Math.min(count, Math.max(0, room));
        if (want <= 0) {
            return out;
        }
        if (room <= 2L * want) {
            // Small tables: take every missing triple in a seeded shuffle order, then the first 'want'.
            List<int[]> rest = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    for (int k = j + 1; k < m; k++) {
                        if (!seen.contains(((long) i * m + j) * m + k)) {
                            rest.add(new int[] {i, j, k});
                        }
                    }
                }
            }
            java.util.Collections.shuffle(rest, new java.util.Random(seed));
            out.addAll(rest.subList(0, want));
            return out;
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        int added = 0;
        while (added < want) {
            int[] t = {rng.nextInt(m), rng.nextInt(m), rng.nextInt(m)};
            if (t[0] == t[1] || t[1] == t[2] || t[0] == t[2]) {
                continue;
            }
            Arrays.sort(t);
            if (seen.add(((long) t[0] * m + t[1]) * m + t[2])) {
                out.add(t);
                added++;
            }
        }
        return out;
    }
}
