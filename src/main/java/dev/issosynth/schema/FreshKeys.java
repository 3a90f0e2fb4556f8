package dev.issosynth.schema;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * New keys shaped like one column's training keys: the common prefix of all of them kept, then the shape of a
 * randomly chosen training key with every letter replaced by a random letter of the same case and every digit by
 * a random digit (hex keys stay hex; a digit run keeps a non-zero first digit, so {@code 8412} never becomes
 * {@code 0412}); other characters (separators) stay. No key is ever a training key or repeats: a clash is drawn
 * again, and where the shapes are used up (ids 1..n) the keys grow by a digit.
 */
public final class FreshKeys {
    private static final int ATTEMPTS = 64;
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String UPPER = LOWER.toUpperCase(java.util.Locale.ROOT);
    private static final String HEX_LOWER = "abcdef";

    private final String prefix;
    private final String[] shapes;
    private final boolean hex;
    private final Set<String> taken;
    private final SplittableRandom random;
    private int extraDigits;

    private FreshKeys(String prefix, String[] shapes, boolean hex, Set<String> taken, long seed) {
        this.prefix = prefix;
        this.shapes = shapes;
        this.hex = hex;
        this.taken = taken;
        this.random = new SplittableRandom(seed);
    }

    /** Learns the shapes of {@code keys} (at least one, none null). */
    public static FreshKeys fit(String[] keys, long seed) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("no keys to learn a shape from");
        }
        String prefix = keys[0];
        boolean hex = true;
        Set<String> taken = new HashSet<>(keys.length * 2);
        for (String k : keys) {
            taken.add(k);
            int p = 0;
            while (p < prefix.length() && p < k.length() && prefix.charAt(p) == k.charAt(p)) {
                p++;
            }
            prefix = prefix.substring(0, p);
            hex &= k.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == '-');
        }
        // keep at least one free character, or a single training key would leave nothing to vary
        int shortest = Integer.MAX_VALUE;
        for (String k : keys) {
            shortest = Math.min(shortest, k.length());
        }
        if (prefix.length() >= shortest) {
            prefix = prefix.substring(0, Math.max(0, shortest - 1));
        }
        String[] shapes = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            shapes[i] = keys[i].substring(prefix.length());
        }
        // only letters a-f and digits in every key: hex (uuid-like), unless it is plain digits
        boolean anyHexLetter = false;
        for (String k : keys) {
            anyHexLetter |= k.chars().anyMatch(ch -> (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'));
        }
        return new FreshKeys(prefix, shapes, hex && anyHexLetter, taken, seed);
    }

    /** A key not seen before (neither in training nor earlier from this object). */
    public String next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String k = prefix + scramble(shapes[random.nextInt(shapes.length)]);
            if (extraDigits > 0) {
                k = k + digits(extraDigits);
            }
            if (taken.add(k)) {
                return k;
            }
        }
        extraDigits++; // the shapes are (nearly) used up: one more digit multiplies the room by ten
        return next();
    }

    private String scramble(String shape) {
        StringBuilder b = new StringBuilder(shape.length());
        boolean runStart = true;
        for (int i = 0; i < shape.length(); i++) {
            char ch = shape.charAt(i);
            if (Character.isDigit(ch) && ch < 128) {
                // a run's leading digit stays non-zero where it was, so numbers keep their length
                b.append(runStart && ch != '0' ? (char) ('1' + random.nextInt(9)) : (char) ('0' + random.nextInt(10)));
                runStart = false;
                continue;
            }
            runStart = true;
            if (hex && ((ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) {
                char c = HEX_LOWER.charAt(random.nextInt(6));
                b.append(ch >= 'a' ? c : Character.toUpperCase(c));
            } else if (ch >= 'a' && ch <= 'z') {
                b.append(LOWER.charAt(random.nextInt(26)));
            } else if (ch >= 'A' && ch <= 'Z') {
                b.append(UPPER.charAt(random.nextInt(26)));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }
}
