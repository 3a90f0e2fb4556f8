package dev.issosynth.io;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Writes a table (its text cells) as Parquet, Snappy-compressed, atomically: each column with the type a template
 * gives it (the training file's own schema, so types survive the round trip), or, without one, the narrowest of
 * BOOLEAN, INT64, DOUBLE, DATE, TIMESTAMP and STRING that holds every value. A column whose values do not fit its
 * template type (a generated {@code 3.5} in an integer column) is written as DOUBLE, or STRING, and named in the
 * returned notes. Missing cells are nulls.
 */
public final class ParquetOutput {
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm").optionalStart().appendPattern(":ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().optionalEnd()
            .toFormatter(Locale.ROOT);

    private ParquetOutput() {
    }

    /** A Parquet file's schema: the column types to write a table like it back with. */
    public static MessageType schemaOf(Path parquet) {
        try (ParquetPages p = ParquetPages.open(parquet)) {
            return p.schema();
        } catch (IOException e) {
            throw new InputException(parquet + ": cannot read the Parquet file: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code table} to {@code out}; {@code template} may be null or lack columns (then inferred).
     *
     * @return one note per column written with another type than its template's
     */
    public static List<String> write(RawTable table, Path out, MessageType template, Predicate<String> missing) {
        List<String> notes = new ArrayList<>();
        Types.MessageTypeBuilder schema = Types.buildMessage();
        PrimitiveType[] types = new PrimitiveType[table.columnCount()];
        for (int c = 0; c < types.length; c++) {
            String name = table.name(c);
            PrimitiveType wanted = template != null && template.containsField(name)
                    && template.getType(name).isPrimitive() ? template.getType(name).asPrimitiveType() : null;
            types[c] = choose(name, table.column(c), wanted, missing, notes);
            schema.addField(types[c]);
        }
        MessageType type = schema.named("result");
        Path dir = out.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
            Files.delete(temp);
            SimpleGroupFactory rows = new SimpleGroupFactory(type);
            try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(temp))
                    .withConf(new PlainParquetConfiguration()).withType(type)
                    .withCodecFactory(new ParquetCodecs()).withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
                for (int r = 0; r < table.rowCount(); r++) {
                    Group g = rows.newGroup();
                    for (int c = 0; c < types.length; c++) {
                        String cell = table.cell(c, r);
                        if (!missing.test(cell)) {
                            add(g, c, types[c], cell);
                        }
                    }
                    w.write(g);
                }
            }
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return notes;
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                temp.toFile().delete();
            }
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException(out + ": cannot write the Parquet file: " + e.getMessage(), e);
        }
    }

    /** The template's type when every value fits it, else the narrowest that holds them all. */
    private static PrimitiveType choose(String name, String[] cells, PrimitiveType wanted, Predicate<String> missing,
                                        List<String> notes) {
        if (wanted != null) {
            PrimitiveType optional = Types.optional(wanted.getPrimitiveTypeName() == PrimitiveTypeName.INT96
                    ? PrimitiveTypeName.INT64 : wanted.getPrimitiveTypeName())
                    .length(wanted.getTypeLength())
                    .as(wanted.getPrimitiveTypeName() == PrimitiveTypeName.INT96
                            ? LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)
                            : wanted.getLogicalTypeAnnotation())
                    .named(name);
            if (allFit(cells, optional, missing)) {
                return optional;
            }
            PrimitiveType fallback = inferred(name, cells, missing);
            notes.add(name + ": written as " + fallback.getPrimitiveTypeName() + " instead of "
                    + wanted.getPrimitiveTypeName() + (wanted.getLogicalTypeAnnotation() == null ? ""
                    : " (" + wanted.getLogicalTypeAnnotation() + ")") + ": not every value fits");
            return fallback;
        }
        return inferred(name, cells, missing);
    }

    private static PrimitiveType inferred(String name, String[] cells, Predicate<String> missing) {
        for (PrimitiveType t : List.of(
                Types.optional(PrimitiveTypeName.BOOLEAN).named(name),
                Types.optional(PrimitiveTypeName.INT64).named(name),
                Types.optional(PrimitiveTypeName.DOUBLE).named(name),
                Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name),
                Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(false,
                        LogicalTypeAnnotation.TimeUnit.MICROS)).named(name))) {
            if (allFit(cells, t, missing)) {
                return t;
            }
        }
        return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }

    private static boolean allFit(String[] cells, PrimitiveType t, Predicate<String> missing) {
        boolean any = false;
        for (String cell : cells) {
            if (missing.test(cell)) {
                continue;
            }
            any = true;
            try {
                value(t, cell);
            } catch (RuntimeException e) {
                return false;
            }
        }
        // a column of nothing but missing cells is a string column, not whatever was tried first
        return any || t.getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
    }

    private static void add(Group g, int c, PrimitiveType t, String cell) {
        Object v = value(t, cell);
        if (v instanceof Boolean b) {
            g.add(c, b);
        } else if (v instanceof Integer i) {
            g.add(c, i);
        } else if (v instanceof Long l) {
            g.add(c, l);
        } else if (v instanceof Float f) {
            g.add(c, f);
        } else if (v instanceof Double d) {
            g.add(c, d);
        } else {
            g.add(c, (Binary) v);
        }
    }

    /** The cell as a value of type {@code t}; a RuntimeException when it does not fit. */
    private static Object value(PrimitiveType t, String cell) {
        LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
        String s = cell.strip();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            BigDecimal unscaled = new BigDecimal(s).setScale(d.getScale()); // ArithmeticException if it would round
            return switch (t.getPrimitiveTypeName()) {
                case INT32 -> unscaled.unscaledValue().intValueExact();
                case INT64 -> unscaled.unscaledValue().longValueExact();
                default -> fixed(unscaled.unscaledValue().toByteArray(), t);
            };
        }
        return switch (t.getPrimitiveTypeName()) {
            case BOOLEAN -> {
                if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("not a boolean");
                }
                yield Boolean.parseBoolean(s);
            }
            case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                    ? (int) LocalDate.parse(s).toEpochDay() : new BigDecimal(s).intValueExact();
            case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                    ? timestamp(s, ts.getUnit()) : new BigDecimal(s).longValueExact();
            case FLOAT -> Float.parseFloat(s);
            case DOUBLE -> Double.parseDouble(s);
            case FIXED_LEN_BYTE_ARRAY -> logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation
                    ? uuid(s) : fixed(cell.getBytes(java.nio.charset.StandardCharsets.UTF_8), t);
            default -> Binary.fromString(cell);
        };
    }

    private static long timestamp(String s, LogicalTypeAnnotation.TimeUnit unit) {
        String t = s.length() == 10 ? s + " 00:00" : s.replace('T', ' ');
        var at = LocalDateTime.parse(t, DATE_TIME).toInstant(ZoneOffset.UTC);
        return switch (unit) {
            case MILLIS -> at.toEpochMilli();
            case MICROS -> Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
            case NANOS -> Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
        };
    }

    private static Binary uuid(String s) {
        UUID u = UUID.fromString(s);
        return Binary.fromConstantByteArray(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }

    /** Big-endian two's complement bytes sign-extended to the column's fixed length. */
    private static Binary fixed(byte[] bytes, PrimitiveType t) {
        int n = t.getTypeLength();
        if (t.getPrimitiveTypeName() != PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY || n <= 0) {
            return Binary.fromConstantByteArray(bytes);
        }
        if (bytes.length > n) {
            throw new IllegalArgumentException("too long for the fixed length");
        }
        byte[] out = new byte[n];
        byte pad = bytes.length > 0 && bytes[0] < 0 ? (byte) -1 : 0;
        java.util.Arrays.fill(out, 0, n - bytes.length, pad);
        System.arraycopy(bytes, 0, out, n - bytes.length, bytes.length);
        return Binary.fromConstantByteArray(out);
    }
}
