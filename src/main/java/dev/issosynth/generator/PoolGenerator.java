package dev.issosynth.generator;

import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Progress;

/** A model that learns from the training table and writes a pool of synthetic rows. */
public interface PoolGenerator {
    /** The name used with {@code --generator}. */
    String name();

    /**
     * Writes {@code rows} synthetic rows with the training header to {@code out}, atomically (a failed run
     * leaves no file). {@code progress} is never null: {@link Progress#silent()} reports nothing.
     */
    void generate(TrainingTable train, long rows, long seed, PoolOutput out, Progress progress);

    /**
     * True if {@link #generate} reports its own progress stages (e.g. training, then sampling) including the final
     * "done" line, so callers must not open and close a stage around it.
     */
    default boolean reportsOwnStages() {
        return false;
    }
}
