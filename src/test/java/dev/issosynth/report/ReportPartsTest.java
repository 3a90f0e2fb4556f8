package dev.issosynth.report;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small pieces of the report: escaping, number formats, colours, Cramér's V, chart shapes. */
class ReportPartsTest {
    @Test
    void escapesEveryMarkupCharacterAndDropsControlCharacters() {
        assertEquals("&lt;b&gt;&amp;&quot;x&#39;", Markup.esc("<b>&\"x'"));
        assertEquals("a\uFFFDb\tc", Markup.esc("a\u0001b\tc"));
        assertEquals("", Markup.esc(null));
        assertEquals("abcd\u2026", Markup.shorten("abcdefgh", 5));
        assertEquals("abc", Markup.shorten("abc", 5));
    }

    @Test
    void numbersDoNotDependOnTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertEquals("0.12346", Markup.num(0.123456, 5));
            assertEquals("12.5", Markup.px(12.5));
            assertEquals("12", Markup.px(12.01));
            assertEquals("12.3\u00A0%", Markup.pct(0.1234));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void coloursRunFromWhiteToTheEndColour() {
        assertEquals("#ffffff", SvgHeatmap.colour(0, 1, SvgHeatmap.Scale.LINEAR));
        assertEquals("#08519c", SvgHeatmap.colour(1, 1, SvgHeatmap.Scale.LINEAR));
        assertEquals("#08519c", SvgHeatmap.colour(4, 1, SvgHeatmap.Scale.SQRT));
        assertEquals("#b2182b", SvgHeatmap.colour(-1, 1, SvgHeatmap.Scale.DIVERGING));
        assertEquals("#2166ac", SvgHeatmap.colour(1, 1, SvgHeatmap.Scale.DIVERGING));
        assertEquals("#cccccc", SvgHeatmap.colour(Double.NaN, 1, SvgHeatmap.Scale.LINEAR));
    }

    @Test
    void axisTopIsANiceNumberAtOrAboveTheLargestShare() {
        assertEquals(0.5, SvgBarChart.niceCeiling(0.41), 1e-12);
        assertEquals(0.25, SvgBarChart.niceCeiling(0.21), 1e-12);
        assertEquals(0.2, SvgBarChart.niceCeiling(0.2), 1e-12);
        assertEquals(0.01, SvgBarChart.niceCeiling(0.0093), 1e-12);
        assertEquals(1, SvgBarChart.niceCeiling(0.97), 1e-12);
        assertEquals(1, SvgBarChart.niceCeiling(0), 1e-12);
    }

    @Test
    void cramersVIsOneForACopyZeroForIndependenceAndZeroForAConstant() {
        // column 0: 0,1,2,0,1,2,...; column 1 = column 0; column 2 independent of 0 (every combination equally often);
        // column 3 constant
        int n = 36;
        int[][] rows = new int[n][];
        for (int r = 0; r < n; r++) {
            rows[r] = new int[] {r % 3, r % 3, (r / 3) % 2, 0};
        }
        CodeTable t = CodeTable.ofRows(new int[] {3, 3, 2, 2}, rows);
        try (Parallel par = new Parallel(2)) {
            double[][] v = Associations.cramersV(t, par);
            assertEquals(1, v[0][1], 1e-12);
            assertEquals(0, v[0][2], 1e-12);
            assertEquals(0, v[0][3], 1e-12);
            assertEquals(1, v[2][2], 1e-12);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(v[i][j], v[j][i]);
                }
            }
        }
        // a 2x2 table with phi = 0.5: [[3,1],[1,3]]
        assertEquals(0.5, Associations.cramersV(new int[][] {{3, 1}, {1, 3}}, 8), 1e-12);
    }

    @Test
    void barChartHasTwoBarsPerBinAndALabelPerBin() {
        String svg = SvgBarChart.render(new String[] {"a", "<b>"}, new double[] {0.25, 0.75},
                new double[] {0.5, 0.5}, new int[] {1, 3}, new int[] {2, 2});
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertEquals(4, svg.split("<rect ", -1).length - 1);
        assertTrue(svg.contains("&lt;b&gt;: training 75.0\u00A0% (3 rows), synthetic 50.0\u00A0% (2 rows)"));
        assertTrue(svg.endsWith("</svg>"));
    }
}
