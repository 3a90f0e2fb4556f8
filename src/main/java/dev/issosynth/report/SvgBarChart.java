package dev.issosynth.report;

/**
 * Grouped bar chart as inline SVG: per bin one bar for the training share and one for the synthetic share,
 * bin labels under the axis (rotated), a tooltip ({@code <title>}) with the exact figures on every bar.
 */
public final class SvgBarChart {
    static final String TRAIN_COLOUR = "#3b6fb6";
    static final String SYNTH_COLOUR = "#e8833a";
    private static final int LEFT = 52;
    private static final int TOP = 10;
    private static final int PLOT_HEIGHT = 140;
    private static final int LABEL_SPACE = 78;
    private static final int GROUP = 26;
    private static final int LABEL_CHARS = 13;

    private SvgBarChart() {
    }

    /**
     * @param labels bin labels
     * @param train  training share per bin (0..1)
     * @param synth  synthetic share per bin (0..1)
     * @param trainCounts rows per bin in training (for tooltips)
     * @param synthCounts rows per bin in the synthetic table
     */
    public static String render(String[] labels, double[] train, double[] synth, int[] trainCounts, int[] synthCounts) {
        int k = labels.length;
        double max = 0;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, Math.max(train[i], synth[i]));
        }
        double top = niceCeiling(max);
        int width = LEFT + Math.max(1, k) * GROUP + 12;
        int height = TOP + PLOT_HEIGHT + LABEL_SPACE;
        StringBuilder b = new StringBuilder(1024 + k * 400);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bar\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\">\n");
        // axis and gridlines at 0, top/2, top
        for (int g = 0; g <= 2; g++) {
            double y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * g / 2.0;
            b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(width - 6).append("\" y1=\"")
                    .append(Markup.px(y)).append("\" y2=\"").append(Markup.px(y))
                    .append("\" class=\"").append(g == 0 ? "axis" : "grid").append("\"/>\n");
            b.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(Markup.px(y + 3))
                    .append("\" class=\"tick\" text-anchor=\"end\">").append(Markup.esc(tick(top * g / 2, top)))
                    .append("</text>\n");
        }
        double bar = (GROUP - 6) / 2.0;
        for (int i = 0; i < k; i++) {
            double x0 = LEFT + i * GROUP + 3;
            String tip = Markup.esc(labels[i] + ": training " + Markup.pct(train[i]) + " (" + trainCounts[i]
                    + " rows), synthetic " + Markup.pct(synth[i]) + " (" + synthCounts[i] + " rows)");
            bar(b, x0, bar, train[i] / top, TRAIN_COLOUR, tip);
            bar(b, x0 + bar, bar, synth[i] / top, SYNTH_COLOUR, tip);
            double lx = x0 + bar;
            double ly = TOP + PLOT_HEIGHT + 8;
            b.append("<text x=\"").append(Markup.px(lx)).append("\" y=\"").append(Markup.px(ly))
                    .append("\" class=\"label\" text-anchor=\"end\" transform=\"rotate(-45 ").append(Markup.px(lx))
                    .append(' ').append(Markup.px(ly)).append(")\"><title>").append(Markup.esc(labels[i]))
                    .append("</title>").append(Markup.esc(Markup.shorten(labels[i], LABEL_CHARS))).append("</text>\n");
        }
        b.append("</svg>");
        return b.toString();
    }

    private static void bar(StringBuilder b, double x, double w, double frac, String colour, String tip) {
        double h = PLOT_HEIGHT * Math.max(0, Math.min(1, frac));
        b.append("<rect x=\"").append(Markup.px(x)).append("\" y=\"").append(Markup.px(TOP + PLOT_HEIGHT - h))
                .append("\" width=\"").append(Markup.px(w)).append("\" height=\"").append(Markup.px(h))
                .append("\" fill=\"").append(colour).append("\"><title>").append(tip).append("</title></rect>\n");
    }

    /** An axis label: whole percent when that is exact, else one decimal (e.g. 12.5 %). */
    private static String tick(double share, double top) {
        double p = share * 100;
        return Math.abs(p - Math.rint(p)) < 1e-9 ? Markup.num(p, 0) + "\u00A0%" : Markup.pct(share);
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k (k ≤ 0) at or above v; 1 for v ≥ 1 or v = 0. */
    static double niceCeiling(double v) {
        if (!(v > 0) || v >= 1) {
            return 1;
        }
        double scale = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * scale >= v - 1e-12) {
                return Math.min(1, step * scale);
            }
        }
        return 1;
    }
}
