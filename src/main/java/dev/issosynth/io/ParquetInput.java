package dev.issosynth.io;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.List;

/**
 * Reads a Parquet file (flat: one primitive, non-repeated value per column) as the text cells the rest of the tool
 * works on, so a Parquet table goes everywhere a CSV goes: whole numbers and decimals as plain numbers, booleans as
 * {@code True}/{@code False}, dates as {@code yyyy-MM-dd}, timestamps as {@code yyyy-MM-dd HH:mm:ss[.ffffff]} (UTC
 * for instants), strings as they are, nulls (and NaN) as empty cells, which count as missing. The pages come from
 * {@link ParquetPages}; a pool file is streamed row group by row group, never held whole.
 */
public final class ParquetInput {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final long JULIAN_EPOCH_DAY = 2_440_588;

    private ParquetInput() {
    }

    /** A regular file that starts with Parquet's magic bytes (decided by content, not by name). */
    public static boolean isParquet(Path path) {
        if (path == null || CsvInput.isStdin(path) || !Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** The column names. */
    public static String[] readHeader(Path path) {
        try (ParquetPages r = ParquetPages.open(path)) {
            return names(path, r.schema());
        } catch (IOException | RuntimeException e) {
            throw failure(path, e);
        }
    }

    /** The whole table; equal cells of a column share one string. */
    public static RawTable read(Path path) {
        String[] header = readHeader(path);
        String[][] columns = new String[header.length][];
        int[] filled = {0};
        SharedCells shared = new SharedCells(header.length);
        stream(path, header, Set.of(), 8192, (first, chunk, count) -> {
            for (int c = 0; c < header.length; c++) {
                if (columns[c] == null) {
                    columns[c] = new String[Math.max(count, 1024)];
                } else if (columns[c].length < first + count) {
                    columns[c] = Arrays.copyOf(columns[c], (int) Math.min(Integer.MAX_VALUE - 8,
                            Math.max(first + count, columns[c].length * 3L / 2)));
                }
                for (int i = 0; i < count; i++) {
                    columns[c][(int) first + i] = shared.share(c, chunk[i][c]);
                }
            }
            filled[0] = (int) first + count;
        }, null);
        for (int c = 0; c < header.length; c++) {
            columns[c] = columns[c] == null ? new String[0] : Arrays.copyOf(columns[c], filled[0]);
        }
        if (filled[0] == 0) {
            throw new InputException(path + ": has a header but no data rows");
        }
        return new RawTable(header, columns);
    }

    /**
     * As {@link CsvReader#stream(Path, String[], Set, int, ChunkConsumer, DoubleConsumer)}: rows in chunks, cells in
     * {@code expectedHeader} order; the file must have exactly those columns, besides any in {@code ignored}.
     */
    public static long stream(Path path, String[] expectedHeader, Set<String> ignored, int chunkRows,
                              ChunkConsumer consumer, DoubleConsumer progress) {
        try (ParquetPages r = ParquetPages.open(path)) {
            MessageType schema = r.schema();
            String[] fileHeader = names(path, schema);
            int[] target = CsvReader.mapColumns(path, fileHeader, expectedHeader, ignored);
            List<ColumnDescriptor> columns = schema.getColumns();
            Cell[] cells = new Cell[fileHeader.length];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cellOf(schema.getType(c).asPrimitiveType());
            }
            long total = Math.max(1, r.rowCount());
            GroupConverter converter = new GroupRecordConverter(schema).getRootConverter();
            // two chunk buffers: the consumer bins one on a helper thread while the next is decoded
            String[][][] buffers = {new String[chunkRows][expectedHeader.length],
                new String[chunkRows][expectedHeader.length]};
            int current = 0;
            Future<?> pending = null;
            long first = 0;
            try {
                for (int rg = 0; rg < r.rowGroups(); rg++) {
                    PageReadStore pages = r.rowGroup(rg);
                    ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, converter, schema, r.createdBy());
                    ColumnReader[] readers = new ColumnReader[cells.length];
                    // a dictionary-encoded column's text, made once per dictionary entry instead of once per row
                    String[][] memo = new String[cells.length][];
                    for (int c = 0; c < cells.length; c++) {
                        readers[c] = target[c] < 0 ? null : store.getColumnReader(columns.get(c));
                        var dictionary = readers[c] == null ? null
                                : pages.getPageReader(columns.get(c)).readDictionaryPage();
                        memo[c] = dictionary == null ? null : new String[dictionary.getDictionarySize()];
                    }
                    // a flat file's columns decode independently: a chunk column by column, columns side by side
                    for (long left = pages.getRowCount(); left > 0; ) {
                        int n = (int) Math.min(chunkRows, left);
                        String[][] chunk = buffers[current];
                        IntStream.range(0, cells.length).parallel().filter(c -> readers[c] != null).forEach(c -> {
                            ColumnReader cr = readers[c];
                            int max = columns.get(c).getMaxDefinitionLevel();
                            int to = target[c];
                            for (int i = 0; i < n; i++) {
                                chunk[i][to] = cr.getCurrentDefinitionLevel() < max ? "" : text(cr, cells[c], memo, c);
                                cr.consume();
                            }
                        });
                        CsvReader.awaitChunk(pending);
                        long at = first;
                        pending = HELPER.submit(() -> consumer.accept(at, chunk, n));
                        current = 1 - current;
                        first += n;
                        left -= n;
                        if (progress != null) {
                            progress.accept(Math.min(1.0, first / (double) total));
                        }
                    }
                }
                CsvReader.awaitChunk(pending);
                pending = null;
            } finally {
                if (pending != null) {
                    pending.cancel(false);
                }
            }
            if (first == 0) {
                throw new InputException(path + ": has a header but no data rows");
            }
            return first;
        } catch (IOException | RuntimeException e) {
            throw failure(path, e);
        }
    }

