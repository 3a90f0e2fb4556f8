package dev.issosynth.selection;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@link Steering} turned into what the selection matches: weights on the training rows and imputed columns
 * ({@link TrainingTargets}), pairs it must fit, and the pool rows it must not choose.
 *
 * <p>Rebalancing and fairness weigh the training rows and leave every row's relation to the other columns as it
 * is: a row of a category raised from 8 % to 50 % stands for 50/8 rows, so the result's churners look like the
 * training's churners, only more of them. Fairness reweighs by P(target) · P(sensitive) / P(target, sensitive),
 * which makes the target independent of the sensitive columns while every (target, sensitive) group keeps its own
 * distribution of the rest: the targets become P(target) × P(sensitive) × P(rest | target, sensitive). Several
 * demands together are met by raking: the weights are adjusted for each in turn until all hold.
 */
public final class SteeredTargets {
    private static final int RAKING_ROUNDS = 200;
    private static final double RAKING_TOLERANCE = 1e-10;

    private final TrainingTargets targets;
    private final List<int[]> forcedPairs;
    private final int[] imputedColumns;
    private final int[] imputedMissing;

    private SteeredTargets(TrainingTargets targets, List<int[]> forcedPairs, int[] imputedColumns,
            int[] imputedMissing) {
        this.targets = targets;
        this.forcedPairs = List.copyOf(forcedPairs);
        this.imputedColumns = imputedColumns;
        this.imputedMissing = imputedMissing;
    }

    /** The targets of {@code steering} on the training table; InputException for names and values it lacks. */
    public static SteeredTargets of(Steering steering, TrainingTable train) {
        CodeTable codes = train.codes();
        if (steering.isNone()) {
            return new SteeredTargets(TrainingTargets.of(codes), List.of(), new int[0], new int[0]);
        }
        RawTable raw = train.raw();
        int n = raw.rowCount();
        List<int[]> groups = new ArrayList<>(); // per demand, each row's group
        List<double[]> shares = new ArrayList<>(); // per demand, each group's target share
        for (Steering.Rebalance r : steering.rebalance()) {
            int c = column(train, r.column(), "--rebalance");
            MissingValues na = train.na(c);
            String[] cells = raw.column(c);
            List<String> listed = new ArrayList<>(r.shares().keySet());
            int[] group = new int[n];
            int[] count = new int[listed.size() + 1];
            for (int row = 0; row < n; row++) {
                int g = na.isMissing(cells[row]) ? -1 : listed.indexOf(cells[row].strip());
                group[row] = g < 0 ? listed.size() : g;
                count[group[row]]++;
            }
            double[] target = new double[listed.size() + 1];
            double rest = 1;
            for (int g = 0; g < listed.size(); g++) {
                if (count[g] == 0) {
                    throw new InputException("--rebalance " + r.column() + ": the training data has no value '"
                            + listed.get(g) + "' in that column (it has " + examples(cells, na) + ")");
                }
                target[g] = r.shares().get(listed.get(g));
                rest -= target[g];
            }
            target[listed.size()] = Math.max(0, rest);
            if (count[listed.size()] == 0 && rest > 1e-9) {
                throw new InputException(String.format(Locale.ROOT, "--rebalance %s: the listed values are all the"
                        + " column has, so their shares must add up to 1 (they add up to %.4g)", r.column(), 1 - rest));
            }
            groups.add(group);
            shares.add(target);
        }
        Fairness fair = null;
        List<int[]> forced = new ArrayList<>();
        if (steering.fairTarget() != null) {
            int t = column(train, steering.fairTarget(), "--fair");
            int[] sens = new int[steering.sensitive().size()];
            for (int i = 0; i < sens.length; i++) {
                sens[i] = column(train, steering.sensitive().get(i), "--sensitive");
                forced.add(new int[] {t, sens[i]});
            }
            fair = new Fairness(codes, t, groupOf(codes, sens));
        }
        double[] w = new double[n];
        Arrays.fill(w, 1);
        if (!groups.isEmpty() || fair != null) {
            rake(w, groups, shares, fair);
        }
        TrainingTargets targets = groups.isEmpty() && fair == null ? TrainingTargets.of(codes)
                : TrainingTargets.of(codes).withWeights(w);
        int[] imputed = new int[steering.impute().size()];
        int[] missing = new int[imputed.length];
        for (int i = 0; i < imputed.length; i++) {
            imputed[i] = column(train, steering.impute().get(i), "--impute");
            missing[i] = train.schema().binning(imputed[i]).naCode();
            targets = targets.imputing(imputed[i], missing[i]);
        }
        return new SteeredTargets(targets, forced, imputed, missing);
    }

    /**
     * {@code targets} with the training rows reweighed so that the joint bins of {@code given} columns have the shares
     * they have in {@code seeds} (the given columns' codes of a seeded run's rows): the other columns' targets become
     * the training's distribution given those columns, for the seed's mix of them. Bin combinations the training
     * data lacks cannot be matched and are left out of the shares.
     */
    public static TrainingTargets matchingSeeds(TrainingTargets targets, int[] given, CodeTable seeds) {
        CodeTable train = targets.table();
        Map<List<Integer>, Double> seedShare = new java.util.HashMap<>();
        for (int r = 0; r < seeds.rows(); r++) {
            seedShare.merge(combination(seeds, given, r), 1.0, Double::sum);
        }
        Map<List<Integer>, Double> trainMass = new java.util.HashMap<>();
        for (int r = 0; r < train.rows(); r++) {
            trainMass.merge(combination(train, given, r), targets.weight(r), Double::sum);
        }
        double[] w = new double[train.rows()];
        for (int r = 0; r < w.length; r++) {
            List<Integer> k = combination(train, given, r);
            w[r] = targets.weight(r) * seedShare.getOrDefault(k, 0.0) / trainMass.get(k);
        }
        return targets.withWeights(w); // imputed columns stay imputed
    }

