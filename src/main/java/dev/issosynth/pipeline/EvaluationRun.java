package dev.issosynth.pipeline;

import dev.issosynth.quality.AccuracyEvaluator;
import dev.issosynth.quality.AccuracyReport;
import dev.issosynth.quality.CopyingCheck;
import dev.issosynth.quality.PrivacyEvaluator;
import dev.issosynth.quality.PrivacyReport;
import dev.issosynth.schema.ColumnRules;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;
import dev.issosynth.util.Parallel;

import java.nio.file.Path;

/**
 * evaluate: accuracy of a synthetic table against the training table, on the training bins. With a holdout,
 * also the holdout's accuracy against training (the empirical noise ceiling a generator should reach) and the
 * privacy figures ({@link PrivacyEvaluator}: DCR, DCR share, NNDR ratio, identical matches).
 */
public final class EvaluationRun {
    private EvaluationRun() {
    }

    /**
     * The figures of one evaluation; {@code holdout} and {@code privacy} are null without a holdout file;
     * {@code keys} the key columns left out of every comparison; {@code copying} the check for copying that needs no
     * holdout (null for a training table of fewer than 2 rows or an empty synthetic one).
     */
    public record Outcome(Schema schema, int trainRows, int syntheticRows, AccuracyReport synthetic,
                          AccuracyReport holdout, int holdoutRows, PrivacyReport privacy, java.util.List<String> keys,
                          CopyingCheck copying) {
    }

    /** As {@link #run(Path, Path, Path, MissingValues, ColumnRules, long, int, Parallel)} on all rows (the default). */
    public static Outcome run(Path trainPath, Path synthPath, Path holdoutPath, MissingValues na, ColumnRules columns, long seed,
                              Parallel par) {
        return run(trainPath, synthPath, holdoutPath, na, columns, seed, PrivacyEvaluator.ALL_ROWS, par);
    }

    /** evaluate: as {@link #run(Path, Path, Path, MissingValues, ColumnRules, long, int, Parallel)} on its own threads. */
    public static Outcome run(Path trainPath, Path synthPath, Path holdoutPath, MissingValues na, ColumnRules columns, long seed,
                              int privacySample, int threads) {
        try (Parallel par = new Parallel(threads)) {
            return run(trainPath, synthPath, holdoutPath, na, columns, seed, privacySample, par);
        }
    }

    /** {@code privacySample}: at most this many rows of each table enter the privacy distances (0 = all rows). */
    public static Outcome run(Path trainPath, Path synthPath, Path holdoutPath, MissingValues na, ColumnRules columns, long seed,
                              int privacySample, Parallel par) {
        return evaluate(EvaluationInputs.read(trainPath, synthPath, holdoutPath, na, columns), seed, privacySample, par);
    }

    /** A synthetic file (and a holdout file, or null) against a training table already read. */
    public static Outcome run(TrainingTable train, Path synthPath, Path holdoutPath, long seed, int privacySample,
                              Parallel par) {
        return evaluate(EvaluationInputs.of(train, synthPath, holdoutPath), seed, privacySample, par);
    }

    /** The figures of tables already read: evaluate's and the report's. */
    static Outcome evaluate(EvaluationInputs in, long seed, int privacySample, Parallel par) {
        AccuracyReport s = AccuracyEvaluator.evaluate(in.train().codes(), in.synthCodes(), seed, par);
        AccuracyReport h = null;
        PrivacyReport p = null;
        int holdoutRows = 0;
        if (in.holdout() != null) {
            holdoutRows = in.holdout().rowCount();
            h = AccuracyEvaluator.evaluate(in.train().codes(), in.holdoutCodes(), seed, par);
            p = PrivacyEvaluator.evaluate(in.train(), in.holdout(), in.synth(), privacySample, seed, par);
        }
        return new Outcome(in.train().schema(), in.train().rowCount(), in.synth().rowCount(), s, h, holdoutRows, p,
                in.train().keys().names(), CopyingCheck.of(in.train(), in.synth(), seed, par));
    }
}
