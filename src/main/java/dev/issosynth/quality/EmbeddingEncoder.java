package dev.issosynth.quality;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.ColumnType;
import dev.issosynth.schema.DateFormat;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Numbers;
import dev.issosynth.schema.Schema;
import dev.issosynth.util.Parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The encoding of rows for the privacy figures, as MOSTLY AI's QA library encodes them: fitted on the reference
 * rows (the training and holdout samples), applied to those and to the synthetic sample.
 *
 * <ul>
 *   <li>Only the first {@value #MAX_COLUMNS} columns (schema order). Numeric and datetime columns come first, then
 *   the categorical ones, each in schema order.</li>
 *   <li>Numeric and datetime column: scikit-learn's {@code QuantileTransformer} (uniform output) fitted on the
 *   reference values: {@code min(100, reference rows)} quantile levels, the quantiles of the non-missing values
 *   among at most {@value #QUANTILE_SUBSAMPLE} reference rows (a seeded subsample beyond that, as scikit-learn
 *   subsamples), made non-decreasing; a value maps to the mean of the upward and the downward linear interpolation
 *   (so a run of equal quantiles maps to its middle), a value equal to the lowest quantile to 0 and to the highest
 *   to 1, values outside the range to the ends; minus 0.5, so on [−0.5, 0.5]. A missing cell is 0. When the
 *   training or the holdout sample has a missing cell in the column, a missing indicator follows (0.5 missing,
 *   −0.5 present).</li>
 *   <li>Categorical column: every distinct reference value (missing is the value {@value #NA}) and one extra
 *   {@value #RARE} point get a fixed {@value #EMBED_DIMS}-dimensional unit vector
 *   ({@link ValueEmbedding#valueVector}); these
 *   points are projected by PCA (fitted on exactly those points, not weighted by frequency) onto
 *   {@link #pcaDims} dimensions: 2 for at most 20 distinct values, 3 for at most 100, else 4. A value the reference
 *   never had (e.g. a synthetic one) takes the {@value #RARE} point. The library embeds the value text with a small
 *   text model; without one, a pseudo-random vector per value text serves the same purpose (equal values equal,
 *   different values apart), at the library's embedding width.</li>
 *   <li>Each row is then scaled to unit length (an all-zero row stays zero).</li>
 * </ul>
 */
public final class EmbeddingEncoder {
    static final int MAX_COLUMNS = 300;
    static final int QUANTILES = 100;
    static final int QUANTILE_SUBSAMPLE = 10_000;
    static final int EMBED_DIMS = 256;
    static final String NA = "(n/a)";
    static final String RARE = "_RARE_";
    private static final int ROW_BLOCK = 1024;
    /** Compact cells: the quantile position's scale, the missing marker, the last categorical value numbered. */
    static final int COMPACT_SCALE = 65_534;
    static final char COMPACT_MISSING = 65_535;
    static final int COMPACT_RARE = 65_534;

    /**
     * One numeric or datetime column: its reference quantiles (null when the reference has no value); its missing
     * rule and, for a datetime, the date format (the schema's, so every stage reads the cells alike).
     */
    private record NumericColumn(String name, boolean datetime, double[] quantiles, double[] levels,
                                 boolean naFlag, int offset, MissingValues na, DateFormat format) {
    }

    /**
     * One categorical column: the projected point of every reference value, and of the rare token; {@code index}
     * numbers the values in {@code points}' order of fitting (for {@link #compactCell}).
     */
    private record CategoricalColumn(String name, Map<String, float[]> points, float[] rare, int dims, int offset,
                                     Map<String, Integer> index, float[][] byIndex, MissingValues na) {
    }

    private final List<NumericColumn> numeric = new ArrayList<>();
    private final List<CategoricalColumn> categorical = new ArrayList<>();
    private final List<String> dimNames = new ArrayList<>();
    private final List<String> dimColumns = new ArrayList<>();

    /**
     * Fits the encoding on the reference samples; {@code rnd} draws the quantile subsamples. Columns are fitted in
     * parallel on {@code par} (null: this thread), each from its own pre-drawn generator, so the result does not
     * depend on the thread count. Each column's missing cells and dates are read as the schema says
     * ({@link Schema#na}, {@link Schema#format}).
     */
    public EmbeddingEncoder(Schema schema, RawTable training, RawTable holdout, SplittableRandom rnd, Parallel par) {
        int cols = Math.min(MAX_COLUMNS, schema.columns());
        String[] names = schema.names();
        List<Integer> num = new ArrayList<>();
        List<Integer> cat = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            (schema.type(c) == ColumnType.CATEGORICAL ? cat : num).add(c);
        }
        SplittableRandom[] rnds = new SplittableRandom[num.size()];
        for (int i = 0; i < rnds.length; i++) {
            rnds[i] = rnd.split();
        }
        Object[] fitted = new Object[num.size() + cat.size()];
        // the categorical columns first: a column with many values (its PCA) is the longest task
        Parallel.TaskBody fit = task -> {
            int t = task < cat.size() ? num.size() + task : task - cat.size();
            if (t < num.size()) {
                int c = num.get(t);
                fitted[t] = fitNumeric(names[c], schema.type(c) == ColumnType.DATETIME, column(training, names[c]),
                        column(holdout, names[c]), rnds[t], schema.na(c), schema.format(c));
            } else {
                int c = cat.get(t - num.size());
                fitted[t] = fitCategorical(names[c], column(training, names[c]), column(holdout, names[c]),
                        schema.na(c));
            }
        };
        if (par == null) {
            for (int t = 0; t < fitted.length; t++) {
                fit.run(t);
            }
        } else {
            par.forTasks(fitted.length, fit);
        }
        for (int t = 0; t < fitted.length; t++) {
            if (fitted[t] instanceof NumericColumn f) {
                NumericColumn col = new NumericColumn(f.name(), f.datetime(), f.quantiles(), f.levels(), f.naFlag(),
                        dimNames.size(), f.na(), f.format());
                numeric.add(col);
                addDim(col.name(), col.name());
                if (col.naFlag()) {
                    addDim(col.name() + " - N/A", col.name());
                }
            } else {
                CategoricalColumn f = (CategoricalColumn) fitted[t];
                categorical.add(new CategoricalColumn(f.name(), f.points(), f.rare(), f.dims(), dimNames.size(),
                        f.index(), f.byIndex(), f.na()));
                for (int d = 0; d < f.dims(); d++) {
                    addDim(f.name() + " - PCA " + (d + 1), f.name());
                }
            }
        }
    }

    /** A numeric or datetime column's quantiles and whether it needs a missing indicator (offset still unknown). */
    private static NumericColumn fitNumeric(String name, boolean datetime, String[] tr, String[] ho,
                                            SplittableRandom rnd, MissingValues na, DateFormat format) {
        double[] ref = new double[tr.length + ho.length];
        boolean missing = false;
        for (int r = 0; r < ref.length; r++) {
            String cell = r < tr.length ? tr[r] : ho[r - tr.length];
            missing |= isMissing(cell, na);
            ref[r] = parse(cell, datetime, na, format);
        }
        double[] levels = QuantileTransform.levels(Math.max(1, Math.min(QUANTILES, ref.length)));
        double[] q = QuantileTransform.quantiles(QuantileTransform.subsample(ref, QUANTILE_SUBSAMPLE, rnd), levels);
        return new NumericColumn(name, datetime, q, levels, missing, -1, na, format);
    }

    /** A categorical column's projected value points (offset still unknown). */
    private static CategoricalColumn fitCategorical(String name, String[] tr, String[] ho, MissingValues na) {
        Map<String, Integer> counts = new HashMap<>();
        for (String[] part : List.of(tr, ho)) {
            for (String cell : part) {
                counts.merge(category(cell, na), 1, Integer::sum);
            }
        }
        List<String> values = new ArrayList<>(counts.keySet());
        values.sort((a, b) -> {
            int x = Integer.compare(counts.get(b), counts.get(a));
            return x != 0 ? x : a.compareTo(b);
        });
        int dims = pcaDims(values.size());
        List<String> withRare = new ArrayList<>(values);
        withRare.add(RARE);
        double[][] proj = ValueEmbedding.project(withRare, dims);
        Map<String, float[]> points = new HashMap<>(values.size() * 2);
        Map<String, Integer> index = new HashMap<>(values.size() * 2);
        int numbered = Math.min(values.size(), COMPACT_RARE);
        float[][] byIndex = new float[numbered + 1][];
        for (int i = 0; i < values.size(); i++) {
            points.put(values.get(i), toFloat(proj[i]));
            if (i < numbered) {
                byIndex[i] = points.get(values.get(i));
                index.put(values.get(i), i);
            }
        }
        byIndex[numbered] = toFloat(proj[values.size()]);
        return new CategoricalColumn(name, points, byIndex[numbered], dims, -1, index, byIndex, na);
    }

    private void addDim(String name, String column) {
        dimNames.add(name);
        dimColumns.add(column);
    }

    /** Length of an encoded row. */
    public int dim() {
        return dimNames.size();
    }

    /** Name of each encoded dimension: the column, {@code "col - N/A"}, {@code "col - PCA 1"}, ... */
    public List<String> dimNames() {
        return List.copyOf(dimNames);
    }

    /** The column each encoded dimension comes from. */
    public List<String> dimColumns() {
        return List.copyOf(dimColumns);
    }

    /** PCA dimensions of a categorical column with {@code distinct} reference values: 2, 3 or 4. */
    static int pcaDims(int distinct) {
        return distinct <= 20 ? 2 : distinct <= 100 ? 3 : 4;
    }

    /**
     * Rows of {@code table} (the schema's columns by name, any order), row-major, each of unit length or 0, in
     * double (the library's precision; the search screens float copies, {@link #toFloat(double[])}).
     */
    public double[] encode(RawTable table, Parallel par) {
        int rows = table.rowCount();
        int dim = dim();
        double[] out = new double[rows * dim];
        String[][] numCells = new String[numeric.size()][];
        for (int i = 0; i < numeric.size(); i++) {
            numCells[i] = column(table, numeric.get(i).name());
        }
        String[][] catCells = new String[categorical.size()][];
        for (int i = 0; i < categorical.size(); i++) {
            catCells[i] = column(table, categorical.get(i).name());
        }
        Parallel.BlockBody body = (block, from, to) -> {
            double[] row = new double[dim];
            for (int r = from; r < to; r++) {
                Arrays.fill(row, 0);
                for (int i = 0; i < numeric.size(); i++) {
                    NumericColumn col = numeric.get(i);
                    String cell = numCells[i][r];
                    double v = parse(cell, col.datetime(), col.na(), col.format());
                    row[col.offset()] = v != v || col.quantiles() == null ? 0
                            : QuantileTransform.transform(col.quantiles(), col.levels(), v) - 0.5;
                    if (col.naFlag()) {
                        row[col.offset() + 1] = isMissing(cell, col.na()) ? 0.5 : -0.5;
                    }
                }
                for (int i = 0; i < categorical.size(); i++) {
                    CategoricalColumn col = categorical.get(i);
                    place(col, col.points().getOrDefault(category(catCells[i][r], col.na()), col.rare()), row);
                }
                double inv = inverseLength(row);
                for (int d = 0, o = r * dim; d < dim; d++, o++) {
                    out[o] = row[d] * inv;
                }
            }
        };
        if (par == null) {
            for (int b = 0, from = 0; from < rows; b++, from += ROW_BLOCK) {
                body.run(b, from, Math.min(rows, from + ROW_BLOCK));
            }
        } else {
            par.forBlocks(rows, ROW_BLOCK, body);
        }
        return out;
    }

    // ------------------------------------------------------------------ compact cells: 2 bytes per pool cell

    /**
     * The encoded columns in encoding order (numeric and datetime first, then categorical), by name: the order of
     * {@link #compactCell}'s column index.
     */
    public String[] compactColumns() {
        String[] out = new String[numeric.size() + categorical.size()];
        for (int i = 0; i < numeric.size(); i++) {
            out[i] = numeric.get(i).name();
        }
        for (int i = 0; i < categorical.size(); i++) {
            out[numeric.size() + i] = categorical.get(i).name();
        }
        return out;
    }

    /**
     * One cell as 16 bits, so a large pool can be kept encoded (2 bytes a cell instead of a vector): a numeric or
     * datetime cell as its quantile position on [0, 1] rounded to 1/{@value #COMPACT_SCALE} (at most 7.7e-6 off,
     * far below any distance that matters here), {@value #COMPACT_MISSING} when missing; a categorical cell as the
     * number of its reference value, the rare point for any other (and for values past the
     * {@value #COMPACT_RARE}th, which only a column of near-unique values has).
     *
     * @param k the column's index in {@link #compactColumns()}
     */
    public char compactCell(int k, String cell) {
        if (k < numeric.size()) {
            NumericColumn col = numeric.get(k);
            return compactValue(k, parse(cell, col.datetime(), col.na(), col.format()), cell);
        }
        CategoricalColumn col = categorical.get(k - numeric.size());
        // the cell's own text first: one lookup for every value seen in the reference (missing never is a key)
        Integer i = cell == null ? null : col.index().get(cell);
        if (i == null && isMissing(cell, col.na())) {
            i = col.index().get(NA);
        }
        return (char) (i == null ? col.byIndex().length - 1 : i);
    }

    /** The compact cells of every row of {@code t} (its columns by name), column by column: {@code [k][row]}. */
    public char[][] compactCells(RawTable t) {
        String[] names = compactColumns();
        char[][] out = new char[names.length][t.rowCount()];
        for (int k = 0; k < names.length; k++) {
            String[] column = t.column(t.columnIndex(names[k]));
            for (int r = 0; r < column.length; r++) {
                out[k][r] = compactCell(k, column[r]);
            }
        }
        return out;
    }

    /** Whether compact column {@code k} is numeric or datetime (else categorical). */
    public boolean compactNumeric(int k) {
        return k < numeric.size();
    }

    /**
     * {@link #compactCell} of a numeric or datetime column from the value its binning parsed ({@code v}; NaN when
     * the binning found it missing or without a value: then the cell text decides which).
     */
    public char compactValue(int k, double v, String cell) {
        NumericColumn col = numeric.get(k);
        if (v != v) {
            return isMissing(cell, col.na()) ? COMPACT_MISSING : (char) (COMPACT_SCALE / 2);
        }
        if (col.quantiles() == null) {
            return (char) (COMPACT_SCALE / 2);
        }
        double position = QuantileTransform.transformFast(col.quantiles(), col.levels(), v);
        return (char) Math.round(position * COMPACT_SCALE);
    }

    /**
     * The unit vectors of the given rows of compact columns ({@code compact[k][row]}, columns as
     * {@link #compactColumns()}), row-major into {@code out} (float, as the search screens them).
     */
    public void expand(CompactCells compact, int[] rows, int count, float[] out, Parallel par) {
        int dim = dim();
        Parallel.BlockBody body = (block, from, to) -> {
            double[] row = new double[dim];
            for (int i = from; i < to; i++) {
                int r = rows == null ? i : rows[i];
                Arrays.fill(row, 0);
                for (int k = 0; k < numeric.size(); k++) {
                    NumericColumn col = numeric.get(k);
                    char c = compact.get(k, r);
                    row[col.offset()] = c == COMPACT_MISSING ? 0 : c / (double) COMPACT_SCALE - 0.5;
                    if (col.naFlag()) {
                        row[col.offset() + 1] = c == COMPACT_MISSING ? 0.5 : -0.5;
                    }
                }
                for (int k = 0; k < categorical.size(); k++) {
                    CategoricalColumn col = categorical.get(k);
                    place(col, col.byIndex()[compact.get(numeric.size() + k, r)], row);
                }
                double inv = inverseLength(row);
                for (int d = 0, o = i * dim; d < dim; d++, o++) {
                    out[o] = (float) (row[d] * inv);
                }
            }
        };
        if (par == null) {
            for (int b = 0, from = 0; from < count; b++, from += ROW_BLOCK) {
                body.run(b, from, Math.min(count, from + ROW_BLOCK));
            }
        } else {
            par.forBlocks(count, ROW_BLOCK, body);
        }
    }

    /** Writes a categorical column's value point into its dimensions of the row. */
    private static void place(CategoricalColumn col, float[] point, double[] row) {
        for (int d = 0; d < col.dims(); d++) {
            row[col.offset() + d] = point[d];
        }
    }

    /** 1 / the row's length (1 for an all-zero row, which stays zero). */
    private static double inverseLength(double[] row) {
        double s = 0;
        for (double x : row) {
            s += x * x;
        }
        return s > 0 ? 1 / Math.sqrt(s) : 1;
    }

    private static String[] column(RawTable t, String name) {
        int i = t.columnIndex(name);
        if (i < 0) {
            throw new IllegalArgumentException("column missing: " + name);
        }
        return t.column(i);
    }

    private static boolean isMissing(String cell, MissingValues na) {
        return cell == null || na.isMissing(cell);
    }

    private static String category(String cell, MissingValues na) {
        return isMissing(cell, na) ? NA : cell;
    }

    private static double parse(String cell, boolean datetime, MissingValues na, DateFormat format) {
        if (isMissing(cell, na)) {
            return Double.NaN;
        }
        if (datetime) {
            return format.parseEpochSeconds(cell);
        }
        double v = Numbers.parse(cell);
        return v == v ? v : Numbers.parseBoolean(cell);
    }

    /** Float copies (the search's screen). */
    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
