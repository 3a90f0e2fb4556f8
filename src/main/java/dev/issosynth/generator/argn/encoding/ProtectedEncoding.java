package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A numeric or datetime column whose every value is protected: with value protection on and fewer than 20
 * non-missing values, the engine releases no min/max. We then release nothing at all: one sub-column with the
 * single code 0, which always decodes to missing (empty). (The engine's binned encoding ends up the same way:
 * no bins, only special tokens, every value decoded as null.)
 */
public final class ProtectedEncoding implements ColumnEncoding {
    /** Model file type tag. */
    static final byte TAG = 6;

    private final String subColumnName;

    ProtectedEncoding(String subColumnName) {
        this.subColumnName = subColumnName;
    }

    /** Tag, sub-column name (string). */
    @Override
    public void writeTo(BinaryWriter out) throws IOException {
        out.writeByte(TAG);
        out.writeString(subColumnName);
    }

    /** Reads what {@link #writeTo} wrote after the tag. */
    static ProtectedEncoding readFrom(BinaryReader in) throws CorruptDataException {
        return new ProtectedEncoding(in.readString());
    }

    @Override
    public String kind() {
        return "protected";
    }

    @Override
    public int subColumns() {
        return 1;
    }

    @Override
    public String subColumnName(int s) {
        if (s != 0) {
            throw new IndexOutOfBoundsException("sub-column " + s);
        }
        return subColumnName;
    }

    @Override
    public int cardinality(int s) {
        subColumnName(s);
        return 1;
    }

    @Override
    public int[][] encode(String[] values, SplittableRandom rng) {
        return new int[][] {new int[values.length]};
    }

    @Override
    public String decode(int[] codes, int offset, SplittableRandom rng) {
        return "";
    }

    @Override
    public boolean suppressed(int s, int code) {
        subColumnName(s);
        return false;
    }
}
