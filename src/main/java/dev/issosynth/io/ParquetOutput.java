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
import java.nio.file.Path;
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
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Writes a table (its text cells) as Parquet, Snappy-compressed, atomically: each column with the type a template
 * gives it (the training file's own schema, so types survive the round trip), or, without one, the narrowest of
 * BOOLEAN, INT64, DOUBLE, DATE, TIMESTAMP and STRING that holds every value. A column whose values do not fit its
 * template type (a generated {@code 3.5} in an integer column) is written as DOUBLE, or STRING, and named in the
 * returned notes. Missing cells are nulls (each column asked by name which texts are missing in it). Dates are
 * recognised in ISO only: a date column written in another format stays text, as written.
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
     * Writes {@code table} to {@code out}; {@code template} may be null or lack columns (then inferred);
     * {@code missing} gives each column (by name) the test of its missing cells.
     *
     * @return one note per column written with another type than its template's
     */
    public static List<String> write(RawTable table, Path out, MessageType template,
                                     Function<String, Predicate<String>> missing) {
        Fit[] fits = fits(table.header(), template, missing);
        for (int c = 0; c < fits.length; c++) {
            for (String cell : table.column(c)) {
                fits[c].accept(cell);
            }
        }
        List<String> notes = new ArrayList<>();
        MessageType type = typeOf(fits, notes);
        writeAtomically(out, type, fits, w -> {
            String[] row = new String[fits.length];
            for (int r = 0; r < table.rowCount(); r++) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = table.cell(c, r);
                }
                w.accept(row);
            }
        });
        return notes;
    }

    /**
     * As {@link #write(RawTable, Path, MessageType, Function)} for a CSV file too large to hold (a pool): read
     * twice, once to choose the types, once to write.
     */
    public static List<String> convert(Path csv, Path out, MessageType template,
                                       Function<String, Predicate<String>> missing) {
        String[] header = CsvReader.readHeader(csv);
        Fit[] fits = fits(header, template, missing);
        CsvReader.stream(csv, header, 4096, (first, chunk, count) -> {
            for (int i = 0; i < count; i++) {
                for (int c = 0; c < fits.length; c++) {
                    fits[c].accept(chunk[i][c]);
                }
            }
        });
        List<String> notes = new ArrayList<>();
        MessageType type = typeOf(fits, notes);
        writeAtomically(out, type, fits, w -> CsvReader.stream(csv, header, 4096, (first, chunk, count) -> {
            for (int i = 0; i < count; i++) {
                w.accept(chunk[i]);
            }
        }));
        return notes;
    }

    private static Fit[] fits(String[] header, MessageType template, Function<String, Predicate<String>> missing) {
        Fit[] fits = new Fit[header.length];
        for (int c = 0; c < header.length; c++) {
            String name = header[c];
            PrimitiveType wanted = template != null && template.containsField(name)
                    && template.getType(name).isPrimitive() ? template.getType(name).asPrimitiveType() : null;
            fits[c] = new Fit(name, wanted, missing.apply(name));
        }
        return fits;
    }

    private static MessageType typeOf(Fit[] fits, List<String> notes) {
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (Fit f : fits) {
            schema.addField(f.result(notes));
        }
        return schema.named("table");
    }

    private static void writeAtomically(Path out, MessageType type, Fit[] fits,
                                        java.util.function.Consumer<java.util.function.Consumer<String[]>> rows) {
        // the tool's atomic output: a pid-tagged temp file that a signal removes and a later run recognises
        AtomicFile file = AtomicFile.create(out);
        Path temp = file.temp;
        boolean done = false;
        try {
            SimpleGroupFactory groups = new SimpleGroupFactory(type);
            List<PrimitiveType> types = new ArrayList<>();
            for (Type t : type.getFields()) {
                types.add(t.asPrimitiveType());
            }
            try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(temp))
                    .withConf(new PlainParquetConfiguration()).withType(type)
                    .withCodecFactory(new ParquetCodecs()).withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
                rows.accept(row -> {
                    Group g = groups.newGroup();
                    for (int c = 0; c < row.length; c++) {
                        if (!fits[c].missing.test(row[c])) {
                            add(g, c, types.get(c), row[c]);
                        }
                    }
                    try {
                        w.write(g);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            file.commit();
            done = true;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) {
                throw ie;
            }
            Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
            throw new InputException(out + ": cannot write the Parquet file: " + cause.getMessage(), e);
        } finally {
            if (!done) {
                file.discard();
            }
        }
    }

    /**
     * Which type a column's values fit: the template's if they all do, else the narrowest of BOOLEAN, INT64, DOUBLE,
     * DATE and TIMESTAMP that holds them, else STRING. Fed one cell at a time, so a file can stream through it.
     */
    private static final class Fit {
        private final String name;
        private final PrimitiveType wanted;
        private final Predicate<String> missing;
        private final PrimitiveType[] candidates;
        private final boolean[] fits;
        private boolean any;

        Fit(String name, PrimitiveType wanted, Predicate<String> missing) {
            this.name = name;
            this.wanted = wanted;
            this.missing = missing;
            List<PrimitiveType> c = new ArrayList<>();
            if (wanted != null) {
                c.add(Types.optional(wanted.getPrimitiveTypeName() == PrimitiveTypeName.INT96
                                ? PrimitiveTypeName.INT64 : wanted.getPrimitiveTypeName())
                        .length(wanted.getTypeLength())
                        .as(wanted.getPrimitiveTypeName() == PrimitiveTypeName.INT96
                                ? LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)
                                : wanted.getLogicalTypeAnnotation())
                        .named(name));
            }
            c.add(Types.optional(PrimitiveTypeName.BOOLEAN).named(name));
            c.add(Types.optional(PrimitiveTypeName.INT64).named(name));
            c.add(Types.optional(PrimitiveTypeName.DOUBLE).named(name));
            c.add(Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name));
            c.add(Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(false,
                    LogicalTypeAnnotation.TimeUnit.MICROS)).named(name));
            candidates = c.toArray(PrimitiveType[]::new);
            fits = new boolean[candidates.length];
            java.util.Arrays.fill(fits, true);
        }

        void accept(String cell) {
            if (missing.test(cell)) {
                return;
            }
            any = true;
            for (int i = 0; i < candidates.length; i++) {
                if (fits[i]) {
                    try {
                        value(candidates[i], cell);
                    } catch (RuntimeException e) {
                        fits[i] = false;
                    }
                }
            }
        }

        PrimitiveType result(List<String> notes) {
            if (wanted != null && fits[0]) {
                return candidates[0];
            }
            PrimitiveType chosen = Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named(name);
            // a column of nothing but missing cells keeps its template type, or is a string column
            for (int i = wanted == null ? 0 : 1; any && i < candidates.length; i++) {
                if (fits[i]) {
                    chosen = candidates[i];
                    break;
                }
            }
            if (wanted != null) {
                notes.add(name + ": written as " + chosen.getPrimitiveTypeName() + " instead of "
                        + wanted.getPrimitiveTypeName() + (wanted.getLogicalTypeAnnotation() == null ? ""
                        : " (" + wanted.getLogicalTypeAnnotation() + ")") + ": not every value fits");
            }
            return chosen;
        }
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
