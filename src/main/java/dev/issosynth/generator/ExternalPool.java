package dev.issosynth.generator;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.io.RowWriter;
import dev.issosynth.schema.DateFormat;
import dev.issosynth.schema.IsoDateTimes;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.schema.ColumnType;
import dev.issosynth.schema.TypeInference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Turns a pool CSV written by an outside model (the MOSTLY AI platform, the Python SDK) into a pool in the training
 * file's shape: the training header's column order, and cells in the training file's formats. Outside models write
 * through pandas, which turns an integer column with gaps into floats ({@code 12.0}), dates into date-times
 * ({@code 2020-01-31 00:00:00}) and missing cells into empty ones; the selection and the final result should look
 * like the training file instead. A datetime column with a declared date format was sent as ISO
 * ({@code ParquetTable}, the bridge's CSV) and comes back in its format.
 */
public final class ExternalPool {
    private static final int CHUNK_ROWS = 4096;

    private ExternalPool() {
    }

    /**
     * Reads {@code rawCsv} (same column names as the training table, any order), writes the normalised pool to
     * {@code out} atomically and returns its row count.
     *
     * @throws dev.issosynth.io.InputException if {@code rawCsv} has other columns or cannot be read
     */
    public static long normalise(TrainingTable training, Path rawCsv, PoolOutput out) {
        RawTable train = training.raw();
        String[] header = train.header();
        @SuppressWarnings("unchecked")
        UnaryOperator<String>[] formats = new UnaryOperator[header.length];
        for (int c = 0; c < header.length; c++) {
            formats[c] = formatOf(train.column(c), training.columnType(c), training.na(c), training.dateFormat(c));
        }
        try (RowWriter w = out.open(header)) {
            long rows = CsvReader.stream(rawCsv, header, CHUNK_ROWS, (first, chunk, count) -> {
                for (int r = 0; r < count; r++) {
                    String[] row = chunk[r];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = formats[c].apply(row[c]);
                    }
                    w.write(row);
                }
            });
            w.commit();
            return rows;
        }
    }

    /** The cell rewrite for one column, decided from all its training cells. */
    static UnaryOperator<String> formatOf(String[] trainCells, MissingValues na) {
        return formatOf(trainCells, TypeInference.infer(trainCells, na), na);
    }

    /** As {@link #formatOf(String[], MissingValues)} for a column of a known (declared or inferred) type. */
    static UnaryOperator<String> formatOf(String[] trainCells, ColumnType type, MissingValues na) {
        return formatOf(trainCells, type, na, DateFormat.ISO);
    }

    /** As {@link #formatOf(String[], ColumnType, MissingValues)}; a DATETIME column's dates written in {@code format}. */
    static UnaryOperator<String> formatOf(String[] trainCells, ColumnType type, MissingValues na, DateFormat format) {
        String missing = na.commonestToken(trainCells);
        UnaryOperator<String> present = switch (type) {
            case NUMERIC -> numberFormat(trainCells, na);
            case DATETIME -> format.isIso() ? dateTimeFormat(trainCells, na) : patternFormat(format);
            case CATEGORICAL -> UnaryOperator.identity();
        };
        return cell -> na.isMissing(cell) ? (missing != null ? missing : cell) : present.apply(cell);
    }

    /**
     * Numbers are rounded to the most decimals the training column writes and printed plainly ({@code 12.0} becomes
     * {@code 12} in an integer column); booleans and anything unparsable pass unchanged.
     */
    private static UnaryOperator<String> numberFormat(String[] cells, MissingValues na) {
        int decimals = 0;
        for (String cell : cells) {
            if (!na.isMissing(cell)) {
                decimals = Math.max(decimals, decimalsOf(cell));
            }
        }
        int scale = decimals;
        return cell -> {
            try {
                BigDecimal v = new BigDecimal(cell.strip()).setScale(scale, RoundingMode.HALF_EVEN).stripTrailingZeros();
                return (v.scale() < 0 ? v.setScale(0) : v).toPlainString(); // 1E+2 prints as 100
            } catch (NumberFormatException | ArithmeticException e) {
                return cell;
            }
        };
    }

    /** Digits after the point minus the exponent ({@code 1e+05} has none), capped at 12; 0 for non-numbers. */
    static int decimalsOf(String cell) {
        try {
            return Math.max(0, Math.min(12, new BigDecimal(cell.strip()).stripTrailingZeros().scale()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** An ISO cell (as the outside model writes dates) in {@code format}; a cell already in it, or no date, as it is. */
    private static UnaryOperator<String> patternFormat(DateFormat format) {
        return cell -> {
            if (!Double.isNaN(format.parseEpochSeconds(cell))) {
                return cell;
            }
            double t = IsoDateTimes.parseEpochSeconds(cell);
            if (Double.isNaN(t)) {
                return cell;
            }
            long s = (long) Math.floor(t);
            int nanos = (int) Math.min(999_999_999, Math.round((t - s) * 1e9));
            return format.format(java.time.LocalDateTime.ofEpochSecond(s, nanos, java.time.ZoneOffset.UTC));
        };
    }

    /**
     * A date-only training column gets date-only cells ({@code 2020-01-31 00:00:00} becomes {@code 2020-01-31}); a
     * date-time column gets the training file's separator between date and time.
     */
    private static UnaryOperator<String> dateTimeFormat(String[] cells, MissingValues na) {
        boolean dateOnly = true;
        char separator = 'T';
        for (String cell : cells) {
            if (na.isMissing(cell)) {
                continue;
            }
            String s = cell.strip();
            if (s.length() > 10) {
                dateOnly = false;
                separator = s.charAt(10);
                break;
            }
        }
        boolean keepDate = dateOnly;
        char sep = separator;
        return cell -> {
            String s = cell.strip();
            if (s.length() <= 10 || Double.isNaN(IsoDateTimes.parseEpochSeconds(s))) {
                return cell;
            }
            if (keepDate) {
                return s.substring(0, 10);
            }
            char c = s.charAt(10);
            return (c == 'T' || c == ' ') && c != sep ? s.substring(0, 10) + sep + s.substring(11) : s;
        };
    }
}
