package dev.issosynth.pipeline;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.selection.Steering;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows a rebalanced value needs beyond what the generator makes of it on its own: a pool of N rows holds about
 * (training share) × N rows of a value, but the selection needs (asked share) × (result size) of them and a choice
 * among them, so the pool is topped up to (asked share) × N with rows seeded by the value (the model draws the
 * other columns given it). One seed table per rebalanced column, its one column holding the values, each as often
 * as it is short.
 */
final class RebalanceSeeds {
    private RebalanceSeeds() {
    }

    /** The seed tables for a pool of {@code poolRows} rows (empty when no value is short). */
    static List<RawTable> of(Steering steering, TrainingTable train, long poolRows) {
        List<RawTable> out = new ArrayList<>();
        for (Steering.Rebalance r : steering.rebalance()) {
            int c = train.raw().columnIndex(r.column());
            if (c < 0) {
                continue; // SteeredTargets names the column
            }
            MissingValues na = train.na(c); // the column's own tokens too
            String[] cells = train.raw().column(c);
            List<String> seeds = new ArrayList<>();
            r.shares().forEach((value, share) -> {
                int n = 0;
                for (String v : cells) {
                    n += !na.isMissing(v) && v.strip().equals(value) ? 1 : 0;
                }
                long shortBy = Math.round((share - n / (double) cells.length) * poolRows);
                for (long k = 0; k < shortBy; k++) {
                    seeds.add(value);
                }
            });
            if (!seeds.isEmpty()) {
                String[][] column = {seeds.toArray(new String[0])};
                out.add(new RawTable(new String[] {r.column()}, column));
            }
        }
        return out;
    }

    static long rows(List<RawTable> seeds) {
        return seeds.stream().mapToLong(RawTable::rowCount).sum();
    }
}
