package dev.issosynth.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link BinaryWriter} wrote, from bytes in memory. Every read is checked against the bytes left, and a
 * count is checked before anything is allocated for it (each element takes at least one byte), so a damaged or
 * crafted file ends in a {@link CorruptDataException}, never in an out-of-memory error or a runtime exception.
 */
public final class BinaryReader {
    private final ByteBuffer buf;

    public BinaryReader(byte[] bytes) {
        this.buf = ByteBuffer.wrap(bytes);
    }

    public int remaining() {
        return buf.remaining();
    }

    /** Throws a {@link CorruptDataException} saying {@code why} unless {@code ok}. */
    public static void require(boolean ok, String why) throws CorruptDataException {
        if (!ok) {
            throw new CorruptDataException(why);
        }
    }

    private void need(long bytes) throws CorruptDataException {
        require(bytes <= buf.remaining(), "unexpected end of data");
    }

    public byte readByte() throws CorruptDataException {
        need(1);
        return buf.get();
    }

    public boolean readBoolean() throws CorruptDataException {
        byte b = readByte();
        require(b == 0 || b == 1, "bad boolean " + b);
        return b == 1;
    }

    public char readChar() throws CorruptDataException {
        need(2);
        return buf.getChar();
    }

    public int readInt() throws CorruptDataException {
        need(4);
        return buf.getInt();
    }

    /** An int in {@code [min, max]}; {@code what} names it in the error. */
    public int readInt(int min, int max, String what) throws CorruptDataException {
        int v = readInt();
        require(v >= min && v <= max, "bad " + what + " " + v);
        return v;
    }

    public long readLong() throws CorruptDataException {
        need(8);
        return buf.getLong();
    }

    public double readDouble() throws CorruptDataException {
        need(8);
        return buf.getDouble();
    }

    /** A finite double ({@code what} names it in the error). */
    public double readFinite(String what) throws CorruptDataException {
        double v = readDouble();
        require(Double.isFinite(v), "bad " + what + " " + v);
        return v;
    }

    /** An element count, at most the elements of {@code elementBytes} each that the remaining bytes can hold. */
    public int readCount(int elementBytes) throws CorruptDataException {
        int n = readInt();
        require(n >= 0 && (long) n * elementBytes <= buf.remaining(), "bad length " + n);
        return n;
    }

    public String readString() throws CorruptDataException {
        byte[] b = new byte[readCount(1)];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public List<String> readStrings() throws CorruptDataException {
        int n = readCount(4); // each string has at least its length
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readString());
        }
        return out;
    }

    public int[] readInts() throws CorruptDataException {
        int[] a = new int[readCount(4)];
        buf.asIntBuffer().get(a);
        buf.position(buf.position() + 4 * a.length);
        return a;
    }

    public long[] readLongs() throws CorruptDataException {
        long[] a = new long[readCount(8)];
        buf.asLongBuffer().get(a);
        buf.position(buf.position() + 8 * a.length);
        return a;
    }

    public double[] readDoubles() throws CorruptDataException {
        double[] a = new double[readCount(8)];
        buf.asDoubleBuffer().get(a);
        buf.position(buf.position() + 8 * a.length);
        return a;
    }

    public float[] readFloats() throws CorruptDataException {
        float[] a = new float[readCount(4)];
        buf.asFloatBuffer().get(a);
        buf.position(buf.position() + 4 * a.length);
        return a;
    }
}
