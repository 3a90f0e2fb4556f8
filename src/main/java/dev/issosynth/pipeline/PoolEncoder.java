package dev.issosynth.pipeline;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.Schema;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.nio.file.Path;

/** A pool file binned with the training bins, streamed chunk by chunk (see {@link PoolCodes}). */
public final class PoolEncoder {
    private PoolEncoder() {
    }

    public static CodeTable encode(Schema schema, Path pool, Parallel par, Progress progress) {
        return new PoolCodes(schema, null, null, par).readFile(pool, progress).table();
    }
}
