package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryWriter;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * How one column becomes one or more categorical sub-columns of int codes (each in {@code [0, cardinality)}) for
 * the TabularARGN model, and how codes become cell text again. Built by a {@code fit} on the training column
 * (with value protection applied there); afterwards immutable.
 *
 * <p>Missing values decode to the empty string. In a model file each encoding is its type tag and its fields:
 * {@link #writeTo} here, read back by {@link Encodings#readFrom} and the type's {@code readFrom}.
 */
public interface ColumnEncoding {
    /** Short name of the encoding kind, e.g. {@code categorical}, {@code numeric_digit}. */
    String kind();

    int subColumns();

    /** The sub-column's name as the engine calls it ({@code cat}, {@code bin}, {@code nan}, {@code E2}, {@code year}). */
    String subColumnName(int s);

    int cardinality(int s);

    /**
     * Codes of a whole column, {@code [subColumn][row]}. {@code rng} is only used to impute the sub-columns of
     * missing rows (digit and datetime encodings), by copying the codes of a random non-missing row.
     */
    int[][] encode(String[] values, SplittableRandom rng);

    /** The cell text for the codes {@code codes[offset .. offset + subColumns())}. */
    String decode(int[] codes, int offset, SplittableRandom rng);

    /** Whether the sampler must never draw {@code code} for sub-column {@code s} (probability fixed to 0). */
    boolean suppressed(int s, int code);

    /**
     * The first code of sub-column {@code s} from which all codes up to the cardinality are values in increasing
     * order (a date part, a numeric bin or value), or -1 if the codes are unordered. The model uses it only to
     * initialise embeddings.
     */
    default int orderedFrom(int s) {
        return -1;
    }

    /** Writes the type tag, then the fields (each type lists them on its {@code writeTo}). */
    void writeTo(BinaryWriter out) throws IOException;
}
