package dev.issosynth.pipeline;

import dev.issosynth.io.RawTable;
import dev.issosynth.quality.AccuracyEvaluator;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.selection.Steering;
import dev.issosynth.selection.SteeredTargets;
import dev.issosynth.util.Parallel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the steering of a result reached, measured on the written rows: each rebalanced value's share (asked,
 * training, result) and the accuracy of its rows against the training rows of the same value (the relations kept
 * within a category); the fairness target's demographic parity difference in the training data and in the result;
 * the missing cells left in imputed columns.
 *
 * @param rebalanced    one entry per rebalanced value
 * @param fairTarget    the fairness target, null for none
 * @param parityTraining the largest gap, over the target's bins, between the sensitive groups' shares of the bin
 *                      (groups of at least {@value #MIN_GROUP_SHARE} of the rows), in the training data
 * @param parityResult  the same in the result
 * @param missingLeft   per imputed column, the result's missing cells (0 when imputation held)
 * @param rules         the rules checked
 * @param poolBreaks    pool rows that broke a rule (left out of the selection)
 * @param resultBreaks  result rows that break a rule (0 when the rules held)
 */
public record SteeredFigures(List<Achieved> rebalanced, String fairTarget, double parityTraining,
                             double parityResult, Map<String, Integer> missingLeft, int rules, long poolBreaks,
                             long resultBreaks) {
    /** Sensitive groups smaller than this share of a table are left out of the parity gap (noise). */
    static final double MIN_GROUP_SHARE = 0.01;
    /** The name of the values a rebalancing does not list, together. */
    public static final String OTHERS = "(other values)";

    /** A rebalanced value: shares asked, in the training data and in the result; accuracy of its rows. */
    public record Achieved(String column, String value, double asked, double training, double result,
                           double accuracyWithin) {
    }

    /** Null for no steering. */
    static SteeredFigures measure(Steering steering, TrainingTable train, RawTable result, CodeTable resultCodes,
                                  RuleCheck rules, long seed, Parallel par) {
        if (steering.isNone()) {
            return null;
        }
        CodeTable trainCodes = train.codes();
        List<Achieved> achieved = new ArrayList<>();
        for (Steering.Rebalance r : steering.rebalance()) {
            String[] trainCells = train.raw().column(train.raw().columnIndex(r.column()));
            MissingValues na = train.na(r.column());
            String[] resultCells = result.column(result.columnIndex(r.column()));
            List<String> values = new ArrayList<>(r.shares().keySet());
            values.add(null); // the values not listed, together
            double rest = 1 - r.shares().values().stream().mapToDouble(Double::doubleValue).sum();
            for (String value : values) {
                int[] inTrain = rowsWith(trainCells, value, r.shares().keySet(), na);
                int[] inResult = rowsWith(resultCells, value, r.shares().keySet(), na);
                if (value == null && inTrain.length == 0) {
                    continue;
                }
                double within = inResult.length == 0 || inTrain.length == 0 ? Double.NaN
                        : AccuracyEvaluator.evaluate(trainCodes.select(inTrain), resultCodes.select(inResult), seed,
                        par).overall();
                achieved.add(new Achieved(r.column(), value == null ? OTHERS : value,
                        value == null ? rest : r.shares().get(value), inTrain.length / (double) trainCells.length,
                        inResult.length / (double) resultCells.length, within));
            }
        }
        double parityTraining = Double.NaN;
        double parityResult = Double.NaN;
        if (steering.fairTarget() != null) {
            int t = train.raw().columnIndex(steering.fairTarget());
            int[] sens = steering.sensitive().stream().mapToInt(train.raw()::columnIndex).toArray();
            parityTraining = parityGap(trainCodes, t, sens);
            parityResult = parityGap(resultCodes, t, sens);
        }
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (String c : steering.impute()) {
            MissingValues na = train.na(c);
            int n = 0;
            for (String v : result.column(result.columnIndex(c))) {
                n += na.isMissing(v) ? 1 : 0;
            }
            missing.put(c, n);
        }
        return new SteeredFigures(List.copyOf(achieved), steering.fairTarget(), parityTraining, parityResult,
                missing, steering.rules().size(), rules == null ? 0 : rules.poolBreaks(),
                rules == null ? 0 : rules.breaks(result));
    }

    /** Rows holding {@code value}; for null, the rows holding none of {@code listed} (missing ones included). */
    private static int[] rowsWith(String[] cells, String value, java.util.Set<String> listed, MissingValues na) {
        int[] rows = new int[cells.length];
        int k = 0;
        for (int r = 0; r < cells.length; r++) {
            boolean missing = na.isMissing(cells[r]);
            boolean match = value == null ? missing || !listed.contains(cells[r].strip())
                    : !missing && cells[r].strip().equals(value);
            if (match) {
                rows[k++] = r;
            }
        }
        return java.util.Arrays.copyOf(rows, k);
    }

    /**
     * Demographic parity difference: over the target's bins, the largest gap between two sensitive groups' shares
     * of that bin (0 = the target is independent of the groups).
     */
    static double parityGap(CodeTable codes, int target, int[] sensitive) {
        Map<List<Integer>, int[]> groups = new HashMap<>(); // sensitive bins → counts per target bin, then total
        int bins = codes.cardinality(target);
        for (int r = 0; r < codes.rows(); r++) {
            int[] counts = groups.computeIfAbsent(SteeredTargets.combination(codes, sensitive, r),
                    k -> new int[bins + 1]);
            counts[codes.code(target, r)]++;
            counts[bins]++;
        }
        double gap = 0;
        for (int b = 0; b < bins; b++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int[] g : groups.values()) {
                if (g[bins] >= Math.max(1, MIN_GROUP_SHARE * codes.rows())) {
                    double share = g[b] / (double) g[bins];
                    lo = Math.min(lo, share);
                    hi = Math.max(hi, share);
                }
            }
            gap = hi >= lo ? Math.max(gap, hi - lo) : gap;
        }
        return gap;
    }

    /** The summary's lines. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Achieved a : rebalanced) {
            out.add(String.format(Locale.ROOT, "rebalanced %s=%s: %.4f in the result (asked %.4f, training %.4f);"
                    + " its rows' accuracy against the training's rows of it %.5f", a.column(), a.value(), a.result(),
                    a.asked(), a.training(), a.accuracyWithin()));
        }
        if (fairTarget != null) {
            out.add(String.format(Locale.ROOT, "fairness of %s: demographic parity difference %.4f in the result"
                    + " (training %.4f)", fairTarget, parityResult, parityTraining));
        }
        missingLeft.forEach((c, n) -> out.add("imputed " + c + ": " + n + " missing cells in the result"));
        if (rules > 0) {
            out.add(String.format(Locale.ROOT, "rules: %,d result rows break one (%,d pool rows did and were left out)",
                    resultBreaks, poolBreaks));
        }
        return out;
    }
}
