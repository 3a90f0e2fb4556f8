package dev.issosynth.pipeline;

import dev.issosynth.io.CsvWriter;
import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;
import dev.issosynth.io.RowExpander;
import dev.issosynth.quality.PrivacyEvaluator;
import dev.issosynth.quality.ExactCopies;
import dev.issosynth.quality.PartialCopies;
import dev.issosynth.quality.PrivacyReference;
import dev.issosynth.quality.PrivacyReport;
import dev.issosynth.quality.ValueOverlap;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.selection.SeededSelection;
import dev.issosynth.selection.SelectionEngine;
import dev.issosynth.selection.SteeredTargets;
import dev.issosynth.selection.Steering;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The selection stage of a job: the pool binned with the training bins (and read for privacy steering),
 * the engine's choice, the chosen rows' text copied from the pool file to the output, and with a holdout the
 * result's privacy figures.
 */
public final class SelectionRun {
    private SelectionRun() {
    }

    /**
     * What a selection produced; {@code steering} is null with privacy steering off, {@code privacy} null without a holdout.
     * {@code result} and {@code resultCodes} are the written rows (text and training bins), for the evaluation
     * and the report without reading the output back.
     */
    public record Outcome(Path output, int rows, long poolRows, int trainRows, double readSeconds,
                          double writeSeconds, List<StageFigures> stages, SteeringReport steering, PrivacyReport privacy,
                          RawTable result, CodeTable resultCodes, SteeredFigures steered) {
    }

    /**
     * Privacy settings of a selection.
     *
     * @param steer  steer the selection's distances to the training data ({@link PrivacySteering})
     * @param sample at most this many rows per table in the privacy figures of the result and in the steering's
     *               reference; 0 = the defaults: all rows for the figures, {@link PrivacyReference#DEFAULT_ROWS} for
     *               the reference
     * @param margin how much less often than the training rows themselves a result row may be closer to the
     *               training data than to the pool sample, per group
     * @param maxSteeredRows the largest IPF subset whose distances are steered (each of its rows costs a
     *               nearest-neighbour search); above it copies are still steered and the distances only estimated
     *               on a sample of the result; 0 = no limit
     */
    public record Privacy(boolean steer, int sample, double margin, long maxSteeredRows) {
        /**
         * The default {@code maxSteeredRows}: the IPF subset of a 2 M-row result. Its searches take about 75 s on 2
         * cores (some 30 microseconds a row against the 2,500-row reference), and refinement's up to three times as
         * many again: beyond it the steering would outgrow the rest of the job.
         */
        public static final long DEFAULT_MAX_STEERED_ROWS = 2_500_000;
        /** The default {@code margin}: the pool only approximates a holdout (measured; see the README). */
        public static final double DEFAULT_MARGIN = 0.1;
        /**
         * Row pairs × column groups the search of the IPF subset may cost (each of its rows against the reference
         * and as many pool rows), which sets the reference's size and its random cuts.
         */
        static final double SEARCH_BUDGET = 3.5e9;
        static final int MIN_REFERENCE = 2_500;
        /** Below this many reference rows, one random cut with more rows beats three with fewer. */
        static final int MIN_REFERENCE_FOR_CUTS = 8_000;

        public Privacy {
            PrivacyEvaluator.requireSample(sample);
            if (!(margin >= 0 && margin < 0.5)) {
                throw new IllegalArgumentException("--privacy-margin must be at least 0 and below 0.5: " + margin);
            }
            if (maxSteeredRows < 0) {
                throw new IllegalArgumentException("--privacy-max-rows must not be negative (0 = no limit): "
                        + maxSteeredRows);
            }
        }

        public Privacy(boolean steer, int sample, double margin) {
            this(steer, sample, margin, DEFAULT_MAX_STEERED_ROWS);
        }

        public Privacy(boolean steer, int sample) {
            this(steer, sample, DEFAULT_MARGIN);
        }

        /** Whether the distances of an IPF subset of {@code ipfRows} rows are steered. */
        public boolean steersDistances(long ipfRows) {
            return maxSteeredRows == 0 || ipfRows <= maxSteeredRows;
        }

