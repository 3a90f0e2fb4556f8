package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import dev.issosynth.util.SortedRows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The ISSOSYNTH post-processing: IPF selection of an oversized subset, greedy trimming to the target size,
 * swap refinement. Pure subset selection: rows are never modified, each pool row is chosen at most once.
 */
public final class SelectionEngine {
    /**
     * The cost of one row over a privacy cap, against 1 for a row's largest possible share of the accuracy terms:
     * above 1, so no accuracy gain buys a row over a cap ({@link SubsetState}).
     */
    public static final double PRIVACY_WEIGHT = 2.0;
    /** Refinement's search budget when trimming left rows over a privacy cap: this many IPF subsets' worth. */
    static final long EXCESS_BUDGET_FACTOR = 3;
    /** Pools of more rows than this are narrowed after IPF ({@link #narrowedRows}). */
    static final int NARROW_ROWS = 20_000_000;
    /** A narrowed pool keeps this many times the IPF rows (or {@link #NARROW_ROWS} rows, if more). */
    static final int NARROW_FACTOR = 2;

    private SelectionEngine() {
    }

    /** One stage's figures: wall time, rows after it and the objective (NaN for the "pool" baseline). */
    public record StageReport(String stage, double seconds, int rows, double objective) {
    }

    /** The chosen pool rows (ascending) and the stage reports. */
    public record Result(int[] rows, List<StageReport> stages) {
    }

    /** As {@link #run(CodeTable, CodeTable, SelectionParams, Parallel, Progress, StageListener)} unobserved. */
    public static Result run(CodeTable train, CodeTable pool, SelectionParams p, Parallel par, Progress progress) {
        return run(train, pool, p, par, progress, null);
    }

    /** @param listener told each stage's chosen rows, with a random pool subset first; null for none */
    public static Result run(CodeTable train, CodeTable pool, SelectionParams p, Parallel par, Progress progress,
                             StageListener listener) {
        return run(train, pool, null, p, par, progress, listener);
    }

    /**
     * @param privacy privacy marginals matched with the training statistics ({@link SubsetState}, weight
     *                {@link #PRIVACY_WEIGHT}); null for none
     */
    public static Result run(CodeTable train, CodeTable pool, PrivacyTargets privacy, SelectionParams p,
                             Parallel par, Progress progress, StageListener listener) {
        return run(TrainingTargets.of(train), List.of(), pool, privacy, p, par, progress, listener);
    }

    /**
     * As {@link #run(CodeTable, CodeTable, PrivacyTargets, SelectionParams, Parallel, Progress, StageListener)}
     * matching (steered) {@code targets}; {@code forcedPairs} lead the ranked pairs, so IPF and refinement always
     * fit them (a pair made independent by fairness has no mutual information left to be ranked by).
     */
    public static Result run(TrainingTargets targets, List<int[]> forcedPairs, CodeTable pool,
                             PrivacyTargets privacy, SelectionParams p, Parallel par, Progress progress,
                             StageListener listener) {
        return run(targets, forcedPairs, pool, privacy, p, par, progress, listener, NARROW_ROWS);
    }

