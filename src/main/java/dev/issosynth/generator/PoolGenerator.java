package dev.issosynth.generator;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Progress;

import java.nio.file.Path;

/** A model that learns from the training table and writes a pool of synthetic rows. */
public interface PoolGenerator {
    /** The name used with {@code --generator}. */
    String name();

    /**
     * Writes {@code rows} synthetic rows with the training header to {@code out}, atomically (a failed run
     * leaves no file). {@code progress} may be {@link Progress#silent()}.
     */
    void generate(TrainingTable train, long rows, long seed, PoolOutput out, Progress progress);

    /** As {@link #generate(TrainingTable, long, long, PoolOutput, Progress)} for a table in memory and a file. */
    default void generate(RawTable train, MissingValues na, long rows, long seed, Path out, Progress progress) {
        generate(TrainingTable.of(train, na), rows, seed, PoolOutput.to(out), progress);
    }

    /**
     * True if {@link #generate} reports its own progress stages (e.g. training, then sampling) including the final
     * "done" line, so callers must not open and close a stage around it.
     */
    default boolean reportsOwnStages() {
        return false;
    }
}
