package dev.issosynth.generator.argn;

import dev.issosynth.generator.argn.encoding.Encodings;
import dev.issosynth.math.Gemms;
import dev.issosynth.generator.argn.model.FlatModel;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.io.AtomicOutput;
import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import dev.issosynth.io.InputException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * <p>Format version 3, big-endian, in the primitives of {@link BinaryWriter} (booleans one byte; strings an int byte
 * count and UTF-8; arrays an int element count and the elements):
 * <ol>
 * <li>the magic {@code ISSOARGN} (8 bytes), the format version (int), the length of the whole file in bytes
 * (long);</li>
 * <li>the model size (string), the generation batch (int), the cardinality of each sub-column (ints), the column
 * index of each sub-column (ints);</li>
 * <li>the encodings ({@link Encodings#writeTo}: seed, then per column its name (the header of the training table),
 * a type tag and that type's fields, documented on each type's {@code writeTo});</li>
 * <li>the model parameters (floats);</li>
 * <li>a CRC-32 (long) of all bytes before it.</li>
 * </ol>
 * Reading checks the length and the checksum before it parses anything, so a truncated or damaged file is reported
 * as such; the parse then checks every count, tag and range (a count never allocates more than the file holds), so
 * even a crafted file with a valid checksum ends in a one-line {@link InputException}. Version 1 stored the
 * encodings as Java serialization; version 2 had no decade sub-column for dates. Neither is read (retrain). Written
 * atomically.
 */
public final class ArgnModelFile {
    static final byte[] MAGIC = {'I', 'S', 'S', 'O', 'A', 'R', 'G', 'N'};
    public static final int VERSION = 3;
    /** Magic, version and length. */
    private static final int HEADER_BYTES = MAGIC.length + 4 + 8;
    private static final int CHECKSUM_BYTES = 8;
    /** The trainer's batch capacity is at most a few thousand rows; the batch sizes buffers, so far more is damage. */
    private static final int MAX_BATCH = 1 << 16;

    /** A loaded model; the header is the training table's (the encodings' column names). */
    public record Loaded(Encodings encodings, FlatModel model, String[] header) {
    }

    private ArgnModelFile() {
    }

    public static void write(Path file, Encodings enc, FlatModel model) {
        byte[] description = description(enc, model);
        float[] params = model.params();
        long length = HEADER_BYTES + description.length + 4 + 4L * params.length + CHECKSUM_BYTES;
        AtomicOutput.write(file, raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(length);
            out.write(description);
            new BinaryWriter(out).writeFloats(params);
            out.writeLong(checked.getChecksum().getValue());
            out.flush();
        });
    }

    /** Everything between the header and the parameters, in memory so that the file length is known up front. */
    private static byte[] description(Encodings enc, FlatModel model) {
        int nSub = enc.subColumnCount();
        int[] cards = new int[nSub];
        int[] cols = new int[nSub];
        for (int s = 0; s < nSub; s++) {
            cards[s] = model.cardinality(s);
            cols[s] = enc.subColumns().get(s).column();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryWriter out = new BinaryWriter(new DataOutputStream(bytes));
        try {
            out.writeString(model.size().name());
            out.writeInt(model.maxBatch());
            out.writeInts(cards);
            out.writeInts(cols);
            enc.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** Loads a saved model; an {@link InputException} with a one-line reason if it is missing, damaged or foreign. */
    public static Loaded read(Path file) {
        try {
            byte[] body = readBody(file);
            return parse(new BinaryReader(body));
        } catch (CorruptDataException e) {
            throw bad(file, "corrupt model file (" + e.getMessage() + ")");
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": model file not found");
        } catch (EOFException e) {
            throw bad(file, "truncated model file");
        } catch (IOException e) {
            throw bad(file, "cannot read model file: " + e);
        }
    }

    /** Checks magic, version, length and checksum; returns the bytes between the header and the checksum. */
    private static byte[] readBody(Path file) throws IOException, CorruptDataException {
        long size = Files.size(file);
        try (InputStream raw = Files.newInputStream(file)) {
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), new CRC32());
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw bad(file, "not an issosynth argn model file");
            }
            int version = in.readInt();
            if (version == 1) {
                throw bad(file, "model file format version 1 was written by an older issosynth; retrain with"
                        + " --save-model");
            }
            if (version != VERSION) {
                throw bad(file, "model file format version " + version + ", this issosynth reads version " + VERSION
                        + "; train and save the model again");
            }
            long length = in.readLong();
            if (size < length) {
                throw bad(file, "truncated model file (" + size + " of " + length + " bytes)");
            }
            BinaryReader.require(size == length, "the file has " + size + " bytes, its header says " + length);
            BinaryReader.require(length >= HEADER_BYTES + CHECKSUM_BYTES
                    && length - HEADER_BYTES - CHECKSUM_BYTES <= Integer.MAX_VALUE - 8, "bad length " + length);
            byte[] body = new byte[(int) (length - HEADER_BYTES - CHECKSUM_BYTES)];
            in.readFully(body);
            long expected = checked.getChecksum().getValue();
            BinaryReader.require(in.readLong() == expected, "checksum mismatch");
            return body;
        }
    }

    private static Loaded parse(BinaryReader in) throws CorruptDataException {
        ModelSize size = modelSize(in.readString());
        int maxBatch = in.readInt(1, MAX_BATCH, "generation batch");
        int[] cards = in.readInts();
        int[] cols = in.readInts();
        Encodings enc = Encodings.readFrom(in);
        float[] params = in.readFloats();
        BinaryReader.require(in.remaining() == 0, "bytes after the parameters");
        BinaryReader.require(cards.length == cols.length && enc.subColumnCount() == cards.length,
                "sizes do not match");
        long codes = 0;
        for (int s = 0; s < cards.length; s++) {
            Encodings.SubColumn sub = enc.subColumns().get(s);
            BinaryReader.require(sub.cardinality() == cards[s] && sub.column() == cols[s],
                    "encodings do not match the model");
            codes += cards[s];
        }
        // every code has an embedding parameter: checked before the cardinalities size the model's buffers
        BinaryReader.require(codes <= params.length, "sizes do not match");
        FlatModel model;
        try {
            model = new FlatModel(cards, cols, size, maxBatch, 0, Gemms.best());
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(e.getMessage());
        }
        BinaryReader.require(model.params().length == params.length, "sizes do not match");
        System.arraycopy(params, 0, model.params(), 0, params.length);
        return new Loaded(enc, model, enc.outputHeader());
    }

    private static ModelSize modelSize(String name) throws CorruptDataException {
        try {
            return ModelSize.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("unknown model size");
        }
    }

    private static InputException bad(Path file, String why) {
        return new InputException(file + ": " + why);
    }
}
