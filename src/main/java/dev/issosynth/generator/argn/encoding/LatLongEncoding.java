package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Positions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * LAT_LONG (the engine's TABULAR_LAT_LONG): a position, either one {@code "lat, long"} column or a latitude column
 * and a longitude column modelled as one ({@link #partner()}), as a {@link QuadKeys quadtree key}. Sub-columns:
 * {@code nan} (if missing values occurred); then {@code Q<k>}, the cell of level k for a few levels from coarse to
 * fine, each a categorical of the cells holding at least ~20 training rows (always protected: code 0 stands for every
 * sparser cell), which give the other columns a neighbourhood to depend on; then {@code D<p>}, the key's digits from
 * the first one in which the training positions differ. Decoding reads the digits only.
 *
 * <p>Why digits after cells: a cell alone would blur a position to its centre and could not leave the cells seen in
 * training; digits alone would make the other columns see a position only digit by digit. Levels every second digit
 * (each level 16 times finer than the one before) halve the model's cost against all levels, and the finest level
 * (~16 m cells) is where the rows per cell thin out on city-scale tables anyway.
 */
public final class LatLongEncoding implements ColumnEncoding {
    /** Model file type tag. */
    static final byte TAG = 8;
    /** Coarsest and finest cell levels (digits of the key), every {@value #LEVEL_STEP}. */
    static final int FIRST_LEVEL = 8;
    static final int LAST_LEVEL = 22;
    static final int LEVEL_STEP = 2;
    /** Rows a cell needs beyond the value protection's τ (the engine's 20 plus noise). */
    static final int CELL_MARGIN = 15;
    /** A level with fewer kept cells says too little to model. */
    static final int MIN_KEPT = 2;
    static final int MAX_CELLS = 10_000;

    private final MissingValues na;
    private final String partner;
    private final int partnerPosition;
    private final boolean hasNull;
    private final int[] levels;
    private final long[][] cells; // per level, the kept cells in increasing order; code = index + 1
    private final int firstDigit;
    private final long commonPrefix; // the first firstDigit digits, the same in every training position
    private final int[] seen; // per digit position, a bit mask of the digits training positions have there
    private final double[] box; // {lat min, lat max, long min, long max}, protected; null: no box released
    private final int latDecimals;
    private final int lonDecimals;
    private final String separator;

    private LatLongEncoding(MissingValues na, String partner, int partnerPosition, boolean hasNull, int[] levels,
            long[][] cells, int firstDigit, long commonPrefix, int[] seen, double[] box, int latDecimals,
            int lonDecimals, String separator) {
        this.na = na;
        this.partner = partner;
        this.partnerPosition = partnerPosition;
        this.hasNull = hasNull;
        this.levels = levels;
        this.cells = cells;
        this.firstDigit = firstDigit;
        this.commonPrefix = commonPrefix;
        this.seen = seen;
        this.box = box;
        this.latDecimals = latDecimals;
        this.lonDecimals = lonDecimals;
        this.separator = separator;
    }

    /**
     * Fits on {@code "lat, long"} cells; {@code partner} names the longitude column when the cells join a pair of
     * columns (null for one column), {@code partnerPosition} its index among the table's columns. A cell that is
     * not a position on the globe counts as missing (the table was checked on reading). With value protection the
     * decoded positions are kept inside the protected range of each coordinate (as numbers are), so no output lies
     * beyond the training's extremes nor reveals them.
     */
    public static LatLongEncoding fit(String[] values, MissingValues na, String partner, int partnerPosition,
            boolean valueProtection, SplittableRandom rng) {
        int n = values.length;
        long[] keys = keys(values, na);
        int latDecimals = 0;
        int lonDecimals = 0;
        String separator = null;
        boolean hasNull = false;
        int present = 0;
        for (int r = 0; r < n; r++) {
            if (keys[r] < 0) {
                hasNull = true;
                continue;
            }
            present++;
            String v = values[r];
            int comma = v.indexOf(',');
            latDecimals = Math.max(latDecimals, QuadKeys.decimals(v.substring(0, comma)));
            lonDecimals = Math.max(lonDecimals, QuadKeys.decimals(v.substring(comma + 1)));
            if (separator == null) {
                separator = v.substring(comma, comma + 1 + (comma + 1 < v.length() && v.charAt(comma + 1) == ' '
                        ? 1 : 0));
            }
        }
        int first = QuadKeys.BITS;
        long anyKey = -1;
        for (long k : keys) {
            if (k >= 0) {
                if (anyKey < 0) {
                    anyKey = k;
                }
                while (first > 0 && QuadKeys.prefix(k, first) != QuadKeys.prefix(anyKey, first)) {
                    first--;
                }
            }
        }
        if (present == 0) {
            first = QuadKeys.BITS; // no position at all: nothing to model but missingness
            anyKey = 0;
        }
        first = Math.min(first, QuadKeys.BITS - 1); // at least one digit sub-column
        int tau = CELL_MARGIN + ValueProtection.rareThreshold(rng);
        List<Integer> keptLevels = new ArrayList<>();
        List<long[]> keptCells = new ArrayList<>();
        for (int level = FIRST_LEVEL; level <= LAST_LEVEL; level += LEVEL_STEP) {
            if (level <= first) {
                continue; // one cell holds every position
            }
            long[] kept = frequentCells(keys, level, tau);
            if (kept.length >= MIN_KEPT) {
                keptLevels.add(level);
                keptCells.add(kept);
            }
        }
        int digits = QuadKeys.BITS - first;
        int[] seen = new int[digits];
        double[] lat = new double[n];
        double[] lon = new double[n];
        for (int r = 0; r < n; r++) {
            long k = keys[r];
            lat[r] = k < 0 ? Double.NaN : QuadKeys.latitude(k);
            lon[r] = k < 0 ? Double.NaN : QuadKeys.longitude(k);
            for (int p = 0; k >= 0 && p < digits; p++) {
                seen[p] |= 1 << QuadKeys.digit(k, first + p);
            }
        }
        if (present == 0) {
            Arrays.fill(seen, 1);
        }
        double[] latRange = ValueProtection.range(lat, valueProtection, rng);
        double[] lonRange = ValueProtection.range(lon, valueProtection, rng);
        double[] box = latRange == null || lonRange == null ? null
                : new double[] {latRange[0], latRange[1], lonRange[0], lonRange[1]};
        return new LatLongEncoding(na, partner, partnerPosition, hasNull,
                keptLevels.stream().mapToInt(Integer::intValue).toArray(), keptCells.toArray(new long[0][]), first,
                QuadKeys.prefix(anyKey, first), seen, box, latDecimals, lonDecimals,
                separator == null ? ", " : separator);
    }

    /** The cells of a level holding at least {@code tau} positions, at most the {@value #MAX_CELLS} fullest. */
    private static long[] frequentCells(long[] keys, int level, int tau) {
        Map<Long, Integer> counts = new HashMap<>();
        for (long k : keys) {
            if (k >= 0) {
                counts.merge(QuadKeys.prefix(k, level), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().filter(e -> e.getValue() >= tau)
                .sorted((a, b) -> a.getValue().equals(b.getValue()) ? Long.compare(a.getKey(), b.getKey())
                        : Integer.compare(b.getValue(), a.getValue()))
                .limit(MAX_CELLS).mapToLong(Map.Entry::getKey).sorted().toArray();
    }

    private static long[] keys(String[] values, MissingValues na) {
        long[] keys = new long[values.length];
        for (int r = 0; r < values.length; r++) {
            double[] p = na.isMissing(values[r]) ? null : Positions.parsePair(values[r]);
            keys[r] = p == null ? -1 : QuadKeys.key(p[0], p[1]);
        }
        return keys;
    }

    /** The longitude column of a pair, or null for one {@code "lat, long"} column. */
    public String partner() {
        return partner;
    }

    /** The missing-value rule the cells were read with. */
    MissingValues missingValues() {
        return na;
    }

    /** The partner's index among the table's columns (-1 for one column). */
    public int partnerPosition() {
        return partnerPosition;
    }

    /**
     * Tag, missing tokens, partner ("" for none), its position, hasNull, levels (ints), per level its cells (longs),
     * first digit, common prefix, per digit position the mask of its digits (ints), the box (doubles; none: empty),
     * latitude and longitude decimals, separator.
     */
    @Override
    public void writeTo(BinaryWriter out) throws IOException {
        out.writeByte(TAG);
        na.writeTo(out);
        out.writeString(partner == null ? "" : partner);
        out.writeInt(partnerPosition);
        out.writeBoolean(hasNull);
        out.writeInts(levels);
        for (long[] c : cells) {
            out.writeLongs(c);
        }
        out.writeInt(firstDigit);
        out.writeLong(commonPrefix);
        out.writeInts(seen);
        out.writeDoubles(box == null ? new double[0] : box);
        out.writeInt(latDecimals);
        out.writeInt(lonDecimals);
        out.writeString(separator);
    }

    /** Reads what {@link #writeTo} wrote after the tag. */
    static LatLongEncoding readFrom(BinaryReader in) throws CorruptDataException {
        MissingValues na = MissingValues.readFrom(in);
        String partner = in.readString();
        int partnerPosition = in.readInt();
        boolean hasNull = in.readBoolean();
        int[] levels = in.readInts();
        long[][] cells = new long[levels.length][];
        for (int l = 0; l < levels.length; l++) {
            BinaryReader.require(levels[l] > 0 && levels[l] <= QuadKeys.BITS, "bad cell level");
            cells[l] = in.readLongs();
            BinaryReader.require(cells[l].length <= MAX_CELLS, "too many cells");
        }
        int first = in.readInt(0, QuadKeys.BITS - 1, "first digit");
        long prefix = in.readLong();
        int[] seen = in.readInts();
        BinaryReader.require(seen.length == QuadKeys.BITS - first, "bad digits");
        for (int mask : seen) {
            BinaryReader.require(mask > 0 && mask < 16, "bad digit set");
        }
        double[] box = in.readDoubles();
        BinaryReader.require(box.length == 0 || box.length == 4 && box[0] <= box[1] && box[2] <= box[3], "bad box");
        int latDecimals = in.readInt(0, QuadKeys.MAX_DECIMALS, "decimals");
        int lonDecimals = in.readInt(0, QuadKeys.MAX_DECIMALS, "decimals");
        String separator = in.readString();
        return new LatLongEncoding(na, partner.isEmpty() ? null : partner, partnerPosition, hasNull, levels, cells,
                first, prefix, seen, box.length == 0 ? null : box, latDecimals, lonDecimals, separator);
    }

    private int offset() {
        return hasNull ? 1 : 0;
    }

    @Override
    public String kind() {
        return "lat_long";
    }

    @Override
    public int subColumns() {
        return offset() + levels.length + seen.length;
    }

    @Override
    public String subColumnName(int s) {
        if (s < 0 || s >= subColumns()) {
            throw new IndexOutOfBoundsException("sub-column " + s);
        }
        if (s < offset()) {
            return "nan";
        }
        int l = s - offset();
        return l < levels.length ? "Q" + levels[l] : "D" + (firstDigit + l - levels.length);
    }

    @Override
    public int cardinality(int s) {
        subColumnName(s);
        if (s < offset()) {
            return 2;
        }
        int l = s - offset();
        return l < levels.length ? cells[l].length + 1 : Integer.bitCount(seen[l - levels.length]);
    }

    @Override
    public int[][] encode(String[] values, SplittableRandom rng) {
        int n = values.length;
        long[] keys = keys(values, na);
        int[][] codes = new int[subColumns()][n];
        boolean[] present = new boolean[n];
        for (int r = 0; r < n; r++) {
            long k = keys[r];
            if (k < 0) {
                if (hasNull) {
                    codes[0][r] = 1;
                }
                continue;
            }
            present[r] = true;
            int s = offset();
            for (int l = 0; l < levels.length; l++, s++) {
                int i = Arrays.binarySearch(cells[l], QuadKeys.prefix(k, levels[l]));
                codes[s][r] = i < 0 ? 0 : i + 1;
            }
            for (int p = 0; p < seen.length; p++, s++) {
                // the digits below d that occur here; a digit never seen here (not in training) is taken as the next
                int d = QuadKeys.digit(k, firstDigit + p);
                codes[s][r] = Math.min(Integer.bitCount(seen[p] & ((1 << d) - 1)), Integer.bitCount(seen[p]) - 1);
            }
        }
        Imputation.impute(codes, present, offset(), rng);
        return codes;
    }

    /** The key the digit codes {@code codes[offset ..]} spell, or -1 for missing. */
    private long key(int[] codes, int offset) {
        if (hasNull && codes[offset] == 1) {
            return -1;
        }
        // the finest cell drawn (not the sparse-cell code) fixes the digits it covers; the digit sub-columns the rest
        int known = firstDigit;
        long key = commonPrefix;
        for (int l = levels.length - 1; l >= 0; l--) {
            int code = codes[offset + offset() + l];
            if (code > 0) {
                known = levels[l];
                key = cells[l][code - 1];
                break;
            }
        }
        int s = offset + offset() + levels.length;
        for (int p = known - firstDigit; p < seen.length; p++) {
            key = (key << 2) | nthDigit(seen[p], codes[s + p]);
        }
        return key;
    }

    /** The digit of code {@code code}: the code-th set bit of {@code mask}. */
    private static int nthDigit(int mask, int code) {
        int m = mask;
        for (int i = 0; i < code; i++) {
            m &= m - 1;
        }
        return Integer.numberOfTrailingZeros(m);
    }

    private double latitude(long key) {
        double v = QuadKeys.latitude(key);
        return box == null ? v : Math.max(box[0], Math.min(box[1], v));
    }

    private double longitude(long key) {
        double v = QuadKeys.longitude(key);
        return box == null ? v : Math.max(box[2], Math.min(box[3], v));
    }

    /** One column: {@code "lat, long"} as the training wrote it (decimals, separator); missing is "". */
    @Override
    public String decode(int[] codes, int offset, SplittableRandom rng) {
        long key = key(codes, offset);
        return key < 0 ? "" : QuadKeys.format(latitude(key), latDecimals) + separator
                + QuadKeys.format(longitude(key), lonDecimals);
    }

    /** A pair of columns: {latitude, longitude} cells; missing is "". */
    public String[] decodePair(int[] codes, int offset) {
        long key = key(codes, offset);
        return key < 0 ? new String[] {"", ""} : new String[] {QuadKeys.format(latitude(key), latDecimals),
                QuadKeys.format(longitude(key), lonDecimals)};
    }

    @Override
    public boolean suppressed(int s, int code) {
        subColumnName(s);
        return false;
    }
}
