package dev.issosynth.generator;

import dev.issosynth.io.RawTable;
import dev.issosynth.io.RowWriter;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Progress;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deliberately weak, very fast baseline: every cell is drawn independently from its column's training
 * values (original text). It keeps the univariate distributions and destroys every dependency, which makes it
 * the test that the post-processing, not the model, recovers the joint structure.
 */
public final class IndependentGenerator implements PoolGenerator {
    public static final String NAME = "independent";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void generate(TrainingTable training, long rows, long seed, PoolOutput out, Progress progress) {
        RawTable train = training.raw();
        int cols = train.columnCount();
        int n = train.rowCount();
        SplittableRandom rng = new SplittableRandom(seed);
        try (RowWriter w = out.open(train.header())) {
            String[] row = new String[cols];
            for (long r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    row[c] = train.cell(c, rng.nextInt(n));
                }
                w.write(row);
                if ((r & 0xFFFF) == 0) {
                    progress.update(r / (double) rows, String.format(Locale.ROOT, "%,d rows", r));
                }
            }
            w.commit();
        }
    }
}
