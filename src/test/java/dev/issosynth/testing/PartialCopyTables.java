package dev.issosynth.testing;

import dev.issosynth.io.RawTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A training table of 600 rows (first name of 60, last name of 100, country of 3, age 20-60: nearly every name and
 * country combination once) and a pool of 6,000 rows, every second one repeating a random training row's names and
 * country with a new age (a partial copy), the others drawn afresh.
 */
public final class PartialCopyTables {
    public final RawTable train;
    public final RawTable pool;
    private final Map<String, Integer> counts = new HashMap<>();

    public PartialCopyTables(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String[]> t = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            t.add(row(r));
        }
        List<String[]> p = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            String[] fresh = row(r);
            String[] src = t.get(r.nextInt(t.size()));
            p.add(i % 2 == 0 ? new String[] {src[0], src[1], src[2], fresh[3]} : fresh);
        }
        t.forEach(x -> counts.merge(key(x[0], x[1], x[2]), 1, Integer::sum));
        train = table(t);
        pool = table(p);
    }

    private static String[] row(SplittableRandom r) {
        return new String[] {"f" + r.nextInt(60), "l" + r.nextInt(100), "c" + r.nextInt(3),
                Integer.toString(20 + r.nextInt(41))};
    }

    private static RawTable table(List<String[]> rows) {
        TestTables.RowBuilder b = TestTables.columns("first", "last", "country", "age");
        rows.forEach(b::row);
        return b.build();
    }

    private static String key(String first, String last, String country) {
        return first + "|" + last + "|" + country;
    }

    /** Share of training rows whose names and country exactly one other training row has: the real rate. */
    public double realShare() {
        double n = 0;
        for (int r = 0; r < train.rowCount(); r++) {
            n += counts.get(key(train.cell(0, r), train.cell(1, r), train.cell(2, r))) == 2 ? 1 : 0;
        }
        return n / train.rowCount();
    }

    /** Share of rows of {@code t} (same columns) whose names and country exactly one training row has. */
    public double singleShare(RawTable t) {
        double n = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            n += counts.getOrDefault(key(t.cell(0, r), t.cell(1, r), t.cell(2, r)), 0) == 1 ? 1 : 0;
        }
        return n / t.rowCount();
    }
}