        public static Privacy off() {
            return new Privacy(false, PrivacyEvaluator.ALL_ROWS);
        }

        /**
         * The reference's training rows and random cuts for an IPF subset of {@code ipfRows} rows: three cuts (13
         * groups) when the budget affords at least {@value #MIN_REFERENCE_FOR_CUTS} rows with them (or all the
         * training rows), else one cut (7 groups); as many rows as the budget affords, at most
         * {@link PrivacyReference#DEFAULT_ROWS} and at least {@value #MIN_REFERENCE}; the sample when one is given.
         * E.g. 100,000 result rows: 4,000 rows, one cut; 24,000: 8,800 rows, three cuts; 5,000: all, three cuts.
         */
        /**
         * New rows refinement may measure: half the search budget over the cost of one row (the reference and the
         * pool sample, in every group): e.g. 31,250 rows with 4,000 reference rows and 7 groups, the whole pool of a
         * small table.
         */
        static long refinementBudget(PrivacyReference reference) {
            return (long) (SEARCH_BUDGET / 2 / (2.0 * reference.rows() * reference.groups()));
        }

        /**
         * As above; with the value overlap steered, at least the whole pool up to {@value #OVERLAP_BUDGET_FACTOR} IPF
         * subsets: the pool then memorises, most of its rows are over the overlap's caps, and refinement has to
         * measure many to find the others (census's memorising pool: excess left after refinement 0.22 with three
         * IPF subsets' worth, none with the whole 50,000-row pool).
         */
        static long refinementBudget(PrivacyReference reference, boolean overlap, int engineRows, long ipfRows) {
            long base = refinementBudget(reference);
            return overlap ? Math.max(base, Math.min(engineRows, OVERLAP_BUDGET_FACTOR * ipfRows)) : base;
        }

        /** See {@link #refinementBudget(PrivacyReference, boolean, int, long)}. */
        static final int OVERLAP_BUDGET_FACTOR = 10;

        public int[] referencePlan(long ipfRows, int trainRows) {
            int cuts = PrivacyReference.RANDOM_PARTITIONS;
            long withCuts = (long) (SEARCH_BUDGET / (Math.max(1, ipfRows) * (1.0 + 4 * cuts)));
            long oneCut = (long) (SEARCH_BUDGET / (Math.max(1, ipfRows) * 7.0));
            if (sample != PrivacyEvaluator.ALL_ROWS) {
                return new int[] {sample, withCuts >= Math.min(sample, trainRows) ? cuts : 1};
            }
            if (withCuts >= Math.min(MIN_REFERENCE_FOR_CUTS, trainRows)) {
                return new int[] {(int) Math.min(PrivacyReference.DEFAULT_ROWS, withCuts), cuts};
            }
            return new int[] {(int) Math.max(MIN_REFERENCE, Math.min(PrivacyReference.DEFAULT_ROWS, oneCut)), 1};
        }
    }

    /** The pool's codes, filled from a file or from a generator's rows, and the privacy yardsticks it was read with. */
    static final class Pool {
        final PoolCodes codes;
        final ExactCopies copies;
        final PrivacyReference reference;
        final double calibrationSeconds;
        final RuleCheck rules;
        final SteeredTargets targets;
        /** Seeded runs: pool rows per seed row, one after the other (0: not seeded). */
        final int seedCandidates;
        /** Seeded runs: the columns the seed gives. */
        final String[] seedColumns;

        private Pool(PoolCodes codes, ExactCopies copies, PrivacyReference reference, double calibrationSeconds,
                RuleCheck rules, SteeredTargets targets, dev.issosynth.generator.argn.ArgnGenerator seeded) {
            this.seedCandidates = seeded == null ? 0 : seeded.seedCandidates();
            this.seedColumns = seeded == null ? new String[0] : seeded.seedData().header();
            this.rules = rules;
            this.targets = targets;
            this.codes = codes;
            this.copies = copies;
            this.reference = reference;
            this.calibrationSeconds = calibrationSeconds;
        }
    }