    /** As above; pools of more than {@code narrowRows} rows are narrowed after IPF ({@link #narrowedRows}). */
    static Result run(TrainingTargets targets, List<int[]> forcedPairs, CodeTable pool, PrivacyTargets privacy,
                      SelectionParams p, Parallel par, Progress progress, StageListener listener, int narrowRows) {
        CodeTable train = targets.table();
        if (p.size() < 1 || p.size() > pool.rows()) {
            // the job resolves size 0 and checks the pool first; this guards direct callers
            throw new IllegalArgumentException("size " + p.size() + " must be in [1, " + pool.rows() + " pool rows]");
        }
        List<StageReport> stages = new ArrayList<>();
        long t0 = System.nanoTime();

        progress.stage("rank");
        List<int[]> ranked = withForced(FeatureRanker.topPairs(train, -1, par), forcedPairs);
        List<int[]> ipfPairs = limit(ranked, p.ipfTopPairs());
        FeatureSet features = objective(train, ranked, privacy, p, par);
        progress.done(String.format(Locale.ROOT, "%d pairs for IPF (damping %.3f), %d pairs + %d triples for refinement",
                ipfPairs.size(), p.effectiveDamping(ipfPairs.size()), features.phaseSize(FeatureSet.BI),
                features.phaseSize(FeatureSet.TRI)));

        if (listener != null) {
            // Baseline: a random subset of the pool of the target size.
            int[] sample = Arrays.copyOf(SwapRefiner.permutation(pool.rows(), new SplittableRandom(p.seed())), p.size());
            Arrays.sort(sample);
            StageReport base = new StageReport("pool", 0, p.size(), Double.NaN);
            stages.add(base);
            listener.stageDone(base, sample);
        }
        int oversized = (int) Math.min(pool.rows(), Math.max(p.size(), Math.floor(p.size() * p.oversizeFactor())));
        progress.stage("ipf");
        long t = System.nanoTime();
        IpfSelector.Result ipf = IpfSelector.select(targets, pool, ipfPairs, oversized, p.ipfIterations(),
                p.effectiveDamping(ipfPairs.size()), p.ipfSmoothing(), p.seed(), par, progress);
        int[] ipfRows = ipf.rows();
        // a huge pool: trimming and refinement work on the IPF subset and a seeded reserve of other rows, so their
        // memory follows the result size, not the pool's
        int[] narrowed = narrowedRows(pool.rows(), ipfRows, p.seed(), narrowRows);
        if (narrowed != null) {
            int allRows = pool.rows();
            pool = pool.select(narrowed);
            privacy = privacy == null ? null : privacy.restrict(narrowed);
            ipfRows = SortedRows.positions(ipfRows, narrowed);
            progress.info(String.format(Locale.ROOT, "pool of %,d rows: trimming and refinement see the %,d IPF rows"
                    + " and %,d other rows drawn at random", allRows,
                    ipfRows.length, narrowed.length - ipfRows.length));
        }
        if (privacy != null) {
            privacy.require(ipfRows, ipfRows.length, par);
        }
        SubsetState state = new SubsetState(features, targets, pool, p.size(), privacy, PRIVACY_WEIGHT);
        for (int r : ipfRows) {
            state.add(r);
        }
        state.recomputeObjective();
        listener = narrowed == null || listener == null ? listener : mapped(listener, narrowed);
        stages.add(report("ipf", t, state, listener));
        progress.done(String.format(Locale.ROOT, "%d distinct rows  objective %.6f%s", state.size(), state.objective(),
                privacyNote(state)));

        progress.stage("trim");
        t = System.nanoTime();
        long trimDeadline = t + (long) (p.maxTrimmingMinutes() * 60e9);
        Trimmer.Stats trim = Trimmer.trim(state, p.size(), trimDeadline, par, progress);
        stages.add(report("trim", t, state, listener));
        progress.done(String.format(Locale.ROOT, "removed %d rows%s  objective %.6f%s", trim.removed(),
                trim.timedOut() ? " (time budget hit)" : "", state.objective(), privacyNote(state)));

        progress.stage("refine");
        t = System.nanoTime();
        long refineDeadline = t + (long) (p.maxRefinementMinutes() * 60e9);
        // rows over a privacy cap after trimming: refinement has to find new rows for them, and with too small a
        // search budget it runs dry and leaves accuracy behind (census halves: 0.983 instead of 0.992)
        long budget = privacy == null ? Long.MAX_VALUE : state.privacyExcess() > 0
                ? Math.max(privacy.refinementBudget(), EXCESS_BUDGET_FACTOR * oversized) : privacy.refinementBudget();
        SwapRefiner.Stats refine = SwapRefiner.refine(state, new SwapRefiner.Params(p.refinementIterations(),
                p.refineShortlist(), p.refineCandidates(), refineDeadline, p.seed() ^ 0x5DEECE66DL, budget), par,
                progress);
        stages.add(report("refine", t, state, listener));
        progress.done(String.format(Locale.ROOT, "%d rounds, %d swaps%s  objective %.6f%s", refine.rounds(),
                refine.swaps(), refine.timedOut() ? " (time budget hit)" : "", state.objective(), privacyNote(state)));
        progress.info(String.format(Locale.ROOT, "selection total %.1fs", (System.nanoTime() - t0) / 1e9));
        int[] chosen = state.chosenRows();
        return new Result(narrowed == null ? chosen : SortedRows.rows(chosen, narrowed), stages);
    }

