package dev.issosynth.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the user asks of the result beyond the training statistics, as the selection's targets express it (no
 * retraining): rebalanced category shares, a target column independent of sensitive columns, columns without
 * missing values. Column names and values as the user wrote them; {@link SteeredTargets} resolves them against the
 * training table.
 *
 * @param rebalance per column, the shares of some of its values (the others keep their relative shares)
 * @param fairTarget column made independent of {@code sensitive}; null for none
 * @param sensitive  the sensitive columns of {@code fairTarget}
 * @param impute     columns the result has no missing value in
 * @param rules      rules every result row keeps (pool rows that break one are never chosen)
 */
public record Steering(List<Rebalance> rebalance, String fairTarget, List<String> sensitive, List<String> impute,
                       List<Rule> rules) {

    /** A rule every result row keeps: an {@link Inequality} or {@link FixedCombinations}. */
    public sealed interface Rule permits Inequality, FixedCombinations {
    }

    /**
     * {@code low <= high} (or {@code <} when {@code strict}) between two numeric or two datetime columns; a row with
     * either value missing keeps it.
     */
    public record Inequality(String low, String high, boolean strict) implements Rule {
        /** Parses {@code "a <= b"}, {@code "a < b"}, {@code "b >= a"} or {@code "b > a"}. */
        public static Inequality parse(String text) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*(.+?)\\s*(<=|>=|<|>)\\s*(.+?)\\s*$")
                    .matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("--rule wants \"LOW <= HIGH\" (or <, >=, >) between two columns, got '"
                        + text + "'");
            }
            String op = m.group(2);
            boolean flip = op.startsWith(">");
            return new Inequality(flip ? m.group(3) : m.group(1), flip ? m.group(1) : m.group(3), !op.endsWith("="));
        }

        @Override
        public String toString() {
            return low + (strict ? " < " : " <= ") + high;
        }
    }

    /** The combinations of these columns' values are the ones the training data has (missing counts as a value). */
    public record FixedCombinations(List<String> columns) implements Rule {
        public FixedCombinations {
            columns = List.copyOf(columns);
            if (columns.size() < 2 || new java.util.HashSet<>(columns).size() != columns.size()) {
                throw new IllegalArgumentException("--fixed-combinations wants two or more distinct columns: "
                        + String.join(",", columns));
            }
        }

        @Override
        public String toString() {
            return "fixed combinations of " + String.join(", ", columns);
        }
    }

    /** {@code column=value:share,value:share}: the listed values' shares, each in (0, 1), summing to at most 1. */
    public record Rebalance(String column, Map<String, Double> shares) {
        public Rebalance {
            if (column == null || column.isBlank() || shares.isEmpty()) {
                throw new IllegalArgumentException("--rebalance wants COLUMN=VALUE:SHARE[,VALUE:SHARE...]");
            }
            double sum = 0;
            for (Map.Entry<String, Double> e : shares.entrySet()) {
                double share = e.getValue();
                if (!(share > 0 && share < 1)) {
                    throw new IllegalArgumentException("--rebalance " + column + ": the share of '" + e.getKey()
                            + "' must lie between 0 and 1 (e.g. 0.5): " + share);
                }
                sum += share;
            }
            if (sum > 1 + 1e-9) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "--rebalance %s: the shares add up to %.4g, more than 1", column, sum));
            }
            shares = Collections.unmodifiableMap(new LinkedHashMap<>(shares));
        }

        /** Parses {@code COLUMN=VALUE:SHARE[,VALUE:SHARE...]}; IllegalArgumentException saying what is wrong. */
        public static Rebalance parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("--rebalance wants COLUMN=VALUE:SHARE[,VALUE:SHARE...], got '"
                        + spec + "'");
            }
            String column = spec.substring(0, eq).strip();
            Map<String, Double> shares = new LinkedHashMap<>();
            for (String part : spec.substring(eq + 1).split(",")) {
                int colon = part.lastIndexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("--rebalance " + column + ": '" + part.strip()
                            + "' is not VALUE:SHARE");
                }
                String value = part.substring(0, colon).strip();
                double share;
                try {
                    share = Double.parseDouble(part.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--rebalance " + column + ": the share of '" + value
                            + "' is not a number: '" + part.substring(colon + 1).strip() + "'");
                }
                if (shares.put(value, share) != null) {
                    throw new IllegalArgumentException("--rebalance " + column + ": '" + value + "' is listed twice");
                }
            }
            return new Rebalance(column, shares);
        }

        /** Back to the option's text. */
        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            shares.forEach((v, s) -> parts.add(v + ":" + s));
            return column + "=" + String.join(",", parts);
        }
    }

    public Steering {
        rebalance = List.copyOf(rebalance);
        sensitive = List.copyOf(sensitive);
        impute = List.copyOf(impute);
        rules = List.copyOf(rules);
        if ((fairTarget == null) != sensitive.isEmpty()) {
            throw new IllegalArgumentException(fairTarget == null ? "--sensitive needs --fair TARGET"
                    : "--fair " + fairTarget + " needs --sensitive COLUMN[,COLUMN...]");
        }
        if (fairTarget != null && sensitive.contains(fairTarget)) {
            throw new IllegalArgumentException("--fair " + fairTarget + ": the target cannot be sensitive too");
        }
        List<String> seen = new ArrayList<>();
        for (Rebalance r : rebalance) {
            if (seen.contains(r.column())) {
                throw new IllegalArgumentException("--rebalance names column " + r.column() + " twice");
            }
            seen.add(r.column());
        }
    }

    public static Steering none() {
        return new Steering(List.of(), null, List.of(), List.of(), List.of());
    }

    public boolean isNone() {
        return rebalance.isEmpty() && fairTarget == null && impute.isEmpty() && rules.isEmpty();
    }
}