    /** Step one: fits the privacy reference on the training data (when steering) and returns the empty pool. */
    static Pool preparePool(TrainingTable train, Privacy privacy, SelectionParams params, Parallel par,
                            Path spillFolder) {
        return preparePool(train, privacy, params, par, null, spillFolder);
    }

    /**
     * As {@link #preparePool(TrainingTable, Privacy, SelectionParams, Parallel, Path)} for the pool {@code seeded} writes
     * (candidates per seed row; null when the run is not seeded). Privacy cells of a pool too big for the heap go to
     * a memory-mapped file in {@code spillFolder} (the pool's folder).
     */
    static Pool preparePool(TrainingTable train, Privacy privacy, SelectionParams params, Parallel par,
            dev.issosynth.generator.argn.ArgnGenerator seeded, Path spillFolder) {
        long t = System.nanoTime();
        ExactCopies copies = privacy.steer() ? ExactCopies.of(train) : null;
        long size = params.size() > 0 ? params.size() : train.rowCount();
        long ipfRows = (long) Math.floor(size * params.oversizeFactor());
        int[] plan = privacy.referencePlan(ipfRows, train.rowCount());
        PrivacyReference reference = privacy.steer() && train.rowCount() >= 2
                ? PrivacyReference.fit(train, plan[0], plan[1], params.seed(), par) : null;
        double seconds = (System.nanoTime() - t) / 1e9;
        // the steering is resolved before any pool row is made or read: a name or value the training data lacks
        // stops the job at once, not after the training
        RuleCheck rules = RuleCheck.of(params.steering().rules(), train);
        SteeredTargets targets = SteeredTargets.of(params.steering(), train);
        PoolCodes codes = new PoolCodes(train.schema(), copies, reference, rules, par, spillFolder);
        if (reference != null && !privacy.steersDistances(ipfRows)) {
            // distances only estimated: cells of every stride-th row leave twice the estimate's rows in the result
            codes.keepCellsEvery((int) Math.max(1, size / (2L * PrivacySteering.ESTIMATE_ROWS)));
        }
        return new Pool(codes, copies, reference, seconds, rules, targets, seeded);
    }

    /** select: the pool file is binned (and screened) here; see {@link #select} for the rest. */
    public static Outcome run(TrainingTable train, Path poolPath, Path output, SelectionParams params, Privacy privacy,
                              RawTable holdout, Parallel par, Progress progress) {
        long t0 = System.nanoTime();
        progress.stage("read");
        Pool pool = preparePool(train, privacy, params, par, poolPath.toAbsolutePath().getParent());
        pool.codes.readFile(poolPath, train.skippedColumns(), progress);
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        progress.done(String.format(Locale.ROOT, "training %,d rows x %d columns, pool %,d rows", train.rowCount(),
                train.columnCount(), pool.codes.rows()));
        try (PoolCodes codes = pool.codes) {
            return select(train, pool, poolPath, output, params, privacy, holdout, par, progress, readSeconds);
        }
    }

