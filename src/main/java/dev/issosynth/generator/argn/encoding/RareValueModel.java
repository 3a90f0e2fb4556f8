package dev.issosynth.generator.argn.encoding;

import dev.issosynth.io.BinaryReader;
import dev.issosynth.io.BinaryWriter;
import dev.issosynth.io.CorruptDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A small character-level model of the rare values of a categorical column (those seen fewer than τ times), used to
 * decode a sampled {@code _RARE_} code into a new, realistic-looking value instead of the literal text.
 *
 * <p>Fitted on the rare values only (one per row, so a value counts as often as it occurred), each cut to its first
 * {@value #MAX_LENGTH} code points (as the engine's CHARACTER encoding does):
 * <ul>
 * <li>the length distribution;</li>
 * <li>per length L and position p &lt; L, the character frequencies among values of length L (shape: digits at the
 * end of ids, capitals first, ...);</li>
 * <li>per position p, the character frequencies among all values longer than p (used where the length-conditioned
 * table kept nothing);</li>
 * <li>the frequencies of pairs of consecutive characters (any position).</li>
 * </ul>
 * A draw takes a length L, then for p = 0..L-1 a character from the positional table, weighted by the pair count
 * after the previous character (product of the two; the positional table alone where the product is empty).
 * Every table keeps only the entries seen at least τ times, τ = 5, 6 or 7 drawn anew per table (the value protection
 * of the rest of the encoding), so the model releases counts of at least τ rows and no rare value itself.
 *
 * <p>To avoid re-creating a training value, the model holds a Bloom filter (two probes into 10–20 bits per rare
 * value, a false-positive rate of about 1–3 %, salted with a random 64-bit salt) of the rare values, not the values
 * themselves; the caller checks the kept categories exactly. A false positive only costs a re-draw.
 */
final class RareValueModel {
    /** Values are cut to this many code points (the engine's {@code MAX_LENGTH_CHARS}). */
    static final int MAX_LENGTH = 50;

    /** A discrete distribution over ints (lengths or code points), sampled by inverse CDF. */
    private static final class Dist {
        private final int[] items;
        private final long[] cumulative;

        Dist(int[] items, long[] cumulative) {
            this.items = items;
            this.cumulative = cumulative;
        }

        /** The entries with count ≥ tau, or null if none. */
        static Dist of(Map<Integer, Integer> counts, int tau) {
            List<int[]> kept = new ArrayList<>();
            for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
                if (e.getValue() >= tau) {
                    kept.add(new int[] {e.getKey(), e.getValue()});
                }
            }
            if (kept.isEmpty()) {
                return null;
            }
            int[] items = new int[kept.size()];
            long[] cum = new long[kept.size()];
            long total = 0;
            for (int i = 0; i < items.length; i++) {
                items[i] = kept.get(i)[0];
                total += kept.get(i)[1];
                cum[i] = total;
            }
            return new Dist(items, cum);
        }

        /** A null dist as {@code false}; else {@code true}, the items (ints), the cumulative counts (longs). */
        static void write(BinaryWriter out, Dist d) throws IOException {
            out.writeBoolean(d != null);
            if (d != null) {
                out.writeInts(d.items);
                out.writeLongs(d.cumulative);
            }
        }

        /** Reads what {@link #write} wrote; items must lie in {@code [0, maxItem]}. */
        static Dist read(BinaryReader in, int maxItem) throws CorruptDataException {
            if (!in.readBoolean()) {
                return null;
            }
            int[] items = in.readInts();
            long[] cum = in.readLongs();
            BinaryReader.require(items.length > 0 && items.length == cum.length, "bad distribution size");
            for (int i = 0; i < items.length; i++) {
                BinaryReader.require(items[i] >= 0 && items[i] <= maxItem && (i == 0 || items[i] > items[i - 1]),
                        "bad distribution item " + items[i]);
                // counts are positive and sum to at most the rows of a table, so products cannot overflow
                BinaryReader.require(cum[i] > (i == 0 ? 0 : cum[i - 1]) && cum[i] <= Integer.MAX_VALUE,
                        "bad distribution count " + cum[i]);
            }
            return new Dist(items, cum);
        }

        static void writeAll(BinaryWriter out, Dist[] ds) throws IOException {
            out.writeInt(ds.length);
            for (Dist d : ds) {
                write(out, d);
            }
        }

        static Dist[] readAll(BinaryReader in, int maxItem) throws CorruptDataException {
            Dist[] ds = new Dist[in.readCount(1)];
            for (int i = 0; i < ds.length; i++) {
                ds[i] = read(in, maxItem);
            }
            return ds;
        }

        /** The count of {@code item} (0 if not kept). */
        long count(int item) {
            int i = java.util.Arrays.binarySearch(items, item);
            return i < 0 ? 0 : cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
        }

        /** An item drawn with weight count × {@code other.count(item)}; by count alone if all those are 0. */
        int sample(SplittableRandom rng, Dist other) {
            if (other == null) {
                return sample(rng);
            }
            long[] cum = new long[items.length];
            long total = 0;
            for (int i = 0; i < items.length; i++) {
                long c = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
                total += c * other.count(items[i]);
                cum[i] = total;
            }
            if (total == 0) {
                return sample(rng);
            }
            long u = rng.nextLong(total);
            for (int i = 0; i < items.length; i++) {
                if (cum[i] > u) {
                    return items[i];
                }
            }
            throw new IllegalStateException();
        }

        int sample(SplittableRandom rng) {
            long u = rng.nextLong(cumulative[cumulative.length - 1]);
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) { // first index with cumulative > u
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return items[lo];
        }
    }

    /** Lengths (null if no length was seen τ times: then the model cannot generate anything). */
    private final Dist lengths;
    /** {@code byLength[L][p]}: characters at position p of values of length L (null entries: nothing kept). */
    private final Dist[][] byLength;
    /** {@code byPosition[p]}: characters at position p of all values longer than p. */
    private final Dist[] byPosition;
    /** Characters following a character, keyed by the previous code point (only keys with something kept). */
    private final Map<Integer, Dist> next;
    private final long[] bloom;
    private final int bloomMask;
    private final long salt;
    private final boolean generates;

    private RareValueModel(Dist lengths, Dist[][] byLength, Dist[] byPosition, Map<Integer, Dist> next,
            long[] bloom, long salt) {
        this.lengths = lengths;
        this.next = next;
        this.byLength = byLength;
        this.byPosition = byPosition;
        this.bloom = bloom;
        this.bloomMask = bloom.length * 64 - 1;
        this.salt = salt;
        this.generates = anyCharacter();
    }

    /**
     * @param rare the rare values with their counts (each count below the encoding's τ)
     * @param rng  draws the salt and the τ of each table
     */
    static RareValueModel fit(Map<String, Integer> rare, SplittableRandom rng) {
        long salt = rng.nextLong();
        Map<Integer, Integer> lengthCounts = new TreeMap<>();
        List<Map<Integer, Integer>> posCounts = new ArrayList<>();
        Map<Integer, List<Map<Integer, Integer>>> lenPosCounts = new TreeMap<>();
        Map<Integer, Map<Integer, Integer>> pairCounts = new TreeMap<>();
        for (Map.Entry<String, Integer> e : rare.entrySet()) {
            int[] cps = codePoints(e.getKey());
            int n = e.getValue();
            int len = cps.length;
            lengthCounts.merge(len, n, Integer::sum);
            List<Map<Integer, Integer>> lp = lenPosCounts.computeIfAbsent(len, k -> new ArrayList<>());
            for (int p = 0; p < len; p++) {
                if (posCounts.size() <= p) {
                    posCounts.add(new TreeMap<>());
                }
                if (lp.size() <= p) {
                    lp.add(new TreeMap<>());
                }
                posCounts.get(p).merge(cps[p], n, Integer::sum);
                lp.get(p).merge(cps[p], n, Integer::sum);
                if (p > 0) {
                    pairCounts.computeIfAbsent(cps[p - 1], k -> new TreeMap<>()).merge(cps[p], n, Integer::sum);
                }
            }
        }
        Dist lengths = Dist.of(lengthCounts, ValueProtection.rareThreshold(rng));
        Dist[] byPosition = new Dist[posCounts.size()];
        for (int p = 0; p < byPosition.length; p++) {
            byPosition[p] = Dist.of(posCounts.get(p), ValueProtection.rareThreshold(rng));
        }
        Dist[][] byLength = new Dist[MAX_LENGTH + 1][];
        if (lengths != null) {
            for (int len : lengths.items) {
                List<Map<Integer, Integer>> lp = lenPosCounts.get(len);
                byLength[len] = new Dist[len];
                for (int p = 0; p < len; p++) {
                    byLength[len][p] = Dist.of(lp.get(p), ValueProtection.rareThreshold(rng));
                }
            }
        }
        Map<Integer, Dist> next = new java.util.HashMap<>();
        for (Map.Entry<Integer, Map<Integer, Integer>> e : pairCounts.entrySet()) {
            Dist d = Dist.of(e.getValue(), ValueProtection.rareThreshold(rng));
            if (d != null) {
                next.put(e.getKey(), d);
            }
        }
        int bits = 64;
        while (bits < 10L * rare.size() && bits < (1 << 30)) {
            bits <<= 1;
        }
        RareValueModel m = new RareValueModel(lengths, byLength, byPosition, next, new long[bits / 64], salt);
        for (String v : rare.keySet()) {
            m.add(v);
        }
        return m;
    }

    /**
     * The length distribution, {@code byLength} (count {@value #MAX_LENGTH} + 1, then per length a presence flag
     * (boolean) and, if present, its distributions), {@code byPosition} (distributions), {@code next} (count, then
     * key (int) and distribution, in increasing key order), the Bloom filter (longs), the salt (long).
     * Distributions are a count and that many distributions; a distribution is a presence flag (boolean), its items
     * (ints) and its cumulative counts (longs).
     */
    void writeTo(BinaryWriter out) throws IOException {
        Dist.write(out, lengths);
        out.writeInt(byLength.length);
        for (Dist[] row : byLength) {
            out.writeBoolean(row != null);
            if (row != null) {
                Dist.writeAll(out, row);
            }
        }
        Dist.writeAll(out, byPosition);
        out.writeInt(next.size());
        for (Map.Entry<Integer, Dist> e : new TreeMap<>(next).entrySet()) {
            out.writeInt(e.getKey());
            Dist.write(out, e.getValue());
        }
        out.writeLongs(bloom);
        out.writeLong(salt);
    }

    static RareValueModel readFrom(BinaryReader in) throws CorruptDataException {
        Dist lengths = Dist.read(in, MAX_LENGTH);
        BinaryReader.require(in.readInt() == MAX_LENGTH + 1, "bad rare-value table size");
        Dist[][] byLength = new Dist[MAX_LENGTH + 1][];
        for (int len = 0; len <= MAX_LENGTH; len++) {
            if (in.readBoolean()) {
                byLength[len] = Dist.readAll(in, Character.MAX_CODE_POINT);
                BinaryReader.require(byLength[len].length == len, "bad rare-value row of length " + len);
            }
        }
        if (lengths != null) {
            for (int len : lengths.items) {
                BinaryReader.require(byLength[len] != null, "no rare-value row for length " + len);
            }
        }
        Dist[] byPosition = Dist.readAll(in, Character.MAX_CODE_POINT);
        BinaryReader.require(byPosition.length <= MAX_LENGTH, "bad rare-value position count");
        int pairs = in.readCount(5);
        Map<Integer, Dist> next = new java.util.HashMap<>();
        for (int i = 0; i < pairs; i++) {
            int key = in.readInt();
            Dist d = Dist.read(in, Character.MAX_CODE_POINT);
            BinaryReader.require(d != null && next.put(key, d) == null, "bad rare-value pair table");
        }
        long[] bloom = in.readLongs();
        // bit indices are masked with length * 64 - 1, so a power of two of at most 2^30 bits, as fit makes
        BinaryReader.require(Integer.bitCount(bloom.length) == 1 && bloom.length <= 1 << 24, "bad Bloom filter size");
        return new RareValueModel(lengths, byLength, byPosition, next, bloom, in.readLong());
    }

    /** Whether the model can generate strings at all (some length and some character were seen τ times). */
    boolean canGenerate() {
        return generates;
    }

    private boolean anyCharacter() {
        if (lengths == null) {
            return false;
        }
        for (int len : lengths.items) {
            for (int p = 0; p < len; p++) {
                if (byLength[len][p] != null || (p < byPosition.length && byPosition[p] != null)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One draw (possibly empty, possibly a rare training value: the caller checks). */
    String draw(SplittableRandom rng) {
        if (lengths == null) {
            return "";
        }
        int len = lengths.sample(rng);
        StringBuilder sb = new StringBuilder(len + 4);
        int prev = -1;
        for (int p = 0; p < len; p++) {
            Dist d = byLength[len][p];
            if (d == null && p < byPosition.length) {
                d = byPosition[p];
            }
            if (d != null) {
                prev = d.sample(rng, prev < 0 ? null : next.get(prev));
                sb.appendCodePoint(prev);
            }
        }
        return sb.toString();
    }

    /** Whether {@code s} may be one of the rare training values (no false negatives). */
    boolean mightBeRare(String s) {
        long h = hash(s);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32) | 1;
        for (int k = 0; k < 2; k++) {
            int bit = (h1 + k * h2) & bloomMask;
            if ((bloom[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private void add(String s) {
        long h = hash(s);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32) | 1;
        for (int k = 0; k < 2; k++) {
            int bit = (h1 + k * h2) & bloomMask;
            bloom[bit >>> 6] |= 1L << bit;
        }
    }

    /** Salted FNV-1a over the UTF-16 units of the full string, then a 64-bit finaliser. */
    private long hash(String s) {
        long h = 0xcbf29ce484222325L ^ salt;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static int[] codePoints(String s) {
        int[] cps = s.codePoints().toArray();
        if (cps.length > MAX_LENGTH) {
            int[] cut = new int[MAX_LENGTH];
            System.arraycopy(cps, 0, cut, 0, MAX_LENGTH);
            return cut;
        }
        return cps;
    }
}
