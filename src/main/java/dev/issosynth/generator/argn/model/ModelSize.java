package dev.issosynth.generator.argn.model;

/**
 * TabularARGN model presets: sub-column embedding widths, column-embedding compression widths and regressor layer
 * widths, sized as MOSTLY AI's engine sizes them. Presets map to its "MOSTLY_AI/Small|Medium|Large"; the default is
 * {@link #MEDIUM}; a table too wide for the heap trains a smaller one ({@link #TINY} last).
 */
public enum ModelSize {
    SMALL(2, 0.15, 4),
    MEDIUM(3, 0.25, 10),
    LARGE(4, 0.33, 16),
    /**
     * Not a preset of the engine: Small's regressors on sub-column embeddings of width 2 at most, which the trainer
     * falls back to when even Small does not fit the heap (a 1,000-column table: the first layers grow with the
     * number of sub-columns times the embedding widths of all of them). Never chosen by a user.
     */
    TINY(1, 0.0, 2);

    /** The presets a user may choose, smallest first. */
    public static final java.util.List<ModelSize> PRESETS = java.util.List.of(SMALL, MEDIUM, LARGE);

    /** A table needs more than this many sub-columns in total before any column embedding is compressed. */
    public static final int COMPRESSION_MIN_TABLE_SUB_COLUMNS = 50;
    /** A column needs more than this many sub-columns to be compressed. */
    public static final int COMPRESSION_MIN_COLUMN_SUB_COLUMNS = 2;

    private final int embeddingFactor;
    private final double embeddingExponent;
    private final int compressionBase;

    ModelSize(int embeddingFactor, double embeddingExponent, int compressionBase) {
        this.embeddingFactor = embeddingFactor;
        this.embeddingExponent = embeddingExponent;
        this.compressionBase = compressionBase;
    }

    /** Embedding width of a sub-column of cardinality {@code c}: {@code min(c, max(10, f·⌈c^e⌉))}. */
    public int subColumnEmbeddingDim(int cardinality) {
        requirePositive(cardinality);
        int d = Math.max(this == TINY ? 2 : 10,
                embeddingFactor * (int) Math.ceil(Math.pow(cardinality, embeddingExponent)));
        return Math.min(cardinality, d);
    }

    /** Whether a column with {@code columnSubColumns} sub-columns in a table with {@code tableSubColumns} is compressed. */
    public static boolean compresses(int tableSubColumns, int columnSubColumns) {
        return tableSubColumns > COMPRESSION_MIN_TABLE_SUB_COLUMNS
                && columnSubColumns > COMPRESSION_MIN_COLUMN_SUB_COLUMNS;
    }

    /** Width of a compressed column embedding for a column with {@code n} sub-columns: S 4+n, M 10+n, L 16+n. */
    public int compressedColumnDim(int n) {
        requirePositive(n);
        return compressionBase + n;
    }

    /**
     * Regressor layer widths of one head of cardinality {@code c} with input width {@code dIn}: S [4·r(c)],
     * M [16·r(c)], L [16·r(dIn), 16·r(c)]. A ReLU follows the last layer only.
     */
    public int[] regressorLayers(int cardinality, int dIn) {
        requirePositive(cardinality);
        switch (this) {
            case SMALL, TINY:
                return new int[] {4 * r(cardinality)};
            case MEDIUM:
                return new int[] {16 * r(cardinality)};
            case LARGE:
                requirePositive(dIn);
                return new int[] {16 * r(dIn), 16 * r(cardinality)};
            default:
                throw new AssertionError(this);
        }
    }

    /** {@code r(x) = round(ln(max(x, e)))} with Python's round-half-to-even. */
    static int r(int x) {
        return (int) Math.rint(Math.log(Math.max(x, Math.E)));
    }

    private static void requirePositive(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("expected a positive size, got " + v);
        }
    }
}