    /**
     * Step two: drops the copies of training rows when they are excluded, selects (privacy steered), writes the chosen rows' text from {@code poolPath} (whose
     * rows are the ones binned, in order) and, with a holdout, computes the result's privacy figures.
     *
     * @param params selection parameters; a size of 0 means "as many rows as the training data"
     */
    static Outcome select(TrainingTable train, Pool pool, Path poolPath, Path output, SelectionParams params,
                          Privacy privacy, RawTable holdout, Parallel par, Progress progress, double readSeconds) {
        CodeTable codes = pool.codes.table();
        int poolRows = codes.rows();
        SelectionParams p = params.size() > 0 ? params : params.withSize(train.rowCount());
        byte[] flags = pool.copies == null ? null : pool.codes.copyFlags();
        long poolCopies = flags == null ? 0 : count(flags);
        // copies are excluded unless real records repeat often enough that a real sample of this size would hold
        // one; then they are capped at that rate instead
        double allowed = pool.copies == null ? 0 : pool.copies.repeatShare();
        boolean excludeCopies = pool.copies != null && allowed * p.size() < 1;
        // rebalancing, fairness and imputation are targets; imputation also rules out rows missing the value
        SteeredTargets targets = pool.targets;
        byte[] ruled = or(targets.screensPool() ? targets.ruledOut(codes) : null, pool.codes.ruleFlags());
        long ruledOut = ruled == null ? 0 : count(ruled);
        int[] kept = null;
        // a seeded run's pool is seed rows x candidates in a row: its rows stay in place, ruled-out ones are skipped
        boolean seeded = pool.seedCandidates > 0;
        if (!seeded && (excludeCopies || ruledOut > 0)) {
            kept = keptRows(excludeCopies ? flags : null, ruled);
            if (kept.length < poolRows) {
                codes = codes.select(kept);
                if (!excludeCopies && flags != null) {
                    flags = selectFlags(flags, kept);
                }
            } else {
                kept = null;
            }
        }
        // checked before the steering's searches: copies allowed at the real rate still leave the pool short when
        // it holds little else
        long keptCopies = excludeCopies || flags == null ? 0 : count(flags);
        long allowedCopies = pool.copies == null || excludeCopies ? 0
                : Math.min(keptCopies, (long) Math.floor(allowed * p.size()));
        long usable = excludeCopies ? codes.rows() : codes.rows() - keptCopies + allowedCopies;
        if (!seeded && p.size() > usable) {
            boolean steered = pool.copies != null && poolCopies > 0;
            // turning the steering off only helps when the whole pool would be large enough
            String remedy = !steered ? " (use a larger pool)" : poolRows >= p.size()
                    ? " (use a larger pool, or --no-privacy-guard)" : " (use a larger pool: it has " + poolRows
                    + " rows with the copies)";
            String what = !steered ? " rows" : " rows that do not copy a training row" + (excludeCopies ? ""
                    : String.format(Locale.ROOT, " and %,d copies allowed (the rate real records repeat)",
                    allowedCopies));
            String imputing = ruledOut == 0 ? "" : String.format(Locale.ROOT, " (%,d pool rows break a --rule or"
                    + " lack a value in an --impute column)", ruledOut);
            throw new InputException(poolPath.getFileName() + ": the pool has " + (steered ? poolRows - poolCopies
                    - ruledOut : codes.rows()) + what + imputing + ", fewer than the requested size " + p.size()
                    + remedy);
        }
        PrivacySteering steering = null;
        OverlapPlan.Screened overlap = null;
        if (pool.copies != null) {
            List<PrivacySteering.Flag> marginals = excludeCopies ? List.of()
                    : List.of(new PrivacySteering.Flag(COPIES, flags, allowed));
            if (pool.reference != null) {
                pool.reference.usePoolSample(pool.codes.compact(), poolSample(codes.rows(), kept,
                        pool.reference.rows(), p.seed(), pool.codes.cellStride()), privacy.margin(), par);
            }
            long ipfRows = (long) Math.floor(p.size() * p.oversizeFactor());
            boolean distances = privacy.steersDistances(ipfRows);
            PartialCopies partial = distances && pool.reference != null
                    ? PartialCopyPlan.choose(pool.reference, pool.codes.compact(), codes.rows(), kept, p.seed()) : null;
            overlap = distances && pool.reference != null ? OverlapPlan.screen(pool.reference,
                    pool.codes.compact(), codes.rows(), kept, p.seed(), par) : null;
            ValueOverlap steeredOverlap = overlap == null ? null : overlap.steeredOverlap();
            steering = new PrivacySteering(pool.reference, pool.codes.compact(), kept, codes.rows(), marginals,
                    pool.reference == null ? 0 : Privacy.refinementBudget(pool.reference, steeredOverlap != null,
                    codes.rows(), ipfRows), distances, partial, steeredOverlap).cellsEvery(pool.codes.cellStride());
            if (partial != null && partial.size() > 0) {
                progress.info(String.format(Locale.ROOT, "privacy: %d column combinations (pairs, triples) repeat"
                        + " values of a single training row in the pool more often than real records do; steered"
                        + " to their rate", partial.size()));
            }
            if (overlap != null) {
                progress.info(OverlapPlan.describe(overlap));
            }
            String against = pool.reference == null ? "" : pool.reference.groups() + " column groups ("
                    + pool.reference.marginals() + " marginals) against " + pool.reference.rows() + " training rows";
            progress.info(String.format(Locale.ROOT, "privacy: %,d pool rows copy a training row (%s); %s",
                    poolCopies, excludeCopies ? "excluded"
                            : String.format(Locale.ROOT, "at most %.4f of the result, as real records repeat", allowed),
                    pool.reference == null ? "distances steered on nothing (fewer than 2 training rows)"
                            : distances ? "distances steered on " + against
                            : String.format(Locale.ROOT, "distances not steered: the IPF subset's %,d rows are above"
                            + " --privacy-max-rows %,d (a nearest-neighbour search each), only estimated on a sample"
                            + " of %,d result rows on %s", ipfRows, privacy.maxSteeredRows(),
                            PrivacySteering.ESTIMATE_ROWS, against)));
        }
        StageFigures.Scorer scorer = new StageFigures.Scorer(train.codes(), codes, p.seed(), par);
        if (!p.steering().isNone()) {
            progress.info("steering: " + describe(p.steering()) + (ruledOut == 0 ? "" : String.format(Locale.ROOT,
                    "; %,d pool rows left out (a rule broken or an imputed value missing)", ruledOut)));
            if (pool.rules != null) {
                pool.rules.poolLines().forEach(progress::info);
                long broken = pool.rules.breaks(train.raw());
                if (broken > 0) {
                    progress.info(String.format(Locale.ROOT, "note: %,d training rows break a rule themselves (their"
                            + " statistics are still the targets)", broken));
                }
            }
        }
        SelectionEngine.Result result = seeded
                ? seededSelection(train, targets, codes, ruled, pool.seedCandidates, pool.seedColumns, p, par,
                progress, scorer)
                : SelectionEngine.run(targets.targets(), targets.forcedPairs(), codes, steering, p, par, progress,
                scorer);
        SteeringReport steered = null;
        if (steering != null) {
            double[][] estimate = steering.estimate(result.rows(), par);
            List<String> names = new java.util.ArrayList<>();
            for (int g = 0; g < estimate[0].length; g++) {
                names.add(pool.reference.groupName(g));
            }
            steered = new SteeringReport(pool.reference == null ? 0 : pool.reference.rows(), List.copyOf(names),
                    poolCopies, excludeCopies, excludeCopies ? 0 : allowed,
                    steering.flagShareOf(COPIES, result.rows()), steering.searchedRows(),
                    pool.calibrationSeconds + pool.codes.privacySeconds() + steering.seconds(), privacy.margin(),
                    pool.reference == null ? new double[0] : pool.reference.realCloserThanPool(), estimate[0],
                    estimate[1], identifierColumns(train), PartialCopyPlan.figures(steering, result.rows(), par),
                    pool.reference == null ? null : pool.reference.nearCopies(), overlap == null ? null
                    : OverlapPlan.figure(overlap, pool.codes.compact(), result.rows(), kept, par));
            progress.info(String.format(Locale.ROOT, "privacy steering: %,d rows searched, %.1f s (reference %.1f s,"
                    + " pool cells %.1f s, searches %.1f s); closer to training than to the pool sample: %.4f (%s)",
                    steering.searchedRows(), steered.seconds(), pool.calibrationSeconds, pool.codes.privacySeconds(),
                    steering.seconds(), steered.headline(), steered.headlineGroup()));
        }

        pool.codes.close(); // the privacy cells are done with: their heap is the result's now
        progress.stage("write");
        long tw = System.nanoTime();
        boolean[] selected = new boolean[poolRows];
        for (int r : result.rows()) {
            selected[kept != null ? kept[r] : r] = true;
        }
        ResultRows text = new ResultRows(train.schema().names(), result.rows().length);
        // keys are not modelled: the result gets fresh ones at their places, never a training key
        RowExpander keys = train.keys().isEmpty() ? null : train.keys().expander(train.full(), params.seed());
        if (keys != null) {
            progress.info("keys: " + String.join(", ", train.keys().names()) + " (not modelled; the result has fresh"
                    + " keys in their format, none a training key; --keys none to model them as data)");
        }
        ResultFile.write(train, poolPath, selected, output, text, keys, progress);
        double writeSeconds = (System.nanoTime() - tw) / 1e9;
        progress.done(output.toString());
        RawTable written = text.table();
        PrivacyReport report = null;
        if (holdout != null) {
            progress.stage("privacy");
            report = PrivacyEvaluator.evaluate(train, holdout, written, privacy.sample(), params.seed(), par);
            progress.done(String.format(Locale.ROOT, "DCR share %.5f, NNDR ratio %.5f", report.dcrShare(),
                    report.nndrRatio()));
        }
        CodeTable resultCodes = codes.select(result.rows());
        SteeredFigures figures = SteeredFigures.measure(p.steering(), train, written, resultCodes, pool.rules,
                p.seed(), par);
        if (figures != null) {
            figures.lines().forEach(progress::info);
        }
        return new Outcome(output, result.rows().length, poolRows, train.rowCount(), readSeconds, writeSeconds,
                scorer.stages(), steered, report, written, resultCodes, figures);
    }

