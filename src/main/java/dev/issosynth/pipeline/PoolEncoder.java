package dev.issosynth.pipeline;

import dev.issosynth.io.CsvReader;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.Schema;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams a (possibly huge) pool CSV straight into byte codes with the training bins: the pool is never held
 * as text, so a 2.5 M x 80 pool costs about 200 MB.
 */
public final class PoolEncoder {
    private static final int CHUNK_ROWS = 16_384;

    private PoolEncoder() {
    }

    public static CodeTable encode(Schema schema, Path pool, Parallel par, Progress progress) {
        return encode(schema, pool, par, progress, null);
    }

    /**
     * As {@link #encode(Schema, Path, Parallel, Progress)}, also handing every chunk (rows in schema column
     * order) to {@code also} after it is encoded, e.g. to screen the pool rows while they stream by.
     */
    public static CodeTable encode(Schema schema, Path pool, Parallel par, Progress progress,
                                   dev.issosynth.io.ChunkConsumer also) {
        int cols = schema.columns();
        byte[][][] holder = {new byte[cols][1 << 16]};
        long[] bytesHint = {0};
        try {
            bytesHint[0] = java.nio.file.Files.size(pool);
        } catch (java.io.IOException e) {
            bytesHint[0] = 0;
        }
        long[] rowsSoFar = {0};
        long rows = CsvReader.stream(pool, schema.names(), CHUNK_ROWS, (first, chunk, count) -> {
            if (first + count > Integer.MAX_VALUE - 8) {
                throw new dev.issosynth.io.InputException(pool.getFileName() + ": more than 2^31 rows are not supported");
            }
            int need = (int) first + count;
            byte[][] dest = holder[0];
            if (need > dest[0].length) {
                int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, dest[0].length * 3L / 2));
                for (int c = 0; c < cols; c++) {
                    dest[c] = Arrays.copyOf(dest[c], capacity);
                }
            }
            par.forTasks(cols, c -> schema.binning(c).encode(chunk, c, count, dest[c], (int) first));
            if (also != null) {
                also.accept(first, chunk, count);
            }
            rowsSoFar[0] = need;
        }, fraction -> {
            if (progress != null) {
                progress.update(fraction, String.format(java.util.Locale.ROOT, "pool: %,d rows read", rowsSoFar[0]));
            }
        });
        byte[][] dest = holder[0];
        for (int c = 0; c < cols; c++) {
            if (dest[c].length != rows) {
                dest[c] = Arrays.copyOf(dest[c], (int) rows);
            }
        }
        return new CodeTable(dest, schema.cardinalities());
    }
}
