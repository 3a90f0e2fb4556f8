package dev.issosynth.api;

import dev.issosynth.pipeline.SelectionRun;
import dev.issosynth.selection.SelectionParams;
import dev.issosynth.selection.Steering;

/**
 * How the rows are chosen from a pool: the result size (0 = as many as the training rows), the seed, threads,
 * the refinement effort and the privacy steering, with the command line's defaults. Immutable; {@link #builder()}.
 */
public final class SelectionOptions {
    private final SelectionParams params;
    private final SelectionRun.Privacy privacy;
    private final int threads;

    private SelectionOptions(SelectionParams params, SelectionRun.Privacy privacy, int threads) {
        this.params = params;
        this.privacy = privacy;
        this.threads = threads;
    }

    public static SelectionOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return params.size();
    }

    public long seed() {
        return params.seed();
    }

    SelectionParams params() {
        return params;
    }

    SelectionRun.Privacy privacy() {
        return privacy;
    }

    int threads() {
        return threads;
    }

    /** Named setters over the defaults; {@link #build()} checks every value (IllegalArgumentException). */
    public static final class Builder {
        private final SelectionParams.Builder params = SelectionParams.builder();
        private boolean steer = true;
        private final java.util.List<Steering.Rebalance> rebalance = new java.util.ArrayList<>();
        private String fairTarget;
        private java.util.List<String> sensitive = java.util.List.of();
        private java.util.List<String> impute = java.util.List.of();
        private final java.util.List<Steering.Rule> rules = new java.util.ArrayList<>();
        private double margin = SelectionRun.Privacy.DEFAULT_MARGIN;
        private long maxSteeredRows = SelectionRun.Privacy.DEFAULT_MAX_STEERED_ROWS;
        private int threads = 0;

        private Builder() {
        }

        public Builder size(int rows) {
            params.size(rows);
            return this;
        }

        public Builder seed(long seed) {
            params.seed(seed);
            return this;
        }

        public Builder refinementIterations(int n) {
            params.refinementIterations(n);
            return this;
        }

        /** Worker threads, 0 = all cores; results do not depend on it. */
        public Builder threads(int n) {
            threads = n;
            return this;
        }

        /** Privacy steering (on by default): the result kept as far from the training rows as new real records. */
        public Builder privacySteering(boolean on) {
            steer = on;
            return this;
        }

        /** How far below the training rows' own share the steering holds the result (default 0.1). */
        public Builder privacyMargin(double margin) {
            this.margin = margin;
            return this;
        }

        /** The largest IPF subset whose distances are steered (above: copies only, distances estimated); 0 = none. */
        public Builder privacyMaxRows(long rows) {
            this.maxSteeredRows = rows;
            return this;
        }

        /**
         * The result's share of some values of a column (e.g. {@code rebalance("income", Map.of(">50K", 0.5))}); the
         * other values keep their relative shares. Once per column.
         */
        public Builder rebalance(String column, java.util.Map<String, Double> shares) {
            rebalance.add(new Steering.Rebalance(column, new java.util.TreeMap<>(shares))); // checked here
            return this;
        }

        /** The result's {@code target} column independent of the {@code sensitive} columns (demographic parity). */
        public Builder fair(String target, String... sensitive) {
            this.fairTarget = target;
            this.sensitive = java.util.List.of(sensitive);
            return this;
        }

        /** Columns without missing values in the result. */
        public Builder impute(String... columns) {
            this.impute = java.util.List.of(columns);
            return this;
        }

        /** A rule every result row keeps: {@code "low <= high"} (or {@code <}, {@code >=}, {@code >}). */
        public Builder rule(String inequality) {
            rules.add(Steering.Inequality.parse(inequality));
            return this;
        }

        /** Only the combinations of these columns' values that the training data has. */
        public Builder fixedCombinations(String... columns) {
            rules.add(new Steering.FixedCombinations(java.util.List.of(columns)));
            return this;
        }

        public SelectionOptions build() {
            params.steering(new Steering(rebalance, fairTarget, sensitive, impute, rules));
            if (threads < 0) {
                throw new IllegalArgumentException("threads must not be negative (0 = all cores): " + threads);
            }
            return new SelectionOptions(params.build(), new SelectionRun.Privacy(steer, 0, margin, maxSteeredRows),
                    threads);
        }
    }
}