    /** The rows neither verdict (either may be null) rules out. */
    private static int[] keptRows(byte[] verdicts, byte[] more) {
        int n = verdicts != null ? verdicts.length : more.length;
        int[] kept = new int[n];
        int k = 0;
        for (int r = 0; r < n; r++) {
            if ((verdicts == null || verdicts[r] == 0) && (more == null || more[r] == 0)) {
                kept[k++] = r;
            }
        }
        return Arrays.copyOf(kept, k);
    }

    /** One candidate per seed row ({@link SeededSelection}), reported as the engine's stages are. */
    private static SelectionEngine.Result seededSelection(TrainingTable train, SteeredTargets targets,
            CodeTable codes, byte[] ruled, int candidates, String[] seedColumns, SelectionParams p, Parallel par,
            Progress progress, StageFigures.Scorer scorer) {
        long t = System.nanoTime();
        int groups = codes.rows() / candidates;
        int[] first = new int[groups];
        for (int g = 0; g < groups; g++) {
            first[g] = g * candidates;
        }
        // the targets: the training's other columns given the seed's columns, in the seed's mix of them
        int[] given = java.util.Arrays.stream(seedColumns).mapToInt(train.schema()::columnIndex).filter(c -> c >= 0)
                .toArray();
        dev.issosynth.selection.TrainingTargets matched = SteeredTargets.matchingSeeds(targets.targets(), given,
                codes.select(first));
        SelectionEngine.StageReport base = new SelectionEngine.StageReport("pool", 0, groups, Double.NaN);
        scorer.stageDone(base, first);
        SeededSelection.Result r = SeededSelection.select(matched, targets.forcedPairs(), codes, candidates,
                ruled, p, SEEDED_ROUNDS, par, progress);
        if (r.unavoidable() > 0) {
            progress.info(String.format(Locale.ROOT, "note: %,d seed rows had only candidates that break a rule or"
                    + " miss an imputed value; their first candidate is kept", r.unavoidable()));
        }
        SelectionEngine.StageReport done = new SelectionEngine.StageReport("seeded", (System.nanoTime() - t) / 1e9,
                groups, r.objective());
        scorer.stageDone(done, r.rows());
        return new SelectionEngine.Result(r.rows(), List.of(base, done));
    }

