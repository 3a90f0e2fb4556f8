package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import dev.issosynth.schema.MissingValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * NUMERIC_DIGIT: sub-columns {@code nan} (if missing values occurred), {@code neg} (if negatives occurred), then
 * one per digit position {@code E{max}} … {@code E{min}}, most significant first. {@code min} is the lowest
 * position holding a non-zero digit in some training value (≥ -8; 0 if none); {@code max} is
 * floor(log10(max(|lo|,|hi|))) of the protected range when that is ≥ 10 (else 0), at least {@code min}, at most 18.
 * A position's code is digit − (smallest digit seen there), clamped to the range seen. Values are clipped to the
 * protected [lo, hi] before encoding and after decoding; decoded values are rounded to 10^min.
 */
public final class NumericDigitEncoding implements ColumnEncoding {
    /** Model file type tag. */
    static final byte TAG = 3;

    private final boolean hasNull;
    private final boolean hasNeg;
    private final int maxDecimal;
    private final int minDecimal;
    /** Per digit sub-column (most significant first): smallest and largest digit. */
    private final int[] dmin;
    private final int[] dmax;
    private final double lo;
    private final double hi;
    private final NumberText text;
    private final MissingValues na;
    private final List<String> names = new ArrayList<>();

    private NumericDigitEncoding(boolean hasNull, boolean hasNeg, int maxDecimal, int minDecimal, int[] dmin,
            int[] dmax, double lo, double hi, NumberText text, MissingValues na) {
        this.hasNull = hasNull;
        this.hasNeg = hasNeg;
        this.maxDecimal = maxDecimal;
        this.minDecimal = minDecimal;
        this.dmin = dmin;
        this.dmax = dmax;
        this.lo = lo;
        this.hi = hi;
        this.text = text;
        this.na = na;
        if (hasNull) {
            names.add("nan");
        }
        if (hasNeg) {
            names.add("neg");
        }
        for (int pos = maxDecimal; pos >= minDecimal; pos--) {
            names.add("E" + pos);
        }
    }

    static NumericDigitEncoding fit(NumericEncoding.Analysis a, double lo, double hi, MissingValues na) {
        int min = a.minDecimal();
        double maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
        int top = maxAbs >= 10 ? (int) Math.floor(Math.log10(maxAbs)) : 0;
        int max = Math.min(Math.max(min, top), NumericEncoding.MAX_POSITION);
        return new NumericDigitEncoding(a.hasNull, a.hasNeg, max, min, digitBounds(max, min, a.minDigit),
                digitBounds(max, min, a.maxDigit), lo, hi, a.text, na);
    }

    /** Per digit sub-column (most significant first), the digit bound at its position. */
    private static int[] digitBounds(int maxDecimal, int minDecimal, int[] byPosition) {
        int[] out = new int[maxDecimal - minDecimal + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = byPosition[NumericEncoding.MAX_POSITION - (maxDecimal - i)];
        }
        return out;
    }

    /**
     * Tag, missing-value tokens, hasNull, hasNeg (booleans), max and min digit position (ints), per digit
     * sub-column the smallest and the largest digit (ints each), lo, hi (doubles), number text.
     */
    @Override
    public void writeTo(BinaryWriter out) throws IOException {
        out.writeByte(TAG);
        na.writeTo(out);
        out.writeBoolean(hasNull);
        out.writeBoolean(hasNeg);
        out.writeInt(maxDecimal);
        out.writeInt(minDecimal);
        out.writeInts(dmin);
        out.writeInts(dmax);
        out.writeDouble(lo);
        out.writeDouble(hi);
        text.writeTo(out);
    }

    /** Reads what {@link #writeTo} wrote after the tag. */
    static NumericDigitEncoding readFrom(BinaryReader in) throws CorruptDataException {
        MissingValues na = MissingValues.readFrom(in);
        boolean hasNull = in.readBoolean();
        boolean hasNeg = in.readBoolean();
        int max = in.readInt(NumericEncoding.MIN_POSITION, NumericEncoding.MAX_POSITION, "digit position");
        int min = in.readInt(NumericEncoding.MIN_POSITION, max, "digit position");
        int[] dmin = in.readInts();
        int[] dmax = in.readInts();
        BinaryReader.require(dmin.length == max - min + 1 && dmax.length == dmin.length, "bad digit count");
        for (int i = 0; i < dmin.length; i++) {
            BinaryReader.require(0 <= dmin[i] && dmin[i] <= dmax[i] && dmax[i] <= 9, "bad digit range");
        }
        double lo = in.readFinite("minimum");
        double hi = in.readFinite("maximum");
        BinaryReader.require(lo <= hi, "minimum above maximum");
        return new NumericDigitEncoding(hasNull, hasNeg, max, min, dmin, dmax, lo, hi, NumberText.readFrom(in), na);
    }

    private int digitOffset() {
        return (hasNull ? 1 : 0) + (hasNeg ? 1 : 0);
    }

    public int maxDecimal() {
        return maxDecimal;
    }

    public int minDecimal() {
        return minDecimal;
    }

    /** The protected {@code {min, max}}. */
    public double[] range() {
        return new double[] {lo, hi};
    }

    @Override
    public String kind() {
        return "numeric_digit";
    }

    @Override
    public int subColumns() {
        return names.size();
    }

    @Override
    public String subColumnName(int s) {
        return names.get(s);
    }

    @Override
    public int cardinality(int s) {
        int off = digitOffset();
        if (s < off) {
            names.get(s);
            return 2;
        }
        return dmax[s - off] - dmin[s - off] + 1;
    }

    @Override
    public int[][] encode(String[] cells, SplittableRandom rng) {
        NumericEncoding.Analysis parsed = new NumericEncoding.Analysis(cells, na);
        int n = cells.length;
        int[][] codes = new int[subColumns()][n];
        int off = digitOffset();
        for (int r = 0; r < n; r++) {
            if (!parsed.present[r]) {
                if (hasNull) {
                    codes[0][r] = 1;
                }
                continue;
            }
            double v = NumericEncoding.clip(parsed.x[r], lo, hi);
            if (hasNeg) {
                codes[hasNull ? 1 : 0][r] = v < 0 ? 1 : 0;
            }
            char[] d = NumericEncoding.digits(v);
            for (int i = 0; i < dmin.length; i++) {
                int digit = d[NumericEncoding.MAX_POSITION - (maxDecimal - i)] - '0';
                codes[off + i][r] = Math.max(0, Math.min(dmax[i] - dmin[i], digit - dmin[i]));
            }
        }
        Imputation.impute(codes, parsed.present, hasNull ? 1 : 0, rng);
        return codes;
    }

    @Override
    public String decode(int[] c, int offset, SplittableRandom rng) {
        if (hasNull && c[offset] == 1) {
            return "";
        }
        int off = digitOffset();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < dmin.length; i++) {
            int digit = c[offset + off + i] + dmin[i];
            sum = sum.add(BigDecimal.valueOf(digit).scaleByPowerOfTen(maxDecimal - i));
        }
        if (hasNeg && c[offset + (hasNull ? 1 : 0)] == 1) {
            sum = sum.negate();
        }
        BigDecimal min = BigDecimal.valueOf(lo);
        BigDecimal max = BigDecimal.valueOf(hi);
        if (sum.compareTo(min) < 0) {
            sum = min;
        } else if (sum.compareTo(max) > 0) {
            sum = max;
        }
        return text.format(sum.setScale(-minDecimal, RoundingMode.HALF_UP));
    }

    @Override
    public boolean suppressed(int s, int code) {
        names.get(s);
        return false;
    }
}
