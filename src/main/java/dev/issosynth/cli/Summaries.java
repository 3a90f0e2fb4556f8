package dev.issosynth.cli;

import dev.issosynth.io.InputException;
import dev.issosynth.pipeline.EvaluationRun;
import dev.issosynth.pipeline.SelectionRun;
import dev.issosynth.pipeline.SteeringReport;
import dev.issosynth.quality.PrivacyReference;
import dev.issosynth.quality.AccuracyReport;
import dev.issosynth.quality.PrivacyReport;
import dev.issosynth.pipeline.StageFigures;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/** Human-readable renderings of results (JSON: {@link MetricsJson}). */
final class Summaries {

    private Summaries() {
    }

    static void printSelection(PrintWriter out, SelectionRun.Outcome o) {
        printSelection(out, o, false);
    }

    /** As {@link #printSelection(PrintWriter, SelectionRun.Outcome)}; {@code toStdout}: the result went to stdout. */
    static void printSelection(PrintWriter out, SelectionRun.Outcome o, boolean toStdout) {
        out.printf(Locale.ROOT, "training rows %,d, pool rows %,d, result rows %,d%n", o.trainRows(), o.poolRows(), o.rows());
        out.printf(Locale.ROOT, "%-14s %9s %9s %10s %9s %9s %9s %9s%n", "stage", "seconds", "rows", "objective",
                "overall", "uni", "bi", "tri");
        out.printf(Locale.ROOT, "%-14s %9.1f%n", "read", o.readSeconds());
        SteeringReport g = o.steering();
        if (g == null) {
            out.println("privacy steering: off");
        }
        for (StageFigures s : o.stages()) {
            AccuracyReport a = s.accuracy();
            out.printf(Locale.ROOT, "%-14s %9.1f %9d %10s %9s %9s %9s %9s%n", s.stage(), s.seconds(), s.rows(),
                    Double.isNaN(s.objective()) ? "-" : String.format(Locale.ROOT, "%.6f", s.objective()),
                    fmt(a == null ? Double.NaN : a.overall()), fmt(a == null ? Double.NaN : a.univariate()),
                    fmt(a == null ? Double.NaN : a.bivariate()), fmt(a == null ? Double.NaN : a.trivariate()));
        }
        out.printf(Locale.ROOT, "%-14s %9.1f%n", "write", o.writeSeconds());
        out.println("accuracy is against the training data; 'pool' is a random subset of the pool of the same size");
        String verdict = verdict(o.stages());
        if (verdict != null) {
            out.println(verdict);
        }
        if (g != null) {
            printSteering(out, g);
        }
        out.println("output: " + (toStdout ? "stdout" : o.output()));
        if (o.privacy() != null) {
            printPrivacy(out, o.privacy());
        }
    }

    /**
     * The result beside its yardstick, in words: a fresh real sample of the result's size, drawn like the training
     * rows, would score about the noise ceiling; a random subset of the pool shows what the selection added. Null
     * without stage figures.
     */
    static String verdict(java.util.List<StageFigures> stages) {
        if (stages.isEmpty() || stages.get(stages.size() - 1).accuracy() == null) {
            return null;
        }
        AccuracyReport last = stages.get(stages.size() - 1).accuracy();
        AccuracyReport pool = stages.get(0).accuracy();
        double got = last.overall();
        double real = last.overallMax();
        String where = Math.abs(got - real) < 0.001 ? "as close to the training data as new real data"
                : got > real ? "above it: closer to the training data than new real data would be; --holdout checks"
                        + " that this is no copying"
                : String.format(Locale.ROOT, "%.4f below it", real - got);
        return String.format(Locale.ROOT, "quality: overall accuracy %.4f; a fresh real sample of %,d rows would score"
                + " about %.4f (%s)%s", got, stages.get(stages.size() - 1).rows(), real, where,
                pool == null || stages.size() < 2 ? "" : String.format(Locale.ROOT,
                        "; a random subset of the pool scores %.4f", pool.overall()));
    }