    /** Passes of a seeded selection over the seed rows at most (it stops when a pass changes nothing). */
    static final int SEEDED_ROUNDS = 50;

    /** Either verdict (either may be null) rules the row out; null when both are. */
    private static byte[] or(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        byte[] out = new byte[a.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = (byte) (a[r] | b[r]);
        }
        return out;
    }

    private static byte[] selectFlags(byte[] flags, int[] rows) {
        byte[] out = new byte[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = flags[rows[i]];
        }
        return out;
    }

    /** The steering as the user asked for it, for the log. */
    private static String describe(Steering s) {
        List<String> parts = new java.util.ArrayList<>();
        s.rebalance().forEach(r -> parts.add("rebalance " + r));
        if (s.fairTarget() != null) {
            parts.add("fair " + s.fairTarget() + " against " + String.join(", ", s.sensitive()));
        }
        if (!s.impute().isEmpty()) {
            parts.add("impute " + String.join(", ", s.impute()));
        }
        s.rules().forEach(r -> parts.add("rule " + r));
        return String.join("; ", parts);
    }

    private static final String COPIES = "copies";
    /** A categorical column with at least this share of distinct training values counts as an identifier. */
    static final double IDENTIFIER_SHARE = 0.9;

    /**
     * Categorical columns whose training values are nearly all distinct (ids, names): every value a generator makes
     * up for them is unseen, and the privacy metric maps all unseen values to its one "rare" point, so whichever
     * real value happens to lie next to that point decides the DCR share of the column groups they weigh in, by
     * chance (baseball's id column: 0.71). Reported so the user can leave such columns out.
     */
    static List<String> identifierColumns(TrainingTable train) {
        List<String> out = new java.util.ArrayList<>();
        int n = train.rowCount();
        if (n < 20) {
            return out;
        }
        for (int c = 0; c < train.columnCount(); c++) {
            if (train.schema().type(c) != dev.issosynth.schema.ColumnType.CATEGORICAL) {
                continue;
            }
            String name = train.schema().names()[c];
            String[] cells = train.raw().column(train.raw().columnIndex(name));
            if (new java.util.HashSet<>(Arrays.asList(cells)).size() >= IDENTIFIER_SHARE * n) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * The pool rows standing in for a holdout: a seeded sample of the engine's rows, as many as the reference has
     * (so both sides of the comparison have the same size), as pool rows, ascending.
     */
    static int[] poolSample(int engineRows, int[] kept, int size, long seed) {
        return poolSample(engineRows, kept, size, seed, 1);
    }

    /**
     * As above among the pool rows whose privacy cells are kept (those divisible by {@code stride}), as indexes of
     * those cells (row / stride).
     */
    static int[] poolSample(int engineRows, int[] kept, int size, long seed, int stride) {
        int[] perm = dev.issosynth.selection.SwapRefiner.permutation(engineRows,
                new java.util.SplittableRandom(seed ^ 0x504f4f4c53414dL));
        int[] pick = new int[Math.min(engineRows, size)];
        int n = 0;
        for (int i = 0; i < perm.length && n < pick.length; i++) {
            int row = kept == null ? perm[i] : kept[perm[i]];
            if (row % stride == 0) {
                pick[n++] = row / stride;
            }
        }
        pick = Arrays.copyOf(pick, n);
        Arrays.sort(pick);
        return pick;
    }

    private static long count(byte[] flags) {
        long n = 0;
        for (byte v : flags) {
            n += v;
        }
        return n;
    }

    /** Keeps the text of the rows written to the result, column-major. */
    private static final class ResultRows implements dev.issosynth.io.RowListener {
        private final String[] header;
        private final String[][] columns;
        /** A 10 M-row result would otherwise hold 150 M strings. */
        private final dev.issosynth.io.SharedCells shared;
        private int rows;

        ResultRows(String[] header, int capacity) {
            this.header = header;
            this.columns = new String[header.length][capacity];
            this.shared = new dev.issosynth.io.SharedCells(header.length);
        }

        @Override
        public void row(String[] cells) {
            for (int c = 0; c < cells.length; c++) {
                columns[c][rows] = shared.share(c, cells[c]);
            }
            rows++;
        }

        RawTable table() {
            if (rows != columns[0].length) {
                throw new IllegalStateException("wrote " + rows + " rows, selected " + columns[0].length);
            }
            return new RawTable(header, columns);
        }
    }
}
