package dev.issosynth.generator;

import dev.issosynth.io.RawTable;
import dev.issosynth.schema.MissingValues;

import java.nio.file.Path;

/**
 * Turns a pool CSV written by an outside model (the MOSTLY AI platform, the Python SDK) into a pool in the training
 * file's shape: the training header's column order, and cells in the training file's formats.
 */
public final class ExternalPool {
    private ExternalPool() {
    }

    /**
     * Reads {@code rawCsv}, writes the normalised pool to {@code out} atomically and returns its row count.
     *
     * @throws dev.issosynth.io.InputException if {@code rawCsv} lacks a training column or cannot be read
     */
    public static long normalise(RawTable train, MissingValues na, Path rawCsv, Path out) {
        throw new UnsupportedOperationException("not written yet");
    }
}
