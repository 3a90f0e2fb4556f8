package dev.issosynth.io;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Writes the primitives that {@link BinaryReader} reads back: big-endian numbers ({@link DataOutput}), booleans as
 * one byte 0/1, strings as an int byte count and UTF-8, arrays as an int element count and the elements.
 */
public final class BinaryWriter {
    private final DataOutput out;

    public BinaryWriter(DataOutput out) {
        this.out = out;
    }

    public void writeByte(int v) throws IOException {
        out.writeByte(v);
    }

    public void writeBoolean(boolean v) throws IOException {
        out.writeBoolean(v);
    }

    public void writeChar(char v) throws IOException {
        out.writeChar(v);
    }

    public void writeInt(int v) throws IOException {
        out.writeInt(v);
    }

    public void writeLong(long v) throws IOException {
        out.writeLong(v);
    }

    public void writeDouble(double v) throws IOException {
        out.writeDouble(v);
    }

    /** Not {@link DataOutput#writeUTF}: that one stops at 65,535 bytes, and a category can be longer. */
    public void writeString(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public void writeStrings(Collection<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeString(s);
        }
    }

    public void writeInts(int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    public void writeLongs(long[] a) throws IOException {
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    public void writeDoubles(double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    public void writeFloats(float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }
}
