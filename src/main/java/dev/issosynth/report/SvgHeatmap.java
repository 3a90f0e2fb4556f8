package dev.issosynth.report;

/**
 * Heatmap as inline SVG: a grid of coloured cells with row and column labels and a tooltip on every cell.
 * Sequential scale (white to blue, 0..max, linear or square root) or diverging (red below 0, white at 0, blue
 * above, -max..max).
 */
public final class SvgHeatmap {
    private static final int WHITE = 0xffffff;
    private static final int BLUE = 0x08519c;
    private static final int RED = 0xb2182b;
    private static final int DIVERGING_BLUE = 0x2166ac;

    /** How values map to colours: white to blue linearly or by square root (small values stay visible), or diverging. */
    public enum Scale { LINEAR, SQRT, DIVERGING }

    private SvgHeatmap() {
    }

    /**
     * @param rowLabels  labels down the left side
     * @param colLabels  labels along the bottom (rotated)
     * @param values     {@code values[row][col]}; NaN = grey cell
     * @param max        value of the darkest colour (for DIVERGING, also minus it)
     * @param cell       side of a cell in pixels
     * @param labelChars characters per label before it is cut (0 = no labels)
     * @param tips       tooltip of each cell, or null for "row × col: value"
     */
    public static String render(String[] rowLabels, String[] colLabels, double[][] values, double max, Scale scale,
                                int cell, int labelChars, String[][] tips) {
        int rows = rowLabels.length;
        int cols = colLabels.length;
        int charW = 6;
        int left = labelChars == 0 ? 4 : Math.min(labelChars, longest(rowLabels)) * charW + 8;
        int bottom = labelChars == 0 ? 4 : (int) Math.ceil(Math.min(labelChars, longest(colLabels)) * charW * 0.72) + 14;
        int width = left + cols * cell + 6;
        int height = 6 + rows * cell + bottom;
        StringBuilder b = new StringBuilder(512 + rows * cols * 120);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\">\n");
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = values[r][c];
                String tip = tips != null ? tips[r][c] : rowLabels[r] + " \u00D7 " + colLabels[c] + ": " + Markup.num(v, 3);
                b.append("<rect x=\"").append(left + c * cell).append("\" y=\"").append(6 + r * cell)
                        .append("\" width=\"").append(cell).append("\" height=\"").append(cell).append("\" fill=\"")
                        .append(colour(v, max, scale)).append("\"><title>").append(Markup.esc(tip))
                        .append("</title></rect>\n");
            }
        }
        b.append("<rect x=\"").append(left).append("\" y=\"6\" width=\"").append(cols * cell).append("\" height=\"")
                .append(rows * cell).append("\" class=\"frame\"/>\n");
        if (labelChars > 0) {
            for (int r = 0; r < rows; r++) {
                b.append("<text x=\"").append(left - 4).append("\" y=\"").append(Markup.px(6 + r * cell + cell / 2.0 + 3))
                        .append("\" class=\"label\" text-anchor=\"end\"><title>").append(Markup.esc(rowLabels[r]))
                        .append("</title>").append(Markup.esc(Markup.shorten(rowLabels[r], labelChars))).append("</text>\n");
            }
            int y = 6 + rows * cell + 8;
            for (int c = 0; c < cols; c++) {
                String x = Markup.px(left + c * cell + cell / 2.0 + 3);
                b.append("<text x=\"").append(x).append("\" y=\"").append(y)
                        .append("\" class=\"label\" text-anchor=\"end\" transform=\"rotate(-45 ").append(x).append(' ')
                        .append(y).append(")\"><title>").append(Markup.esc(colLabels[c])).append("</title>")
                        .append(Markup.esc(Markup.shorten(colLabels[c], labelChars))).append("</text>\n");
            }
        }
        b.append("</svg>");
        return b.toString();
    }

    static String colour(double v, double max, Scale scale) {
        if (Double.isNaN(v)) {
            return "#cccccc";
        }
        double m = max > 0 ? max : 1;
        if (scale == Scale.SQRT) {
            return Markup.mix(WHITE, BLUE, Math.sqrt(Math.max(0, v) / m));
        }
        if (scale == Scale.LINEAR) {
            return Markup.mix(WHITE, BLUE, Math.max(0, v) / m);
        }
        double t = Math.min(1, Math.abs(v) / m);
        return Markup.mix(WHITE, v < 0 ? RED : DIVERGING_BLUE, t);
    }

    private static int longest(String[] labels) {
        int n = 1;
        for (String s : labels) {
            n = Math.max(n, s.length());
        }
        return n;
    }
}
