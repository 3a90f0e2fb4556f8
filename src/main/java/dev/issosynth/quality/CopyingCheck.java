package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;

import java.util.SplittableRandom;

/**
 * A check for copying that needs no holdout: the {@link ValueOverlap} of a synthetic table's rows (how much of a
 * single training row each repeats, rare values weighing most) against the training rows' own, each against the
 * others. Real records put half their rows above the training rows' median; a generator that memorises puts many
 * more there (training rows with 30 % of their cells resampled: 0.86; census's argn pool: 0.44).
 *
 * @param syntheticShare share of the synthetic rows sampled above the training rows' median overlap
 * @param realShare      the training rows' own share there (0.5 but for ties)
 * @param moreThanReal   whether a bin above the median holds more synthetic rows than real ones by more than half
 *                       its real share plus 0.005 (the rule the selection's steering starts on)
 * @param trainingRows   training rows sampled as the reference
 * @param syntheticRows  synthetic rows sampled
 */
public record CopyingCheck(double syntheticShare, double realShare, boolean moreThanReal, int trainingRows,
                           int syntheticRows) {
    /** Rows sampled from each table (training rows also within {@link ValueOverlap#affordableRows}): about 2 s on
     * the 100,000 × 70 table. */
    public static final int ROWS = 5_000;

    /** The check of {@code synth} (the schema's columns by name) against {@code train}, seeded. */
    public static CopyingCheck of(TrainingTable train, RawTable synth, long seed, Parallel par) {
        if (train.rowCount() < 2 || synth.rowCount() == 0) {
            return null;
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x434f5059494e47L);
        int compactColumns = train.schema().columns(); // at most: keys and unused columns are not compared
        RawTable ref = PrivacyEvaluator.sample(train.raw(), ValueOverlap.affordableRows(Math.min(ROWS,
                train.rowCount()), compactColumns), rnd.split());
        RawTable syn = PrivacyEvaluator.sample(synth, Math.min(ROWS, synth.rowCount()), rnd.split());
        String[] names = train.schema().names();
        EmbeddingEncoder enc = new EmbeddingEncoder(train.schema(), ref,
                new RawTable(names, new String[names.length][0]), rnd.split(), par);
        ValueOverlap overlap = ValueOverlap.of(CompactCells.of(enc.compactCells(ref)), ref.rowCount(), par);
        int[] ids = new int[syn.rowCount()];
        java.util.Arrays.setAll(ids, i -> i);
        double[] scores = new double[ids.length];
        overlap.scores(CompactCells.of(enc.compactCells(syn)), ids, ids.length, scores, par);
        double[] bins = overlap.binShares(scores);
        return new CopyingCheck(overlap.cappedShare(bins), overlap.cappedShare(overlap.shares()),
                overlap.inExcess(bins), ref.rowCount(), syn.rowCount());
    }
}
