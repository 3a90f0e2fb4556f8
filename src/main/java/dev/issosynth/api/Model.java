package dev.issosynth.api;

import dev.issosynth.generator.PoolOutput;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.generator.argn.ArgnModelFile;
import dev.issosynth.io.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained TabularARGN model (the embedded {@code argn} generator), kept in a model file: {@link #fit} trains and
 * saves it, {@link #load} reads one back, {@link #sample} writes pool rows from it without training again. A model
 * fitted with seed {@code s} and sampled with seed {@code s} writes the same rows as
 * {@link Issosynth#generatePool} with seed {@code s} and one model.
 */
public final class Model {
    private final ArgnModelFile.Loaded model;
    private final Path file;
    private final GeneratorOptions options;

    private Model(ArgnModelFile.Loaded model, Path file, GeneratorOptions options) {
        this.model = model;
        this.file = file;
        this.options = options;
    }

    /** Trains argn on {@code train} (one model) and saves it to {@code modelFile}, replacing any file there. */
    public static Model fit(Table train, GeneratorOptions options, long seed, Path modelFile,
                            ProgressListener listener) {
        if (!options.generator().equals(ArgnGenerator.NAME)) {
            throw new IllegalArgumentException("only the argn generator is fitted into a model: " + options.generator());
        }
        GeneratorOptions one = options.withArgn(options.argn().toBuilder().models(1).build());
        return IssosynthException.wrap(() -> {
            Path empty = null;
            try {
                // training writes a pool as it goes; a pool of no rows costs nothing and is thrown away
                empty = Files.createTempFile("issosynth-fit-", ".csv");
                Files.delete(empty);
                new ArgnGenerator(one.argn()).generate(train.training(), 0, seed, PoolOutput.to(empty),
                        ProgressListener.progressOf(listener), modelFile);
                return new Model(ArgnModelFile.read(modelFile), modelFile, one);
            } catch (IOException e) {
                throw new InputException("cannot create a temporary file: " + e.getMessage(), e);
            } finally {
                if (empty != null) {
                    empty.toFile().delete();
                }
            }
        });
    }

    /** A model saved by {@link #fit} or by {@code --save-model}. */
    public static Model load(Path modelFile) {
        return IssosynthException.wrap(() -> new Model(ArgnModelFile.read(modelFile), modelFile,
                GeneratorOptions.defaults()));
    }

    /** The model file. */
    public Path file() {
        return file;
    }

    /** The columns the model writes. */
    public java.util.List<String> columns() {
        return java.util.List.of(model.header());
    }

    /**
     * Writes {@code rows} rows to the CSV {@code out} (atomically) and returns it; missing cells written as the
     * training table writes them when {@code train} is given (else empty).
     */
    public Path sample(long rows, long seed, Path out, Table train, ProgressListener listener) {
        return IssosynthException.wrap(() -> {
            new ArgnGenerator(options.argn()).generateFromSaved(model, rows, seed, PoolOutput.to(out),
                    ProgressListener.progressOf(listener), train == null ? null : train.training());
            return out;
        });
    }
}
