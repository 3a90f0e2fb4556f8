package dev.issosynth.pipeline;

import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.PoolOutput;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.generator.argn.ArgnModelFile;
import dev.issosynth.io.InputException;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Progress;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;

/** Where a job's pool comes from: a generator trained on the training data, a saved argn model, or a file. */
public sealed interface PoolSource {

    /** A generator trained on the training data; {@code saveModel} (argn only) also keeps the trained model. */
    record Trained(PoolGenerator generator, Path saveModel) implements PoolSource {
        public Trained {
            if (saveModel != null && !(generator instanceof ArgnGenerator)) {
                throw new IllegalArgumentException("--save-model is only for --generator argn");
            }
        }
    }

    /** Samples a model saved with --save-model: no training. */
    record SavedModel(ArgnModelFile.Loaded model, Path file, ArgnGenerator generator) implements PoolSource {
    }

    /** A pool made elsewhere, by any model. */
    record Existing(Path pool) implements PoolSource {
    }

    /**
     * {@code source} doing seeded generation from {@code seed} (argn only, trained or saved): IllegalArgumentException
     * for another generator.
     */
    public static PoolSource seeded(PoolSource source, dev.issosynth.io.RawTable seed, String name) {
        return seeded(source, seed, name, 1);
    }

    /** As {@link #seeded(PoolSource, dev.issosynth.io.RawTable, String)} with {@code candidates} rows per seed row. */
    public static PoolSource seeded(PoolSource source, dev.issosynth.io.RawTable seed, String name, int candidates) {
        ArgnGenerator g = argn(source);
        if (g == null) {
            throw new IllegalArgumentException("--seed-data needs --generator argn (or --model-file)");
        }
        return withArgn(source, g.withSeedData(seed, name, candidates));
    }

    /** The embedded generator that writes {@code source}'s pool (trained or from a saved model), or null. */
    static ArgnGenerator argn(PoolSource source) {
        return source instanceof Trained t && t.generator() instanceof ArgnGenerator a ? a
                : source instanceof SavedModel m ? m.generator() : null;
    }

    /** {@code source} with its embedded generator replaced by {@code g} (a source {@link #argn} finds one in). */
    static PoolSource withArgn(PoolSource source, ArgnGenerator g) {
        if (source instanceof Trained t) {
            return new Trained(g, t.saveModel());
        }
        SavedModel m = (SavedModel) source;
        return new SavedModel(m.model(), m.file(), g);
    }

    /** The seeded generator of {@code source}, or null when it does not do seeded generation. */
    static ArgnGenerator seededGenerator(PoolSource source) {
        ArgnGenerator g = argn(source);
        return g != null && g.seedData() != null ? g : null;
    }

    /** The column names the pool is written with (for binning it while it is written). */
    static String[] header(PoolSource source, TrainingTable train) {
        return source instanceof SavedModel s ? s.model().header() : train.header();
    }

    /**
     * Writes {@code rows} pool rows to {@code out} (not for {@link Existing}). Returns true when the generator
     * reported its own progress stages; otherwise this opened and closed one, with {@code doneDetail}.
     * {@code train} may be null only for a saved model.
     */
    static boolean write(PoolSource source, TrainingTable train, long rows, long seed, PoolOutput out,
                         Progress progress, String doneDetail) {
        if (source instanceof SavedModel s) {
            if (train != null) {
                requireSameColumns(s, train);
            }
            s.generator().generateFromSaved(s.model(), rows, seed, out, progress, train);
            return true;
        }
        if (!(source instanceof Trained t)) {
            throw new IllegalStateException("an existing pool is not generated");
        }
        PoolGenerator gen = t.generator();
        if (!gen.reportsOwnStages()) {
            progress.stage("generate " + gen.name());
        }
        if (t.saveModel() != null) {
            ((ArgnGenerator) gen).generate(train, rows, seed, out, progress, t.saveModel());
        } else {
            gen.generate(train, rows, seed, out, progress);
        }
        if (!gen.reportsOwnStages()) {
            progress.done(doneDetail);
        }
        return gen.reportsOwnStages();
    }

    /** A saved model must have the training columns (any order), or the selection could not use its pool. */
    static void requireSameColumns(SavedModel s, TrainingTable train) {
        if (!new HashSet<>(Arrays.asList(s.model().header())).equals(new HashSet<>(Arrays.asList(train.header())))) {
            throw new InputException(s.file().getFileName() + ": the model's columns differ from the columns"
                    + " of " + train.source() + " (model: " + String.join(",", s.model().header()) + ")");
        }
    }
}
