package dev.issosynth.report;

import dev.issosynth.quality.AccuracyReport;
import dev.issosynth.quality.PrivacyReport;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.Schema;

import java.util.List;

/**
 * Everything the HTML report shows: the binned tables, the evaluator's figures, the privacy figures (with a
 * holdout), Cramér's V matrices, the parameters and the stage timings. Plain values: the job computes them,
 * {@link HtmlReport} only draws them.
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
}
