package dev.issosynth.generator.argn;

import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.generator.argn.math.Gemms;
import dev.issosynth.generator.argn.model.FlatModel;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.io.AtomicOutput;
import dev.issosynth.io.InputException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A saved argn model: everything {@link ArgnGenerator} needs to sample without training.
 *
 * <p>Format (big-endian, {@link DataOutputStream}): the magic {@code ISSOARGN}, format version (int), model size
 * (UTF), generation batch (int), sub-column count n (int), n cardinalities (int), n column indices (int), parameter
 * count p (int), p parameters (float), header column count h (int), h column names (UTF), the fitted encodings as a
 * length-prefixed Java-serialization blob (read back with a filter that admits only issosynth and JDK value classes),
 * and last a CRC-32 (long) of all bytes before it, so a truncated or damaged file is recognised. Written atomically.
 */
public final class ArgnModelFile {
    static final byte[] MAGIC = {'I', 'S', 'S', 'O', 'A', 'R', 'G', 'N'};
    public static final int VERSION = 1;
    private static final int MAX_ARRAY = 1 << 28;

    /** A loaded model. */
    public record Loaded(Encodings encodings, FlatModel model, String[] header) {
    }

    private ArgnModelFile() {
    }

    public static void write(Path file, Encodings enc, FlatModel model, String[] header) {
        byte[] encBlob;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
                oos.writeObject(enc);
            }
            encBlob = bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the encodings: " + e, e);
        }
        int nSub = enc.subColumnCount();
        AtomicOutput.write(file, raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(model.size().name());
            out.writeInt(model.maxBatch());
            out.writeInt(nSub);
            for (int s = 0; s < nSub; s++) {
                out.writeInt(model.cardinality(s));
            }
            for (int s = 0; s < nSub; s++) {
                out.writeInt(enc.subColumns().get(s).column());
            }
            float[] params = model.params();
            out.writeInt(params.length);
            for (float v : params) {
                out.writeFloat(v);
            }
            out.writeInt(header.length);
            for (String h : header) {
                out.writeUTF(h);
            }
            out.writeInt(encBlob.length);
            out.write(encBlob);
            out.flush();
            long crc = checked.getChecksum().getValue();
            out.writeLong(crc);
            out.flush();
        });
    }

    /** Loads a saved model; an {@link InputException} with a one-line reason if it is missing, damaged or foreign. */
    public static Loaded read(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), new CRC32());
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw bad(file, "not an issosynth argn model file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw bad(file, "model file format version " + version + ", this issosynth reads version " + VERSION
                        + "; train and save the model again");
            }
            ModelSize size;
            try {
                size = ModelSize.valueOf(in.readUTF());
            } catch (IllegalArgumentException e) {
                throw bad(file, "corrupt model file (unknown model size)");
            }
            int maxBatch = in.readInt();
            int nSub = count(file, in.readInt());
            int[] cards = new int[nSub];
            int[] cols = new int[nSub];
            for (int s = 0; s < nSub; s++) {
                cards[s] = in.readInt();
            }
            for (int s = 0; s < nSub; s++) {
                cols[s] = in.readInt();
            }
            float[] params = new float[count(file, in.readInt())];
            for (int i = 0; i < params.length; i++) {
                params[i] = in.readFloat();
            }
            String[] header = new String[count(file, in.readInt())];
            for (int i = 0; i < header.length; i++) {
                header[i] = in.readUTF();
            }
            byte[] encBlob = new byte[count(file, in.readInt())];
            in.readFully(encBlob);
            long expected = checked.getChecksum().getValue();
            long stored = in.readLong();
            if (stored != expected || in.read() != -1) {
                throw bad(file, "corrupt model file (checksum mismatch)");
            }
            Encodings enc = decodeEncodings(file, encBlob);
            FlatModel model;
            try {
                model = new FlatModel(cards, cols, size, maxBatch, 0, Gemms.best());
            } catch (IllegalArgumentException e) {
                throw bad(file, "corrupt model file (" + e.getMessage() + ")");
            }
            if (model.params().length != params.length || enc.subColumnCount() != nSub) {
                throw bad(file, "corrupt model file (sizes do not match)");
            }
            for (int s = 0; s < nSub; s++) {
                if (enc.subColumns().get(s).cardinality() != cards[s]) {
                    throw bad(file, "corrupt model file (encodings do not match the model)");
                }
            }
            System.arraycopy(params, 0, model.params(), 0, params.length);
            return new Loaded(enc, model, header);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": model file not found");
        } catch (EOFException e) {
            throw bad(file, "truncated model file");
        } catch (IOException e) {
            throw bad(file, "cannot read model file: " + e);
        }
    }

    private static Encodings decodeEncodings(Path file, byte[] blob) {
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(blob))) {
            ois.setObjectInputFilter(info -> {
                Class<?> c = info.serialClass();
                if (c == null) {
                    return ObjectInputFilter.Status.UNDECIDED;
                }
                while (c.isArray()) {
                    c = c.getComponentType();
                }
                String n = c.getName();
                return c.isPrimitive() || n.startsWith("dev.issosynth.") || n.startsWith("java.lang.")
                        || n.startsWith("java.util.") ? ObjectInputFilter.Status.ALLOWED
                        : ObjectInputFilter.Status.REJECTED;
            });
            return (Encodings) ois.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw bad(file, "corrupt or incompatible model file (encodings: " + e.getMessage() + ")");
        }
    }

    private static int count(Path file, int n) {
        if (n < 0 || n > MAX_ARRAY) {
            throw bad(file, "corrupt model file (bad length " + n + ")");
        }
        return n;
    }

    private static InputException bad(Path file, String why) {
        return new InputException(file + ": " + why);
    }
}
