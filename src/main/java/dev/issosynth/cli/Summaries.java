package dev.issosynth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.issosynth.io.InputException;
import dev.issosynth.pipeline.EvaluationRun;
import dev.issosynth.pipeline.SelectionRun;
import dev.issosynth.quality.AccuracyReport;
import dev.issosynth.selection.SelectionEngine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/** Human-readable and JSON renderings of results. */
final class Summaries {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Summaries() {
    }

    static void printSelection(PrintWriter out, SelectionRun.Outcome o) {
        out.printf(Locale.ROOT, "training rows %,d, pool rows %,d, result rows %,d%n", o.trainRows(), o.poolRows(), o.rows());
        out.printf(Locale.ROOT, "%-14s %9s %9s %10s %9s %9s %9s %9s%n", "stage", "seconds", "rows", "objective",
                "overall", "uni", "bi", "tri");
        out.printf(Locale.ROOT, "%-14s %9.1f%n", "read", o.readSeconds());
        for (SelectionEngine.StageReport s : o.stages()) {
            AccuracyReport a = s.accuracy();
            out.printf(Locale.ROOT, "%-14s %9.1f %9d %10s %9s %9s %9s %9s%n", s.stage(), s.seconds(), s.rows(),
                    Double.isNaN(s.objective()) ? "-" : String.format(Locale.ROOT, "%.6f", s.objective()),
                    fmt(a == null ? Double.NaN : a.overall()), fmt(a == null ? Double.NaN : a.univariate()),
                    fmt(a == null ? Double.NaN : a.bivariate()), fmt(a == null ? Double.NaN : a.trivariate()));
        }
        out.printf(Locale.ROOT, "%-14s %9.1f%n", "write", o.writeSeconds());
        out.println("accuracy is against the training data; 'pool' is a random subset of the pool of the same size");
        out.println("output: " + o.output());
    }

    static void printEvaluation(PrintWriter out, EvaluationRun.Outcome o) {
        out.printf(Locale.ROOT, "reference (training) rows %,d, columns %d; synthetic rows %,d%n", o.trainRows(),
                o.schema().columns(), o.syntheticRows());
        out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s%n", "", "overall", "uni", "bi", "tri");
        row(out, "synthetic accuracy", o.synthetic(), false);
        row(out, "noise ceiling (max)", o.synthetic(), true);
        if (o.holdout() != null) {
            row(out, "holdout accuracy", o.holdout(), false);
        }
        AccuracyReport s = o.synthetic();
        out.printf(Locale.ROOT, "combinations: %d columns, %d pairs, %d of %d triples%n", s.univariates().size(),
                s.bivariates().size(), s.trivariateCount(), s.trivariateTotal());
    }

    private static void row(PrintWriter out, String label, AccuracyReport a, boolean max) {
        out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s%n", label,
                fmt(max ? a.overallMax() : a.overall()), fmt(max ? a.univariateMax() : a.univariate()),
                fmt(max ? a.bivariateMax() : a.bivariate()), fmt(max ? a.trivariateMax() : a.trivariate()));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.5f", v);
    }

    static String evaluationJson(EvaluationRun.Outcome o) {
        ObjectNode root = JSON.createObjectNode();
        root.put("train_rows", o.trainRows());
        root.put("synthetic_rows", o.syntheticRows());
        root.put("columns", o.schema().columns());
        root.set("accuracy", levels(o.synthetic(), false));
        root.set("accuracy_max", levels(o.synthetic(), true));
        if (o.holdout() != null) {
            root.put("holdout_rows", o.holdoutRows());
            root.set("holdout_accuracy", levels(o.holdout(), false));
        }
        ArrayNode cols = root.putArray("univariate");
        for (AccuracyReport.Combination c : o.synthetic().univariates()) {
            ObjectNode n = cols.addObject();
            n.put("column", o.schema().names()[c.columns()[0]]);
            n.put("accuracy", c.accuracy());
            n.put("accuracy_max", c.accuracyMax());
        }
        root.put("trivariates_evaluated", o.synthetic().trivariateCount());
        root.put("trivariates_total", o.synthetic().trivariateTotal());
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode levels(AccuracyReport a, boolean max) {
        ObjectNode n = JSON.createObjectNode();
        put(n, "overall", max ? a.overallMax() : a.overall());
        put(n, "univariate", max ? a.univariateMax() : a.univariate());
        put(n, "bivariate", max ? a.bivariateMax() : a.bivariate());
        put(n, "trivariate", max ? a.trivariateMax() : a.trivariate());
        return n;
    }

    private static void put(ObjectNode n, String key, double v) {
        if (Double.isNaN(v)) {
            n.putNull(key);
        } else {
            n.put(key, Math.round(v * 1e6) / 1e6);
        }
    }

    /** Writes text (plus a final newline) to a temp file beside the target and renames it into place. */
    static void writeAtomically(Path target, String text) {
        if (Files.isDirectory(target)) {
            throw new InputException(target + ": is a directory, cannot write a file there");
        }
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            // Not Files.createTempFile: that makes the file owner-only (0600); this keeps the usual umask.
            Path tmp;
            for (long n = System.nanoTime(); ; n++) {
                try {
                    tmp = Files.createFile(dir.resolve("." + target.getFileName() + "." + Long.toHexString(n) + ".tmp"));
                    break;
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // try the next name
                }
            }
            try {
                Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InputException(target + ": cannot write: " + e, e);
        }
    }
}
