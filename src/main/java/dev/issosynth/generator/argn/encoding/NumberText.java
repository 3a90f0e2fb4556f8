package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The text form of a numeric column: how many decimals the training file writes at most. Output is always plain
 * (no exponent): an integer column ({@code 0} decimals, including one written as {@code 1e+05}) decodes to
 * integers like {@code 100000}; otherwise every value gets that many decimals ({@code 1.5} in a column that also
 * has {@code 2.25} comes back as {@code 1.50}).
 */
final class NumberText {
    /** Cap on output decimals (beyond the engine's lowest digit position, E-8, plus slack). */
    static final int MAX_DECIMALS = 12;

    private final int decimals;

    NumberText(int decimals) {
        this.decimals = decimals;
    }

    int decimals() {
        return decimals;
    }

    /** The decimals (int). */
    void writeTo(BinaryWriter out) throws IOException {
        out.writeInt(decimals);
    }

    static NumberText readFrom(BinaryReader in) throws CorruptDataException {
        return new NumberText(in.readInt(0, MAX_DECIMALS, "decimals"));
    }

    /** Decimals a cell is written with: digits after the point minus the exponent, at least 0. */
    static int decimalsOf(String cell) {
        String s = cell.strip();
        int e = Math.max(s.indexOf('e'), s.indexOf('E'));
        int exponent = 0;
        String mantissa = s;
        if (e >= 0) {
            String exp = s.substring(e + 1);
            if (exp.startsWith("+")) {
                exp = exp.substring(1);
            }
            try {
                exponent = Integer.parseInt(exp);
            } catch (NumberFormatException ex) {
                exponent = 0;
            }
            mantissa = s.substring(0, e);
        }
        int dot = mantissa.indexOf('.');
        int fraction = dot < 0 ? 0 : mantissa.length() - dot - 1;
        return Math.max(0, Math.min(MAX_DECIMALS, fraction - exponent));
    }

    /** The largest {@link #decimalsOf} over the non-missing cells. */
    static NumberText of(String[] cells, boolean[] present) {
        int d = 0;
        for (int r = 0; r < cells.length; r++) {
            if (present[r]) {
                d = Math.max(d, decimalsOf(cells[r]));
            }
        }
        return new NumberText(d);
    }

    String format(double v) {
        if (decimals == 0 && v == Math.rint(v) && Math.abs(v) < 0x1p53) {
            return Long.toString((long) v); // a whole number printed as an integer: the common case, no BigDecimal
        }
        return format(BigDecimal.valueOf(v));
    }

    String format(BigDecimal v) {
        BigDecimal r = v.setScale(decimals, RoundingMode.HALF_UP);
        if (r.signum() == 0) {
            r = r.abs();
        }
        return r.toPlainString();
    }
}
