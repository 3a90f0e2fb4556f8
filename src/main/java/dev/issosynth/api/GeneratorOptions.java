package dev.issosynth.api;

import dev.issosynth.generator.IndependentGenerator;
import dev.issosynth.generator.PoolGenerator;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.generator.argn.encoding.CategoricalEncoding;
import dev.issosynth.generator.argn.model.ModelSize;

import java.util.Locale;

/**
 * Which generator makes a pool and how: {@code argn} (the embedded TabularARGN, the default) or {@code independent}
 * (each column sampled on its own); argn's knobs with the command line's defaults. Immutable; {@link #builder()}.
 */
public final class GeneratorOptions {
    private final String generator;
    private final ArgnSettings argn;

    private GeneratorOptions(String generator, ArgnSettings argn) {
        this.generator = generator;
        this.argn = argn;
    }

    public static GeneratorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String generator() {
        return generator;
    }

    ArgnSettings argn() {
        return argn;
    }

    /** These options with other argn settings. */
    GeneratorOptions withArgn(ArgnSettings settings) {
        return new GeneratorOptions(generator, settings);
    }

    PoolGenerator create() {
        return generator.equals(IndependentGenerator.NAME) ? new IndependentGenerator() : new ArgnGenerator(argn);
    }

    /** Named setters over the defaults; {@link #build()} checks every value (IllegalArgumentException). */
    public static final class Builder {
        private String generator = ArgnGenerator.NAME;
        private final ArgnSettings.Builder argn = ArgnSettings.builder();

        private Builder() {
        }

        /** {@code argn} or {@code independent}. */
        public Builder generator(String name) {
            generator = name.trim().toLowerCase(Locale.ROOT);
            return this;
        }

        /** Small, Medium or Large. */
        public Builder model(String size) {
            argn.size(ModelSize.valueOf(size.trim().toUpperCase(Locale.ROOT)));
            return this;
        }

        public Builder maxEpochs(int n) {
            argn.maxEpochs(n);
            return this;
        }

        public Builder maxTrainingMinutes(double minutes) {
            argn.maxTrainingMinutes(minutes);
            return this;
        }

        /** Rows argn trains on at most (a seeded sample of a bigger table); {@code 0} = auto. */
        public Builder maxTrainingRows(long rows) {
            argn.maxTrainingRows(rows);
            return this;
        }

        /** Independent models sharing the pool; {@code 0} = auto (two for small tables). */
        public Builder models(int k) {
            argn.models(k == 0 ? ArgnGenerator.AUTO_MODELS : k);
            return this;
        }

        /** Worker threads, 0 = all cores; results do not depend on it. */
        public Builder threads(int n) {
            argn.threads(n);
            return this;
        }

        /** {@code sample} (rare categories come out as common ones) or {@code new} (as new values). */
        public Builder rareCategories(String mode) {
            argn.rareCategories(switch (mode.trim().toLowerCase(Locale.ROOT)) {
                case "sample" -> CategoricalEncoding.RareReplacement.SAMPLE;
                case "new" -> CategoricalEncoding.RareReplacement.CONSTANT;
                default -> throw new IllegalArgumentException("rare categories must be sample or new: " + mode);
            });
            return this;
        }

        public GeneratorOptions build() {
            if (!generator.equals(ArgnGenerator.NAME) && !generator.equals(IndependentGenerator.NAME)) {
                throw new IllegalArgumentException("generator must be argn or independent: " + generator);
            }
            return new GeneratorOptions(generator, argn.build());
        }
    }
}