    /** Row {@code r}'s bins in {@code cols}: the same list for the same bins, in any table binned alike. */
    public static List<Integer> combination(CodeTable t, int[] cols, int r) {
        Integer[] bins = new Integer[cols.length];
        for (int i = 0; i < cols.length; i++) {
            bins[i] = t.code(cols[i], r);
        }
        return List.of(bins);
    }

    /** Per row, the number of its bin combination in {@code cols} (0, 1, ... in order of first appearance). */
    static int[] groupOf(CodeTable t, int[] cols) {
        Map<List<Integer>, Integer> ids = new java.util.HashMap<>();
        int[] g = new int[t.rows()];
        for (int r = 0; r < g.length; r++) {
            g[r] = ids.computeIfAbsent(combination(t, cols, r), k -> ids.size());
        }
        return g;
    }

    /** A fairness demand on the training rows: each row's target bin and sensitive group. */
    record Fairness(int[] target, int targetBins, int[] group, int groups) {
        Fairness(CodeTable codes, int targetColumn, int[] group) {
            this(bins(codes, targetColumn), codes.cardinality(targetColumn), group,
                    java.util.Arrays.stream(group).max().orElse(-1) + 1);
        }

        private static int[] bins(CodeTable codes, int c) {
            int[] b = new int[codes.rows()];
            for (int r = 0; r < b.length; r++) {
                b[r] = codes.code(c, r);
            }
            return b;
        }
    }

    /** Adjusts the weights for each demand in turn until every one holds (or the rounds run out). */
    static void rake(double[] w, List<int[]> groups, List<double[]> shares, Fairness fair) {
        int n = w.length;
        for (int round = 0; round < RAKING_ROUNDS; round++) {
            double worst = 0;
            for (int d = 0; d < groups.size(); d++) {
                int[] group = groups.get(d);
                double[] target = shares.get(d);
                double[] mass = new double[target.length];
                double total = 0;
                for (int r = 0; r < n; r++) {
                    mass[group[r]] += w[r];
                    total += w[r];
                }
                double[] factor = new double[target.length];
                for (int g = 0; g < target.length; g++) {
                    factor[g] = mass[g] > 0 ? target[g] * total / mass[g] : 0;
                    worst = Math.max(worst, Math.abs(mass[g] / total - target[g]));
                }
                for (int r = 0; r < n; r++) {
                    w[r] *= factor[group[r]];
                }
            }
            if (fair != null) {
                double[] joint = new double[fair.targetBins() * fair.groups()];
                double[] target = new double[fair.targetBins()];
                double[] sensitive = new double[fair.groups()];
                double total = 0;
                for (int r = 0; r < n; r++) {
                    int t = fair.target()[r];
                    int s = fair.group()[r];
                    joint[t + fair.targetBins() * s] += w[r];
                    target[t] += w[r];
                    sensitive[s] += w[r];
                    total += w[r];
                }
                for (int r = 0; r < n; r++) {
                    int t = fair.target()[r];
                    int s = fair.group()[r];
                    double pj = joint[t + fair.targetBins() * s] / total;
                    double independent = target[t] / total * sensitive[s] / total;
                    worst = Math.max(worst, Math.abs(pj - independent));
                    w[r] *= pj > 0 ? independent / pj : 0;
                }
            }
            if (worst < RAKING_TOLERANCE) {
                return;
            }
        }
    }

    private static int column(TrainingTable train, String name, String option) {
        int c = train.raw().columnIndex(name);
        if (c < 0) {
            boolean key = train.keys().isKey(name);
            throw new InputException(option + " " + name + ": " + (key ? "that column is a key (not modelled)"
                    : "no such column in the training data (columns: " + String.join(", ", train.header()) + ")"));
        }
        return c;
    }

    private static String examples(String[] cells, MissingValues na) {
        TreeSet<String> values = new TreeSet<>();
        for (String v : cells) {
            if (!na.isMissing(v)) {
                values.add(v.strip());
            }
        }
        List<String> first = values.stream().limit(8).toList();
        return String.join(", ", first) + (values.size() > first.size() ? ", ..." : "");
    }

    public TrainingTargets targets() {
        return targets;
    }

    /** Pairs the selection must fit whatever their mutual information (the fairness target with each sensitive column). */
    public List<int[]> forcedPairs() {
        return forcedPairs;
    }

    /** Whether the pool rows must pass a check before they may be chosen. */
    public boolean screensPool() {
        return imputedColumns.length > 0;
    }

    /** Per pool row 1 when it may not be chosen (a missing value in an imputed column), else 0. */
    public byte[] ruledOut(CodeTable pool) {
        byte[] out = new byte[pool.rows()];
        for (int i = 0; i < imputedColumns.length; i++) {
            byte[] col = pool.column(imputedColumns[i]);
            int missing = imputedMissing[i];
            for (int r = 0; r < out.length; r++) {
                if ((col[r] & 0xFF) == missing) {
                    out[r] = 1;
                }
            }
        }
        return out;
    }
}
