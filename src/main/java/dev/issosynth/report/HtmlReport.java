package dev.issosynth.report;

import dev.issosynth.io.AtomicOutput;
import dev.issosynth.quality.AccuracyReport;
import dev.issosynth.quality.PrivacyReport;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.ColumnBinning;
import dev.issosynth.schema.Schema;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report page: one self-contained HTML file (inline CSS and SVG, no script, no external resource), written
 * as well-formed XHTML-compatible markup. Same data = same bytes, except the single line with
 * {@code id="timings"}.
 */
public final class HtmlReport {
    /** Worst bivariate pairs shown as heatmaps. */
    public static final int WORST_PAIRS = 6;
    /** Marks the only line whose content depends on the clock. */
    public static final String TIMINGS_ID = "timings";

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0 auto;max-width:1400px;padding:0 24px 48px;color:#222;background:#fff}
            h1{font-size:1.6em;margin:24px 0 4px}h2{font-size:1.25em;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
            h3{font-size:0.95em;margin:0 0 4px;font-weight:600;overflow-wrap:anywhere}
            p.note{color:#555;font-size:0.9em;margin:4px 0 10px}
            table{border-collapse:collapse;font-size:0.9em;margin:6px 0}th,td{padding:3px 10px;border-bottom:1px solid #e4e4e4;text-align:right}
            th:first-child,td:first-child{text-align:left}thead th{border-bottom:2px solid #bbb}
            .grid{display:flex;flex-wrap:wrap;gap:14px}.card{border:1px solid #e2e2e2;border-radius:6px;padding:8px 10px;background:#fcfcfc}
            .pair{display:flex;gap:12px;flex-wrap:wrap}.pair figure{margin:0}figcaption{font-size:0.8em;color:#444;text-align:center}
            #parameter-table td{text-align:left}.ok{color:#1a7f37;font-weight:600}.fail{color:#c62828;font-weight:600}
            .swatch{display:inline-block;width:11px;height:11px;margin:0 4px 0 10px;vertical-align:-1px}
            svg.chart text{font-size:10px;fill:#333}svg.chart line.axis{stroke:#888}svg.chart line.grid{stroke:#e6e6e6}
            svg.chart rect.frame{fill:none;stroke:#bbb}svg.chart rect:hover{stroke:#000;stroke-width:1}
            #privacy-groups td.cols{text-align:left;font-size:0.85em;max-width:640px}#privacy-groups tr.worst{background:#fff6e0}
            """;

    private HtmlReport() {
    }

    /** Renders and writes the page atomically (temp file + rename): no partial file on failure. */
    public static void write(Path output, ReportData d) {
        byte[] bytes = render(d).getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(output, out -> out.write(bytes));
    }

    public static String render(ReportData d) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>issosynth report: ").append(Markup.esc(fileName(d.parameters().synth()))).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>issosynth quality report</h1>\n<p class=\"note\">").append(Markup.esc(d.parameters().synth()))
                .append(" against ").append(Markup.esc(d.parameters().train()))
                .append(". Accuracy = 1 \u2212 total variation distance of the binned distributions (the training data's bins)."
                        + " <span class=\"swatch\" style=\"background:").append(SvgBarChart.TRAIN_COLOUR)
                .append("\"></span>training <span class=\"swatch\" style=\"background:").append(SvgBarChart.SYNTH_COLOUR)
                .append("\"></span>synthetic</p>\n");
        summary(b, d);
        univariate(b, d);
        bivariate(b, d);
        correlations(b, d);
        privacy(b, d);
        parameters(b, d);
        if (d.run() != null) {
            run(b, d.run());
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void summary(StringBuilder b, ReportData d) {
        AccuracyReport a = d.accuracy();
        AccuracyReport h = d.holdoutAccuracy();
        b.append("<section id=\"summary\">\n<h2>Accuracy</h2>\n<table id=\"accuracy\">\n<thead><tr><th></th><th>overall</th>"
                + "<th>univariate</th><th>bivariate</th><th>trivariate</th></tr></thead>\n<tbody>\n");
        levelRow(b, "synthetic", a.overall(), a.univariate(), a.bivariate(), a.trivariate(), "synthetic");
        levelRow(b, "noise ceiling (an independent sample of the same size)", a.overallMax(), a.univariateMax(),
                a.bivariateMax(), a.trivariateMax(), "ceiling");
        if (h != null) {
            levelRow(b, "holdout (real rows not used for training)", h.overall(), h.univariate(), h.bivariate(),
                    h.trivariate(), "holdout");
            levelRow(b, "synthetic \u2212 holdout", a.overall() - h.overall(), a.univariate() - h.univariate(),
                    a.bivariate() - h.bivariate(), a.trivariate() - h.trivariate(), "vs-holdout");
        }
        b.append("</tbody>\n</table>\n<p class=\"note\">").append(a.univariates().size()).append(" columns, ")
                .append(a.bivariates().size()).append(" pairs, ").append(a.trivariateCount()).append(" of ")
                .append(a.trivariateTotal()).append(" triples evaluated.");
        if (h != null) {
            b.append(" The holdout's accuracy is the empirical noise ceiling: a synthetic table above it is closer to"
                    + " the training data than fresh real data is.");
        } else {
            b.append(" Give --holdout to compare with real unseen rows (and for the privacy figures).");
        }
        b.append("</p>\n</section>\n");
    }

    private static void levelRow(StringBuilder b, String label, double o, double u, double bi, double t, String id) {
        b.append("<tr id=\"acc-").append(id).append("\"><td>").append(Markup.esc(label)).append("</td>");
        for (double v : new double[] {o, u, bi, t}) {
            b.append("<td>").append(Markup.num(v, 5)).append("</td>");
        }
        b.append("</tr>\n");
    }

    private static void univariate(StringBuilder b, ReportData d) {
        Schema s = d.schema();
        CodeTable tr = d.train();
        CodeTable sy = d.synth();
        b.append("<section id=\"univariate\">\n<h2>Univariate distributions</h2>\n<p class=\"note\">Share of rows per bin,"
                + " per column in training order; empty bins left out. Hover a bar for the exact figures.</p>\n<div class=\"grid\">\n");
        for (int c = 0; c < s.columns(); c++) {
            int[] tc = Associations.counts(tr, c);
            int[] sc = Associations.counts(sy, c);
            List<Integer> bins = nonEmpty(tc, sc);
            String[] labels = new String[bins.size()];
            double[] tp = new double[bins.size()];
            double[] sp = new double[bins.size()];
            int[] tn = new int[bins.size()];
            int[] sn = new int[bins.size()];
            for (int i = 0; i < bins.size(); i++) {
                int bin = bins.get(i);
                labels[i] = s.binning(c).label(bin);
                tn[i] = tc[bin];
                sn[i] = sc[bin];
                tp[i] = share(tc[bin], tr.rows());
                sp[i] = share(sc[bin], sy.rows());
            }
            AccuracyReport.Combination comb = d.accuracy().univariates().get(c);
            b.append("<div class=\"card univariate\" id=\"col-").append(c).append("\">\n<h3>")
                    .append(Markup.esc(s.names()[c])).append(" <small>(").append(s.type(c).toString().toLowerCase(Locale.ROOT))
                    .append(", accuracy ").append(Markup.num(comb.accuracy(), 5)).append(")</small></h3>\n")
                    .append(SvgBarChart.render(labels, tp, sp, tn, sn)).append("\n</div>\n");
        }
        b.append("</div>\n</section>\n");
    }

    private static void bivariate(StringBuilder b, ReportData d) {
        List<AccuracyReport.Combination> pairs = new ArrayList<>(d.accuracy().bivariates());
        // stable sort: ties keep the evaluator's (column index) order
        pairs.sort(Comparator.comparingDouble(AccuracyReport.Combination::accuracy));
        int n = Math.min(WORST_PAIRS, pairs.size());
        b.append("<section id=\"bivariate\">\n<h2>Worst bivariate pairs</h2>\n<p class=\"note\">The ").append(n)
                .append(" column pairs with the lowest accuracy: share of rows per pair of bins, training left,"
                        + " synthetic right, one colour scale per pair (square root, so small cells stay visible).</p>\n");
        if (n == 0) {
            b.append("<p class=\"note\">Fewer than two columns: no pairs.</p>\n");
        }
        Schema s = d.schema();
        for (int p = 0; p < n; p++) {
            AccuracyReport.Combination comb = pairs.get(p);
            int ca = comb.columns()[0];
            int cb = comb.columns()[1];
            int[][] tj = Associations.joint(d.train(), ca, cb);
            int[][] sj = Associations.joint(d.synth(), ca, cb);
            List<Integer> binsA = nonEmpty(Associations.counts(d.train(), ca), Associations.counts(d.synth(), ca));
            List<Integer> binsB = nonEmpty(Associations.counts(d.train(), cb), Associations.counts(d.synth(), cb));
            String[] rowLabels = labels(s.binning(cb), binsB);
            String[] colLabels = labels(s.binning(ca), binsA);
            double[][] tv = new double[binsB.size()][binsA.size()];
            double[][] sv = new double[binsB.size()][binsA.size()];
            String[][] tips = new String[binsB.size()][binsA.size()];
            double max = 0;
            for (int r = 0; r < binsB.size(); r++) {
                for (int c = 0; c < binsA.size(); c++) {
                    int ta = tj[binsA.get(c)][binsB.get(r)];
                    int sa = sj[binsA.get(c)][binsB.get(r)];
                    tv[r][c] = share(ta, d.train().rows());
                    sv[r][c] = share(sa, d.synth().rows());
                    max = Math.max(max, Math.max(tv[r][c], sv[r][c]));
                    tips[r][c] = s.names()[ca] + " = " + colLabels[c] + ", " + s.names()[cb] + " = " + rowLabels[r]
                            + ": training " + Markup.pct(tv[r][c]) + " (" + ta + "), synthetic " + Markup.pct(sv[r][c])
                            + " (" + sa + ")";
                }
            }
            b.append("<div class=\"card bivariate\" id=\"pair-").append(p).append("\">\n<h3>")
                    .append(Markup.esc(s.names()[ca])).append(" (across) \u00D7 ").append(Markup.esc(s.names()[cb]))
                    .append(" (down) <small>accuracy ").append(Markup.num(comb.accuracy(), 5)).append(", ceiling ")
                    .append(Markup.num(comb.accuracyMax(), 5)).append("</small></h3>\n<div class=\"pair\">\n");
            figure(b, SvgHeatmap.render(rowLabels, colLabels, tv, max, SvgHeatmap.Scale.SQRT, 18, 14, tips), "training");
            figure(b, SvgHeatmap.render(rowLabels, colLabels, sv, max, SvgHeatmap.Scale.SQRT, 18, 14, tips), "synthetic");
            b.append("</div>\n</div>\n");
        }
        b.append("</section>\n");
    }

    private static void correlations(StringBuilder b, ReportData d) {
        String[] names = d.schema().names();
        int m = names.length;
        double[][] diff = new double[m][m];
        double maxDiff = 0.05;
        double sumAbs = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                diff[i][j] = d.synthV()[i][j] - d.trainV()[i][j];
                maxDiff = Math.max(maxDiff, Math.abs(diff[i][j]));
                if (i < j) {
                    sumAbs += Math.abs(diff[i][j]);
                }
            }
        }
        int cell = Math.max(5, Math.min(22, 440 / Math.max(1, m)));
        int labelChars = cell >= 9 ? 16 : 0;
        b.append("<section id=\"correlation\">\n<h2>Association matrix (Cram\u00E9r\u2019s V)</h2>\n<p class=\"note\">"
                + "Cram\u00E9r\u2019s V between every two binned columns (0 = independent, 1 = one determines the other),"
                + " training and synthetic on the same scale, and their difference (synthetic \u2212 training: blue ="
                + " stronger in synthetic, red = weaker; scale \u00B1").append(Markup.num(maxDiff, 2))
                .append("). Mean |difference| over the pairs: <span id=\"mean-v-diff\">")
                .append(Markup.num(m < 2 ? 0 : sumAbs / (m * (m - 1) / 2.0), 4)).append("</span>.</p>\n<div class=\"pair\">\n");
        figure(b, SvgHeatmap.render(names, names, d.trainV(), 1, SvgHeatmap.Scale.LINEAR, cell, labelChars,
                vTips(names, d.trainV())), "training");
        figure(b, SvgHeatmap.render(names, names, d.synthV(), 1, SvgHeatmap.Scale.LINEAR, cell, labelChars,
                vTips(names, d.synthV())), "synthetic");
        figure(b, SvgHeatmap.render(names, names, diff, maxDiff, SvgHeatmap.Scale.DIVERGING, cell, labelChars,
                vTips(names, diff)), "synthetic \u2212 training");
        b.append("</div>\n</section>\n");
    }

    private static String[][] vTips(String[] names, double[][] v) {
        String[][] t = new String[names.length][names.length];
        for (int i = 0; i < names.length; i++) {
            for (int j = 0; j < names.length; j++) {
                t[i][j] = names[i] + " \u00D7 " + names[j] + ": " + Markup.num(v[i][j], 3);
            }
        }
        return t;
    }

    private static void privacy(StringBuilder b, ReportData d) {
        b.append("<section id=\"privacy\">\n<h2>Privacy</h2>\n");
        PrivacyReport p = d.privacy();
        if (p == null) {
            b.append("<p class=\"note\">No holdout given: the privacy figures compare distances to training with distances"
                    + " to real rows not used for training, so they need --holdout H.csv.</p>\n</section>\n");
            return;
        }
        b.append("<p class=\"note\">On seeded samples of ").append(p.trainingSample()).append(" training, ")
                .append(p.holdoutSample()).append(" holdout and ").append(p.syntheticSample())
                .append(" synthetic rows; ").append(p.dim()).append("-dimensional encoding. Verdict: ")
                .append(p.fails() ? "<span class=\"fail\">FAIL</span>" : "<span class=\"ok\">pass</span>")
                .append(" (the MOSTLY AI Prize's limits). The figures are computed for all columns and for groups of"
                        + " correlated and of random columns; the headline is the group with the highest DCR share: <strong>")
                .append(Markup.esc(p.worstGroup().name())).append("</strong>.</p>\n");
        b.append("<table id=\"privacy-figures\">\n<thead><tr><th>figure</th><th>value</th><th>limit</th><th>verdict</th></tr></thead>\n<tbody>\n");
        verdictRow(b, "DCR share (synthetic rows closer to training than to holdout)", Markup.num(p.dcrShare(), 5),
                "< " + Markup.num(PrivacyReport.MAX_DCR_SHARE, 2), p.dcrShareFails());
        String ratio = p.nndrRatio() < 1e4 ? Markup.num(p.nndrRatio(), 5) : String.format(Locale.ROOT, "%.3e", p.nndrRatio());
        verdictRow(b, "NNDR ratio (10th smallest NNDR to training / to holdout)", ratio,
                "> " + Markup.num(PrivacyReport.MIN_NNDR_RATIO, 1), p.nndrRatioFails());
        b.append("<tr><td>identical-match share (synthetic rows equal to a training row)</td><td>")
                .append(Markup.num(p.identicalMatchShare(), 5)).append("</td><td>holdout: ")
                .append(Markup.num(p.identicalHoldoutShare(), 5)).append("</td><td></td></tr>\n</tbody>\n</table>\n");
        groups(b, p);
        b.append("<table id=\"dcr\">\n<thead><tr><th>distance to closest record (group ")
                .append(Markup.esc(p.worstGroup().name()))
                .append(")</th><th>mean</th><th>median</th><th>5th percentile</th></tr></thead>\n<tbody>\n");
        dcrRow(b, "synthetic \u2192 training", p.dcrSyntheticTraining());
        dcrRow(b, "synthetic \u2192 holdout", p.dcrSyntheticHoldout());
        dcrRow(b, "holdout \u2192 training (real-data baseline)", p.dcrHoldoutTraining());
        b.append("</tbody>\n</table>\n</section>\n");
    }

    /** One row per column group: dimensions, DCR share, NNDR ratio, identical matches and its columns. */
    private static void groups(StringBuilder b, PrivacyReport p) {
        b.append("<table id=\"privacy-groups\">\n<thead><tr><th>column group</th><th>dims</th><th>DCR share</th>"
                + "<th>NNDR ratio</th><th>identical matches</th><th>verdict</th><th>columns</th></tr></thead>\n<tbody>\n");
        int allColumns = p.groups().get(0).columns().size();
        for (int g = 0; g < p.groups().size(); g++) {
            PrivacyReport.Group x = p.groups().get(g);
            String ratio = x.nndrRatio() < 1e4 ? Markup.num(x.nndrRatio(), 5)
                    : String.format(Locale.ROOT, "%.3e", x.nndrRatio());
            b.append(g == p.worst() ? "<tr class=\"worst\">" : "<tr>").append("<td>").append(Markup.esc(x.name()))
                    .append(g == p.worst() ? " (headline)" : "").append("</td><td>").append(x.dims().size())
                    .append("</td><td>").append(Markup.num(x.dcrShare(), 5)).append("</td><td>").append(ratio)
                    .append("</td><td>").append(Markup.num(x.identicalMatchShare(), 5)).append("</td><td>")
                    .append(x.fails() ? "<span class=\"fail\">FAIL</span>" : "<span class=\"ok\">ok</span>")
                    .append("</td><td class=\"cols\">")
                    .append(x.columns().size() == allColumns ? "all " + allColumns + " columns"
                            : Markup.esc(String.join(", ", x.columns())))
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static void verdictRow(StringBuilder b, String label, String value, String limit, boolean fails) {
        b.append("<tr><td>").append(Markup.esc(label)).append("</td><td>").append(value).append("</td><td>")
                .append(Markup.esc(limit)).append("</td><td>")
                .append(fails ? "<span class=\"fail\">FAIL</span>" : "<span class=\"ok\">ok</span>").append("</td></tr>\n");
    }

    private static void dcrRow(StringBuilder b, String label, PrivacyReport.Summary s) {
        b.append("<tr><td>").append(Markup.esc(label)).append("</td><td>").append(Markup.num(s.mean(), 5))
                .append("</td><td>").append(Markup.num(s.median(), 5)).append("</td><td>").append(Markup.num(s.p5(), 5))
                .append("</td></tr>\n");
    }

    private static void parameters(StringBuilder b, ReportData d) {
        ReportData.Parameters p = d.parameters();
        b.append("<section id=\"parameters\">\n<h2>Parameters</h2>\n<table id=\"parameter-table\">\n<tbody>\n");
        param(b, "training", p.train() + " (" + d.train().rows() + " rows, " + d.schema().columns() + " columns)");
        param(b, "synthetic", p.synth() + " (" + d.synth().rows() + " rows)");
        param(b, "holdout", p.holdout() == null ? "none" : p.holdout() + " (" + d.holdoutRows() + " rows)");
        param(b, "seed", Long.toString(p.seed()));
        if (p.holdout() != null) {
            param(b, "privacy sample", p.privacySample() == 0 ? "all rows (each table cut to the smallest)"
                    : "at most " + p.privacySample() + " rows per table");
        }
        param(b, "extra missing-value tokens", p.naValues().isEmpty() ? "none" : String.join(", ", p.naValues()));
        b.append("</tbody>\n</table>\n");
        ReportData.Timings t = d.timings();
        // the one clock-dependent line; everything else is a function of the inputs and the seed
        b.append("<p class=\"note\" id=\"").append(TIMINGS_ID).append("\">Timings: read and bin ")
                .append(Markup.num(t.read(), 2)).append(" s, accuracy ").append(Markup.num(t.accuracy(), 2))
                .append(" s, privacy ").append(Markup.num(t.privacy(), 2)).append(" s, associations ")
                .append(Markup.num(t.associations(), 2)).append(" s.</p>\n</section>\n");
    }

    private static void run(StringBuilder b, ReportData.Run r) {
        b.append("<section id=\"run\">\n<h2>The run</h2>\n<table id=\"run-settings\">\n<tbody>\n");
        for (String[] kv : r.settings()) {
            param(b, kv[0], kv[1]);
        }
        b.append("</tbody>\n</table>\n<table id=\"run-stages\">\n<thead><tr><th>stage</th><th>seconds</th>"
                + "<th>rows</th><th>overall accuracy vs training</th></tr></thead>\n<tbody>\n");
        for (String[] st : r.stages()) {
            b.append("<tr>");
            for (String cell : st) {
                b.append("<td>").append(Markup.esc(cell)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }

    private static void param(StringBuilder b, String k, String v) {
        b.append("<tr><td>").append(Markup.esc(k)).append("</td><td>").append(Markup.esc(v)).append("</td></tr>\n");
    }

    private static void figure(StringBuilder b, String svg, String caption) {
        b.append("<figure>\n").append(svg).append("\n<figcaption>").append(Markup.esc(caption))
                .append("</figcaption>\n</figure>\n");
    }

    private static List<Integer> nonEmpty(int[] a, int[] b) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] > 0 || b[i] > 0) {
                out.add(i);
            }
        }
        return out;
    }

    private static String[] labels(ColumnBinning binning, List<Integer> bins) {
        String[] out = new String[bins.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = binning.label(bins.get(i));
        }
        return out;
    }

    private static double share(int count, int rows) {
        return rows == 0 ? 0 : count / (double) rows;
    }

    private static String fileName(String path) {
        return Path.of(path).getFileName() == null ? path : Path.of(path).getFileName().toString();
    }
}