    /**
     * The pool rows trimming and refinement see when the pool has more than {@code minRows} rows (else null): the
     * IPF rows and a seeded random reserve of the others, {@code max(minRows, NARROW_FACTOR x IPF rows)} in all,
     * ascending. Refinement scores about a hundred thousand candidates a round, so a reserve of this size is more
     * than its rounds reach; and SubsetState, the privacy marginals and refinement's permutation then hold a few
     * bytes per reserve row instead of per pool row.
     */
    static int[] narrowedRows(int poolRows, int[] ipfRows, long seed, int minRows) {
        long keep = Math.max(minRows, NARROW_FACTOR * (long) ipfRows.length);
        if (poolRows <= minRows || keep >= poolRows) {
            return null;
        }
        boolean[] in = new boolean[poolRows];
        for (int r : ipfRows) {
            in[r] = true;
        }
        // a partial Fisher-Yates over the rows not chosen by IPF, on their positions in the pool
        int others = poolRows - ipfRows.length;
        int reserve = (int) Math.min(others, keep - ipfRows.length);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x4E4152524F57L);
        int[] rest = restRows(in, others);
        for (int i = 0; i < reserve; i++) {
            int j = i + rng.nextInt(others - i);
            int t = rest[i];
            rest[i] = rest[j];
            rest[j] = t;
        }
        for (int i = 0; i < reserve; i++) {
            in[rest[i]] = true;
        }
        int[] out = new int[ipfRows.length + reserve];
        int n = 0;
        for (int r = 0; r < poolRows; r++) {
            if (in[r]) {
                out[n++] = r;
            }
        }
        return out;
    }

    private static int[] restRows(boolean[] taken, int count) {
        int[] rest = new int[count];
        int n = 0;
        for (int r = 0; r < taken.length; r++) {
            if (!taken[r]) {
                rest[n++] = r;
            }
        }
        return rest;
    }

    /** A listener told pool rows for the positions a narrowed engine reports. */
    private static StageListener mapped(StageListener listener, int[] narrowed) {
        return (report, rows) -> listener.stageDone(report, SortedRows.rows(rows, narrowed));
    }

    /** The features of trimming's and refinement's objective: every column, the top pairs, the chosen triples. */
    static FeatureSet objective(CodeTable train, List<int[]> ranked, PrivacyTargets privacy, SelectionParams p,
            Parallel par) {
        List<int[]> refinePairs = limit(ranked, p.refineTopPairs());
        List<int[]> triples = FeatureRanker.withRandomTriples(train.columns(),
                FeatureRanker.topTriples(train, ranked, p.refineTopTriples(), par), p.refineRandomTriples(),
                p.seed() ^ 0x7A11E5L);
        int[] privacyCodes = new int[privacy == null ? 0 : privacy.marginals()];
        for (int k = 0; k < privacyCodes.length; k++) {
            privacyCodes[k] = privacy.shares(k).length;
        }
        return FeatureSet.of(train.cardinalities(), refinePairs, triples, privacyCodes);
    }

    /** How much of the objective is rows over the privacy caps (nothing without privacy marginals). */
    private static String privacyNote(SubsetState state) {
        return state.privacy() == null ? "" : String.format(Locale.ROOT, " (privacy excess %.6f)",
                state.privacyExcess());
    }

    /** {@code forced} (as i &lt; j), then the ranked pairs without them. */
    static List<int[]> withForced(List<int[]> ranked, List<int[]> forced) {
        if (forced.isEmpty()) {
            return ranked;
        }
        List<int[]> out = new ArrayList<>();
        for (int[] f : forced) {
            int[] pair = {Math.min(f[0], f[1]), Math.max(f[0], f[1])};
            if (out.stream().noneMatch(q -> Arrays.equals(q, pair))) {
                out.add(pair);
            }
        }
        for (int[] q : ranked) {
            if (out.stream().noneMatch(f -> Arrays.equals(f, q))) {
                out.add(q);
            }
        }
        return out;
    }

    private static List<int[]> limit(List<int[]> ranked, int n) {
        return n < 0 || n >= ranked.size() ? ranked : ranked.subList(0, n);
    }

    private static StageReport report(String name, long startNanos, SubsetState state, StageListener listener) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StageReport r = new StageReport(name, seconds, state.size(), state.objective());
        if (listener != null) {
            listener.stageDone(r, state.chosenRows());
        }
        return r;
    }
}
