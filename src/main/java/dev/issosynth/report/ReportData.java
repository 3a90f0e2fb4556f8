package dev.issosynth.report;

import dev.issosynth.io.RawTable;
import dev.issosynth.pipeline.EvaluationInputs;
import dev.issosynth.quality.AccuracyEvaluator;
import dev.issosynth.quality.AccuracyReport;
import dev.issosynth.quality.PrivacyEvaluator;
import dev.issosynth.quality.PrivacyReport;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;
import dev.issosynth.util.Parallel;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the HTML report shows: the binned tables, the evaluator's figures, the privacy figures (with a
 * holdout), Cramér's V matrices, the parameters and the stage timings. Computed the way {@code evaluate} computes
 * them (same reading, binning on training, same seed), so the figures match its output.
 */
public record ReportData(Parameters parameters, Schema schema, CodeTable train, CodeTable synth,
                         AccuracyReport accuracy, AccuracyReport holdoutAccuracy, int holdoutRows,
                         PrivacyReport privacy, double[][] trainV, double[][] synthV, Timings timings, Run run) {

    /**
     * What a {@code run} did before its report (null for the {@code report} command): labelled settings and the
     * selection stages as {stage, seconds, rows, overall accuracy} rows, already formatted.
     */
    public record Run(List<String[]> settings, List<String[]> stages) {
    }

    /** This report with the run's settings and stages. */
    public ReportData withRun(Run r) {
        return new ReportData(parameters, schema, train, synth, accuracy, holdoutAccuracy, holdoutRows, privacy,
                trainV, synthV, timings, r);
    }

    /** The inputs as given on the command line (paths shown as typed). */
    public record Parameters(String train, String synth, String holdout, long seed, int privacySample,
                             List<String> naValues) {
    }

    /** Seconds per stage; the only part of the report that changes between identical runs. */
    public record Timings(double read, double accuracy, double privacy, double associations) {
    }

    public static ReportData compute(Path trainPath, Path synthPath, Path holdoutPath, MissingValues na,
                                     List<String> naValues, long seed, int privacySample, Parallel par) {
        long t0 = System.nanoTime();
        EvaluationInputs in = EvaluationInputs.read(trainPath, synthPath, holdoutPath, na);
        RawTable train = in.train();
        Schema schema = in.schema();
        CodeTable trainCodes = in.trainCodes();
        RawTable synth = in.synth();
        CodeTable synthCodes = in.synthCodes();
        RawTable holdout = in.holdout();
        CodeTable holdoutCodes = in.holdoutCodes();
        long t1 = System.nanoTime();
        AccuracyReport acc = AccuracyEvaluator.evaluate(trainCodes, synthCodes, seed, par);
        AccuracyReport hAcc = holdoutCodes == null ? null : AccuracyEvaluator.evaluate(trainCodes, holdoutCodes, seed, par);
        long t2 = System.nanoTime();
        PrivacyReport privacy = holdout == null ? null
                : PrivacyEvaluator.evaluate(schema, na, train, holdout, synth, privacySample, seed, par);
        long t3 = System.nanoTime();
        double[][] tv = Associations.cramersV(trainCodes, par);
        double[][] sv = Associations.cramersV(synthCodes, par);
        long t4 = System.nanoTime();
        Parameters p = new Parameters(trainPath.toString(), synthPath.toString(),
                holdoutPath == null ? null : holdoutPath.toString(), seed, privacySample, List.copyOf(naValues));
        return new ReportData(p, schema, trainCodes, synthCodes, acc, hAcc, holdout == null ? 0 : holdout.rowCount(),
                privacy, tv, sv, new Timings((t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9), null);
    }
}
