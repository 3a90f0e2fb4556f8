package dev.issosynth.schema;

import java.util.List;

/**
 * Which columns are keys (unique per row, e.g. a customer id): found by {@link KeyColumns#detect} ({@link #auto}),
 * none at all ({@link #none}), or exactly the named ones ({@link #named}).
 */
public record KeyRule(boolean detect, List<String> names) {

    public KeyRule {
        names = List.copyOf(names);
        if (detect && !names.isEmpty()) {
            throw new IllegalArgumentException("a key rule either detects keys or names them");
        }
    }

    public static KeyRule auto() {
        return new KeyRule(true, List.of());
    }

    public static KeyRule none() {
        return new KeyRule(false, List.of());
    }

    public static KeyRule named(List<String> names) {
        return new KeyRule(false, names);
    }

    /** {@code auto}, {@code none}, or column names separated by commas. */
    public static KeyRule parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("auto")) {
            return auto();
        }
        if (t.equalsIgnoreCase("none") || t.isEmpty()) {
            return none();
        }
        return named(List.of(t.split("\\s*,\\s*")));
    }
}