    /** What the steering reached, estimated without a holdout: per group and the copies. */
    static void printSteering(PrintWriter out, SteeringReport g) {
        out.printf(Locale.ROOT, "privacy steering: copies of a training row in the pool %,d, %s; in the result %.4f%n",
                g.poolCopies(), g.copiesExcluded() ? "excluded" : String.format(Locale.ROOT,
                        "allowed up to %.4f (the rate real records repeat)", g.copyShareAllowed()), g.copyShareResult());
        if (g.groups().isEmpty()) {
            out.println("privacy steering: no distance reference (fewer than 2 training rows)");
            return;
        }
        out.printf(Locale.ROOT, "privacy steering (no holdout needed): closer to training than to a pool sample %.4f"
                        + " (group '%s'; training rows themselves %.4f, margin %.2f); %,d training rows as reference,"
                        + " %,d rows searched, %.1f s%n", g.headline(), g.headlineGroup(),
                g.realCloserThanPool()[g.groups().indexOf(g.headlineGroup())], g.margin(), g.referenceRows(),
                g.searchedRows(), g.seconds());
        out.printf(Locale.ROOT, "  %-14s %16s %16s %16s%n", "group", "closer than pool", "training rows", "closer than real");
        for (int i = 0; i < g.groups().size(); i++) {
            out.printf(Locale.ROOT, "  %-14s %16.4f %16.4f %16.4f%n", g.groups().get(i), g.closerThanPool()[i],
                    g.realCloserThanPool()[i], g.closerThanReal()[i]);
        }
        out.println("  (closer than pool: result rows closer to training than to the pool sample, held at most the"
                + " training rows' own share less the margin; closer than real: the chance a result row is closer to"
                + " training than a new real record, 0.5 = like one)");
        PrivacyReference.NearCopies near = g.nearCopies();
        if (near != null) {
            out.printf(Locale.ROOT, "privacy steering: near copies (pool rows as close to a training row as the closest"
                    + " %.0f %% of real records) %.4f of the pool, %.4f of real records (%.1f times)%n",
                    100 * PrivacyReference.NEAR_COPY_LEVEL, near.poolShare(), near.realShare(), near.excess());
            if (near.memorising()) {
                out.println("privacy steering: warning: the pool's generator memorises training rows; the steering"
                        + " cannot make such rows as far from the training data as real records, whatever the"
                        + " estimates above say (training rows with 30 % of their cells resampled keep a DCR share of"
                        + " 0.53 steered); check with --holdout, and fix the generator");
            }
        }
        SteeringReport.OverlapFigure overlap = g.overlap();
        if (overlap != null) {
            out.printf(Locale.ROOT, "privacy steering: value overlap (how much of one training row a row repeats, rare"
                    + " values weighing most) above the real median: result %.4f, pool sample %.4f, real records %.4f"
                    + " (%s)%n", overlap.resultShare(), overlap.poolShare(), overlap.realShare(), overlap.steered()
                    ? "steered: the pool repeats more than real records" : "not steered: the pool repeats no more");
        }
        if (!g.partialCopies().isEmpty()) {
            List<SteeringReport.PartialCopyFigure> worst = new java.util.ArrayList<>(g.partialCopies());
            worst.sort((a, b) -> Double.compare(b.resultShare() - b.realShare(), a.resultShare() - a.realShare()));
            out.printf(Locale.ROOT, "privacy steering: partial copies (values only one training row has, repeated on"
                    + " %d pairs or triples of columns where the pool repeats them more often than real records)%n",
                    worst.size());
            out.printf(Locale.ROOT, "  %-44s %8s %13s%n", "columns", "result", "real records");
            for (SteeringReport.PartialCopyFigure f : worst.subList(0, Math.min(5, worst.size()))) {
                out.printf(Locale.ROOT, "  %-44s %8.4f %13.4f%n", f.columns(), f.resultShare(), f.realShare());
            }
            if (worst.size() > 5) {
                out.printf(Locale.ROOT, "  (+%d more; all in --json)%n", worst.size() - 5);
            }
        }
        if (!g.identifierColumns().isEmpty()) {
            out.println("privacy steering: note: " + String.join(", ", g.identifierColumns()) + " look like identifiers"
                    + " (nearly every value distinct). The privacy metric maps every new value to one 'rare' point, so"
                    + " the DCR share of the column groups they weigh in is decided by chance, beyond any selection;"
                    + " name them with --keys when they are keys (the result then gets fresh ones), or leave them out");
        }
    }

    static void printEvaluation(PrintWriter out, EvaluationRun.Outcome o) {
        out.printf(Locale.ROOT, "reference (training) rows %,d, columns %d; synthetic rows %,d%n", o.trainRows(),
                o.schema().columns(), o.syntheticRows());
        if (!o.keys().isEmpty()) {
            out.println("keys (not compared): " + String.join(", ", o.keys()));
        }
        out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s%n", "", "overall", "uni", "bi", "tri");
        row(out, "synthetic accuracy", o.synthetic(), false);
        row(out, "noise ceiling (max)", o.synthetic(), true);
        if (o.holdout() != null) {
            row(out, "holdout accuracy", o.holdout(), false);
        }
        AccuracyReport s = o.synthetic();
        out.printf(Locale.ROOT, "combinations: %d columns, %d pairs, %d of %d triples%n", s.univariates().size(),
                s.bivariates().size(), s.trivariateCount(), s.trivariateTotal());
        if (o.copying() != null) {
            printCopying(out, o.copying());
        }
        if (o.privacy() != null) {
            printPrivacy(out, o.privacy());
        }
    }

    /** The check for copying that needs no holdout. */
    static void printCopying(PrintWriter out, dev.issosynth.quality.CopyingCheck c) {
        out.printf(Locale.ROOT, "copying (no holdout needed): %.4f of %,d synthetic rows repeat as much of one training"
                + " row (rare values weighing most) as the closest half of real records do (training rows against"
                + " each other: %.4f)%s%n", c.syntheticShare(), c.syntheticRows(), c.realShare(), c.moreThanReal()
                ? "; more than real records: the generator may copy training rows (check with --holdout)" : "");
    }

