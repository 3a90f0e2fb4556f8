package dev.issosynth.pipeline;

import dev.issosynth.quality.AccuracyEvaluator;
import dev.issosynth.quality.AccuracyReport;
import dev.issosynth.quality.PrivacyReport;
import dev.issosynth.report.Associations;
import dev.issosynth.report.HtmlReport;
import dev.issosynth.report.ReportData;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.ColumnRules;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;

import java.nio.file.Path;
import java.util.List;

/**
 * The figures of the HTML report, computed the way {@code evaluate} computes them (same reading, binning on
 * training, same seed), so the two agree. A {@code run} hands over what it already computed instead.
 */
public final class ReportRun {
    private ReportRun() {
    }

    /** report: reads the files, computes everything and writes the HTML page (atomically); returns its figures. */
    public static ReportData write(Path output, Path trainPath, Path synthPath, Path holdoutPath, MissingValues na, ColumnRules columns,
                                   List<String> naValues, long seed, int privacySample, int threads) {
        ReportData data;
        try (Parallel par = new Parallel(threads)) {
            data = compute(trainPath, synthPath, holdoutPath, na, columns, naValues, seed, privacySample, par);
        }
        HtmlReport.write(output, data);
        return data;
    }

    /** The figures of {@link #write} without the page. */
    public static ReportData compute(Path trainPath, Path synthPath, Path holdoutPath, MissingValues na, ColumnRules columns,
                                     List<String> naValues, long seed, int privacySample, Parallel par) {
        long t0 = System.nanoTime();
        EvaluationInputs in = EvaluationInputs.read(trainPath, synthPath, holdoutPath, na, columns);
        long t1 = System.nanoTime();
        EvaluationRun.Outcome e = EvaluationRun.evaluate(in, seed, privacySample, par);
        double seconds = (System.nanoTime() - t1) / 1e9;
        double privacySeconds = e.privacy() == null ? 0 : e.privacy().seconds();
        ReportData.Parameters p = new ReportData.Parameters(trainPath.toString(), synthPath.toString(),
                holdoutPath == null ? null : holdoutPath.toString(), seed, privacySample, List.copyOf(naValues));
        return assemble(p, in.train(), in.synthCodes(), e.synthetic(), e.holdout(), e.holdoutRows(), e.privacy(), par,
                (t1 - t0) / 1e9, seconds - privacySeconds, privacySeconds);
    }

    /**
     * The report of a job's result from the figures the job already has: the result's accuracy is computed only
     * when {@code accuracy} is null, the holdout's only when {@code holdoutCodes} is given.
     */
    static ReportData ofJob(ReportData.Parameters p, TrainingTable train, CodeTable resultCodes,
                            AccuracyReport accuracy, CodeTable holdoutCodes, PrivacyReport privacy, long seed,
                            Parallel par) {
        long t1 = System.nanoTime();
        AccuracyReport acc = accuracy != null ? accuracy
                : AccuracyEvaluator.evaluate(train.codes(), resultCodes, seed, par);
        AccuracyReport hAcc = holdoutCodes == null ? null
                : AccuracyEvaluator.evaluate(train.codes(), holdoutCodes, seed, par);
        double accSeconds = (System.nanoTime() - t1) / 1e9;
        return assemble(p, train, resultCodes, acc, hAcc, holdoutCodes == null ? 0 : holdoutCodes.rows(), privacy,
                par, 0, accSeconds, privacy == null ? 0 : privacy.seconds());
    }

    private static ReportData assemble(ReportData.Parameters p, TrainingTable train, CodeTable synthCodes,
                                       AccuracyReport acc, AccuracyReport hAcc, int holdoutRows,
                                       PrivacyReport privacy, Parallel par, double read, double accuracy,
                                       double privacySeconds) {
        long t3 = System.nanoTime();
        double[][] tv = Associations.cramersV(train.codes(), par);
        double[][] sv = Associations.cramersV(synthCodes, par);
        double assoc = (System.nanoTime() - t3) / 1e9;
        return new ReportData(p, train.schema(), train.codes(), synthCodes, acc, hAcc, holdoutRows, privacy, tv, sv,
                new ReportData.Timings(read, accuracy, privacySeconds, assoc), null);
    }
}
