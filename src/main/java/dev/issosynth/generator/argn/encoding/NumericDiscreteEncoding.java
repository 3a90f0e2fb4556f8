package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Numbers;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * NUMERIC_DISCRETE: one sub-column {@code cat}, codes {@code _RARE_} (0), {@code <<NULL>>} (1) if missing values
 * occurred, then the kept distinct values in increasing order. {@code _RARE_} is always suppressed; decoded anyway
 * it becomes missing if there is a NULL code, else a random kept value.
 */
public final class NumericDiscreteEncoding implements ColumnEncoding {
    /** Model file type tag. */
    static final byte TAG = 2;

    private final boolean hasNull;
    private final double[] values;
    private final Map<Double, Integer> codes;
    private final NumberText text;
    private final MissingValues na;

    NumericDiscreteEncoding(boolean hasNull, double[] values, NumberText text, MissingValues na) {
        this.hasNull = hasNull;
        this.values = values;
        this.text = text;
        this.na = na;
        this.codes = NumericEncoding.codeMap(values, first());
    }

    /** Tag, missing-value tokens, hasNull (boolean), kept values (doubles, finite), number text. */
    @Override
    public void writeTo(BinaryWriter out) throws IOException {
        out.writeByte(TAG);
        na.writeTo(out);
        out.writeBoolean(hasNull);
        out.writeDoubles(values);
        text.writeTo(out);
    }

    /** Reads what {@link #writeTo} wrote after the tag. */
    static NumericDiscreteEncoding readFrom(BinaryReader in) throws CorruptDataException {
        MissingValues na = MissingValues.readFrom(in);
        boolean hasNull = in.readBoolean();
        double[] values = in.readDoubles();
        for (double v : values) {
            BinaryReader.require(Double.isFinite(v), "bad value " + v);
        }
        return new NumericDiscreteEncoding(hasNull, values, NumberText.readFrom(in), na);
    }

    private int first() {
        return hasNull ? 2 : 1;
    }

    /** The kept values in code order (a copy). */
    public double[] values() {
        return values.clone();
    }

    @Override
    public String kind() {
        return "numeric_discrete";
    }

    @Override
    public int orderedFrom(int s) {
        for (int i = 1; i < values.length; i++) {
            if (!(values[i - 1] < values[i])) {
                return -1;
            }
        }
        return first(); // the kept values, ascending, after the special codes
    }

    @Override
    public int subColumns() {
        return 1;
    }

    @Override
    public String subColumnName(int s) {
        check(s);
        return "cat";
    }

    @Override
    public int cardinality(int s) {
        check(s);
        return first() + values.length;
    }

    @Override
    public int[][] encode(String[] cells, SplittableRandom rng) {
        int[] out = new int[cells.length];
        for (int r = 0; r < cells.length; r++) {
            double v = na.isMissing(cells[r]) ? Double.NaN : Numbers.parse(cells[r]);
            if (Double.isNaN(v)) {
                out[r] = hasNull ? 1 : 0;
            } else {
                Integer c = codes.get(v + 0.0);
                out[r] = c == null ? 0 : c;
            }
        }
        return new int[][] {out};
    }

    @Override
    public String decode(int[] c, int offset, SplittableRandom rng) {
        int code = c[offset];
        if (code == 0) {
            if (hasNull || values.length == 0) {
                return "";
            }
            return text.format(values[rng.nextInt(values.length)]);
        }
        if (hasNull && code == 1) {
            return "";
        }
        return text.format(values[code - first()]);
    }

    @Override
    public boolean suppressed(int s, int code) {
        check(s);
        return code == 0;
    }

    private static void check(int s) {
        if (s != 0) {
            throw new IndexOutOfBoundsException("sub-column " + s);
        }
    }
}