    static void printPrivacy(PrintWriter out, PrivacyReport p) {
        out.printf(Locale.ROOT, "privacy: samples of %,d training, %,d holdout, %,d synthetic rows; %d-dim encoding; "
                        + "%d column group%s; %.1f s%n", p.trainingSample(), p.holdoutSample(), p.syntheticSample(), p.dim(),
                p.groups().size(), p.groups().size() == 1 ? "" : "s", p.seconds());
        printGroups(out, p);
        out.printf(Locale.ROOT, "headline figures: group '%s' (the highest DCR share)%n", p.worstGroup().name());
        out.printf(Locale.ROOT, "%-26s %9s %9s %9s%n", "distance to closest record", "mean", "median", "p5");
        dcrRow(out, "synthetic -> training", p.dcrSyntheticTraining());
        dcrRow(out, "synthetic -> holdout", p.dcrSyntheticHoldout());
        dcrRow(out, "holdout -> training", p.dcrHoldoutTraining());
        out.printf(Locale.ROOT, "%-26s %9.5f   %s (limit < %.2f)%n", "DCR share", p.dcrShare(),
                p.dcrShareFails() ? "FAIL" : "ok", PrivacyReport.MAX_DCR_SHARE);
        out.printf(Locale.ROOT, "%-26s %9s   %s (limit > %.1f; 10th smallest NNDR: training %.5g, holdout %.5g)%n",
                "NNDR ratio", ratio(p.nndrRatio()), p.nndrRatioFails() ? "FAIL" : "ok", PrivacyReport.MIN_NNDR_RATIO,
                p.nndrTraining(), p.nndrHoldout());
        out.printf(Locale.ROOT, "%-26s %9.5f   (synthetic rows within 1e-6 of a training row; of a holdout row: %.5f)%n",
                "identical-match share", p.identicalMatchShare(), p.identicalHoldoutShare());
        out.println("privacy: " + (p.fails() ? "FAIL (" + privacyVerdict(p) + ")" : "pass"));
    }

    /** One line per column group: its size, DCR share, NNDR ratio, identical matches and columns; * = headline. */
    private static void printGroups(PrintWriter out, PrivacyReport p) {
        out.printf(Locale.ROOT, "  %-14s %5s %5s %10s %11s %10s  %s%n", "group", "dims", "cols", "DCR share", "NNDR ratio",
                "identical", "columns");
        int allColumns = p.groups().get(0).columns().size();
        for (int g = 0; g < p.groups().size(); g++) {
            PrivacyReport.Group x = p.groups().get(g);
            out.printf(Locale.ROOT, "%s %-14s %5d %5d %10.5f %11s %10.5f  %s%n", g == p.worst() ? "*" : " ", x.name(),
                    x.dims().size(), x.columns().size(), x.dcrShare(), ratio(x.nndrRatio()), x.identicalMatchShare(),
                    x.columns().size() == allColumns ? "all columns" : abbreviate(x.columns(), 6));
        }
    }

    private static String ratio(double r) {
        return r < 1e4 ? String.format(Locale.ROOT, "%.5f", r) : String.format(Locale.ROOT, "%.3e", r);
    }

    /** The first {@code max} names, then how many more. */
    static String abbreviate(java.util.List<String> names, int max) {
        if (names.size() <= max) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, max)) + ", ... (+" + (names.size() - max) + " more)";
    }

    private static void dcrRow(PrintWriter out, String label, PrivacyReport.Summary s) {
        out.printf(Locale.ROOT, "%-26s %9.5f %9.5f %9.5f%n", label, s.mean(), s.median(), s.p5());
    }

    /** Which privacy limits a report breaks, e.g. "DCR share 0.61000 >= 0.52 (group 'correlated 2')". */
    static String privacyVerdict(PrivacyReport p) {
        String v = limits(p);
        return p.fails() && p.groups().size() > 1 ? v + " (group '" + p.worstGroup().name() + "')" : v;
    }

    private static String limits(PrivacyReport p) {
        StringBuilder b = new StringBuilder();
        if (p.dcrShareFails()) {
            b.append(String.format(Locale.ROOT, "DCR share %.5f >= %.2f", p.dcrShare(), PrivacyReport.MAX_DCR_SHARE));
        }
        if (p.nndrRatioFails()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(String.format(Locale.ROOT, "NNDR ratio %.5f <= %.1f", p.nndrRatio(), PrivacyReport.MIN_NNDR_RATIO));
        }
        return b.length() == 0 ? "within the limits" : b.toString();
    }

    private static void row(PrintWriter out, String label, AccuracyReport a, boolean max) {
        out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s%n", label,
                fmt(max ? a.overallMax() : a.overall()), fmt(max ? a.univariateMax() : a.univariate()),
                fmt(max ? a.bivariateMax() : a.bivariate()), fmt(max ? a.trivariateMax() : a.trivariate()));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.5f", v);
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