    /**
     * The current value's text; through the dictionary memo while the column's pages are dictionary-encoded (a
     * writer falls back to plain pages once a dictionary grows too large, and never goes back within a chunk).
     */
    private static String text(ColumnReader cr, Cell cell, String[][] memo, int c) {
        String[] m = memo[c];
        if (m != null) {
            int id;
            try {
                id = cr.getCurrentValueDictionaryID();
            } catch (UnsupportedOperationException plainPage) {
                memo[c] = null;
                return cell.text(cr);
            }
            String v = m[id];
            if (v == null) {
                v = cell.text(cr);
                m[id] = v;
            }
            return v;
        }
        return cell.text(cr);
    }

    /** One daemon thread for every stream's consumer (streams run one at a time per caller; a pool is read once). */
    private static final java.util.concurrent.ExecutorService HELPER =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "parquet-chunk-consumer");
                t.setDaemon(true);
                return t;
            });

    private static String[] names(Path path, MessageType schema) {
        String[] names = new String[schema.getFieldCount()];
        for (int c = 0; c < names.length; c++) {
            Type t = schema.getType(c);
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                throw new InputException(path + ": column " + t.getName() + " is nested or repeated; only flat tables"
                        + " (one value per column and row) are read");
            }
            names[c] = t.getName();
        }
        return names;
    }

    /** One column's current value as text. */
    @FunctionalInterface
    private interface Cell {
        String text(ColumnReader r);
    }

    private static Cell cellOf(PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            int scale = d.getScale();
            return switch (type.getPrimitiveTypeName()) {
                case INT32 -> r -> BigDecimal.valueOf(r.getInteger(), scale).toPlainString();
                case INT64 -> r -> BigDecimal.valueOf(r.getLong(), scale).toPlainString();
                default -> r -> new BigDecimal(new BigInteger(r.getBinary().getBytes()), scale)
                        .toPlainString();
            };
        }
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> r -> r.getBoolean() ? "True" : "False";
            case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                    ? r -> LocalDate.ofEpochDay(r.getInteger()).toString()
                    : logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()
                    ? r -> Integer.toUnsignedString(r.getInteger())
                    : r -> Integer.toString(r.getInteger());
            case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
                    ? timestamp(t.getUnit())
                    : logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()
                    ? r -> Long.toUnsignedString(r.getLong())
                    : r -> Long.toString(r.getLong());
            case INT96 -> r -> int96(r.getBinary());
            case FLOAT -> r -> {
                float v = r.getFloat();
                // the float's own shortest text, not the longer one of the double it widens to
                return Float.isFinite(v) ? number(new BigDecimal(Float.toString(v)).doubleValue()) : "";
            };
            case DOUBLE -> r -> number(r.getDouble());
            case BINARY, FIXED_LEN_BYTE_ARRAY -> logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation
                    ? r -> uuid(r.getBinary())
                    : r -> utf8(r.getBinary());
        };
    }

    private static Cell timestamp(LogicalTypeAnnotation.TimeUnit unit) {
        return r -> {
            long v = r.getLong();
            Instant t = switch (unit) {
                case MILLIS -> Instant.ofEpochMilli(v);
                case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
                case NANOS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
            };
            return dateTime(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
        };
    }

    /** Spark's legacy timestamp: nanoseconds of the day (8 bytes) then the Julian day (4 bytes), little-endian. */
    private static String int96(Binary b) {
        ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanos = buf.getLong();
        int julianDay = buf.getInt();
        LocalDateTime t = LocalDate.ofEpochDay(julianDay - JULIAN_EPOCH_DAY).atStartOfDay().plusNanos(nanos);
        return dateTime(t);
    }

    private static String dateTime(LocalDateTime t) {
        String s = t.format(SECONDS);
        int nanos = t.getNano();
        if (nanos == 0) {
            return s;
        }
        String frac = String.format("%09d", nanos);
        return s + "." + frac.replaceAll("0+$", "");
    }

    /** Plain decimal text (no exponent), NaN and infinities as missing. */
    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v) + ".0";
        }
        return BigDecimal.valueOf(v).toPlainString();
    }

    /** The bytes as UTF-8 text, straight from the page's array (Binary's own method copies them first). */
    private static String utf8(Binary b) {
        ByteBuffer buf = b.toByteBuffer();
        return buf.hasArray() ? new String(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining(),
                StandardCharsets.UTF_8) : b.toStringUsingUTF8();
    }

    private static String uuid(Binary b) {
        ByteBuffer buf = b.toByteBuffer();
        return new java.util.UUID(buf.getLong(), buf.getLong()).toString();
    }

    private static InputException failure(Path path, Exception e) {
        if (e instanceof InputException ie) {
            return ie;
        }
        return new InputException(path + ": cannot read the Parquet file: " + e.getMessage(), e);
    }
}
