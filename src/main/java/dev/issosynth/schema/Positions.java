package dev.issosynth.schema;

import dev.issosynth.io.InputException;
import dev.issosynth.io.RawTable;

import java.util.ArrayList;
import java.util.List;

/**
 * Geographic positions declared in the column file: a {@code lat_long} column holds {@code "lat, long"} text; a
 * {@code latitude} and a {@code longitude} column hold one coordinate each and form a pair (the first latitude with
 * the first longitude, and so on, in table order). The selection and the evaluation see them as the QA library does
 * (text, numbers); the embedded generator models a position as one value.
 */
public final class Positions {
    private Positions() {
    }

    /** {@code "lat, long"} (white space around the comma allowed) as two numbers, or null if it is not that. */
    public static double[] parsePair(String cell) {
        int comma = cell.indexOf(',');
        if (comma < 0 || cell.indexOf(',', comma + 1) >= 0) {
            return null;
        }
        double lat = Numbers.parse(cell.substring(0, comma).strip());
        double lon = Numbers.parse(cell.substring(comma + 1).strip());
        return onGlobe(lat, lon) ? new double[] {lat, lon} : null;
    }

    /** Whether latitude and longitude are a place (not NaN, |lat| ≤ 90, |long| ≤ 180). */
    public static boolean onGlobe(double lat, double lon) {
        return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
    }

    /** The {latitude, longitude} column index pairs of {@code header}, as {@code rules} declare them. */
    public static List<int[]> pairs(String[] header, ColumnRules rules) {
        List<Integer> lats = new ArrayList<>();
        List<Integer> lons = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            ColumnKind k = rules.kindOf(header[c]);
            if (k == ColumnKind.LATITUDE) {
                lats.add(c);
            } else if (k == ColumnKind.LONGITUDE) {
                lons.add(c);
            }
        }
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < Math.min(lats.size(), lons.size()); i++) {
            pairs.add(new int[] {lats.get(i), lons.get(i)});
        }
        return pairs;
    }

    /**
     * Every declared position must be one: InputException naming the column, row and cell otherwise, and when the
     * latitude and longitude columns do not pair up.
     */
    static void check(RawTable raw, ColumnRules rules, MissingValues na, String source) {
        int lats = 0;
        int lons = 0;
        for (int c = 0; c < raw.columnCount(); c++) {
            ColumnKind kind = rules.kindOf(raw.name(c));
            if (kind != ColumnKind.LAT_LONG && kind != ColumnKind.LATITUDE && kind != ColumnKind.LONGITUDE) {
                continue;
            }
            lats += kind == ColumnKind.LATITUDE ? 1 : 0;
            lons += kind == ColumnKind.LONGITUDE ? 1 : 0;
            String[] cells = raw.column(c);
            MissingValues own = rules.missingOf(raw.name(c), na); // the column's own tokens too
            for (int r = 0; r < cells.length; r++) {
                String v = cells[r];
                if (own.isMissing(v)) {
                    continue;
                }
                double x = kind == ColumnKind.LAT_LONG ? 0 : Numbers.parse(v);
                boolean ok = switch (kind) {
                    case LAT_LONG -> parsePair(v) != null;
                    case LATITUDE -> x >= -90 && x <= 90;
                    default -> x >= -180 && x <= 180;
                };
                if (!ok) {
                    throw new InputException(source + ": column " + raw.name(c) + " is declared " + kind.label()
                            + " in --columns, but row " + (r + 1) + " holds '" + v + "' ("
                            + (kind == ColumnKind.LAT_LONG ? "\"lat, long\" in degrees" : kind == ColumnKind.LATITUDE
                            ? "degrees from -90 to 90" : "degrees from -180 to 180") + ")");
                }
            }
        }
        if (lats != lons) {
            throw new InputException(source + ": --columns declares " + lats + " latitude and " + lons
                    + " longitude column(s); they are modelled in pairs (the first latitude with the first"
                    + " longitude), so give as many of each");
        }
    }
}
