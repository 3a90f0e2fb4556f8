package dev.issosynth.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryReaderTest {
    private interface Writes {
        void to(BinaryWriter out) throws IOException;
    }

    private static byte[] written(Writes w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        w.to(new BinaryWriter(new DataOutputStream(bytes)));
        return bytes.toByteArray();
    }

    @Test
    void readsBackWhatTheWriterWrote() throws Exception {
        String long70k = "é".repeat(35_000); // 70,000 UTF-8 bytes: beyond writeUTF's limit
        byte[] b = written(out -> {
            out.writeByte(-3);
            out.writeBoolean(true);
            out.writeChar('T');
            out.writeInt(-7);
            out.writeLong(Long.MIN_VALUE);
            out.writeDouble(-0.5);
            out.writeString(long70k);
            out.writeStrings(List.of("", "a b", "日本"));
            out.writeInts(new int[] {1, -2});
            out.writeLongs(new long[] {3L << 40});
            out.writeDoubles(new double[] {Double.MAX_VALUE, 1e-300});
            out.writeFloats(new float[] {1.5f, Float.MIN_VALUE});
        });
        BinaryReader in = new BinaryReader(b);
        assertEquals(-3, in.readByte());
        assertTrue(in.readBoolean());
        assertEquals('T', in.readChar());
        assertEquals(-7, in.readInt());
        assertEquals(Long.MIN_VALUE, in.readLong());
        assertEquals(-0.5, in.readDouble());
        assertEquals(long70k, in.readString());
        assertEquals(List.of("", "a b", "日本"), in.readStrings());
        assertArrayEquals(new int[] {1, -2}, in.readInts());
        assertArrayEquals(new long[] {3L << 40}, in.readLongs());
        assertArrayEquals(new double[] {Double.MAX_VALUE, 1e-300}, in.readDoubles());
        assertArrayEquals(new float[] {1.5f, Float.MIN_VALUE}, in.readFloats());
        assertEquals(0, in.remaining());
    }

    private interface Reads {
        void from(BinaryReader in) throws CorruptDataException;
    }

    private static String failure(byte[] b, Reads r) {
        return assertThrows(CorruptDataException.class, () -> r.from(new BinaryReader(b))).getMessage();
    }

    @Test
    void countsBeyondTheRemainingBytesAndBadValuesAreCorruptData() {
        byte[] huge = ByteBuffer.allocate(12).putInt(Integer.MAX_VALUE).array();
        assertEquals("bad length 2147483647", failure(huge, BinaryReader::readDoubles));
        byte[] three = ByteBuffer.allocate(12).putInt(3).array(); // 3 doubles need 24 bytes, 8 are left
        assertEquals("bad length 3", failure(three, BinaryReader::readDoubles));
        assertEquals("bad length -1", failure(new byte[] {-1, -1, -1, -1}, BinaryReader::readString));
        assertEquals("unexpected end of data", failure(new byte[3], BinaryReader::readInt));
        assertEquals("bad boolean 2", failure(new byte[] {2}, BinaryReader::readBoolean));
        byte[] thirteen = ByteBuffer.allocate(4).putInt(13).array();
        assertEquals("bad decimals 13", failure(thirteen, in -> in.readInt(0, 12, "decimals")));
        byte[] nan = ByteBuffer.allocate(8).putDouble(Double.NaN).array();
        assertEquals("bad maximum NaN", failure(nan, in -> in.readFinite("maximum")));
    }
}
