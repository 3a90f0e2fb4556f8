package dev.issosynth.generator.argn;

import dev.issosynth.generator.argn.encoding.CategoricalEncoding;
import dev.issosynth.generator.argn.model.ModelSize;
import dev.issosynth.schema.TrainingTable;
import dev.issosynth.util.Parallel;

/**
 * Every knob of the generator (and of its trainer, {@link ArgnTrainer}; the MOSTLY AI generators send the model
 * knobs to their engine), with its default and its check in one place: built with {@link #builder()} (the
 * defaults) or {@link #toBuilder()}, checked once when built. The CLI's option defaults and
 * config/issosynth.properties are tested against {@link #defaults()}. Messages name a knob by its option name
 * (the config key), the words a user typed.
 *
 * @param size               model size ({@code --model})
 * @param maxEpochs          training epochs at most; early stopping may end sooner
 * @param maxTrainingMinutes training time budget in minutes; 0 = no limit
 * @param valueProtection    protect rare categories and extreme numeric values (the opposite of
 *                           {@code --no-value-protection})
 * @param temperature        sampling temperature, ≥ 0; below 1 sharper, above 1 flatter
 * @param topP               nucleus sampling mass, in (0, 1]
 * @param fixedOrder         train in the table's column order only
 * @param models             independent models (each with the full training budget) sharing the pool evenly;
 *                           {@link ArgnGenerator#AUTO_MODELS} = auto, see {@link #modelsFor}
 * @param threads            worker threads, 0 = all cores; results do not depend on it
 * @param tableOrderShare    share of training batches in the table's column order (the order generation uses),
 *                           the others in a random order: 0 = any-order training as MOSTLY AI's engine, 1 = as
 *                           {@code fixedOrder}
 * @param averageEpochs      window in epochs of the parameter average validated after each epoch; 0 = off
 * @param rareCategories     what a protected (rare) category becomes: one of the kept categories (SAMPLE, the
 *                           default) or a new value of the rare values' shape (CONSTANT)
 * @param maxTrainingRows    train on a seeded sample of at most this many rows; 0 = auto (what the time budget
 *                           covers, see {@link dev.issosynth.generator.argn.train.TrainingSample})
 */
public record ArgnSettings(ModelSize size, int maxEpochs, double maxTrainingMinutes, boolean valueProtection,
        double temperature, double topP, boolean fixedOrder, int models, int threads, double tableOrderShare,
        double averageEpochs, CategoricalEncoding.RareReplacement rareCategories, long maxTrainingRows) {
    public ArgnSettings {
        require(size != null, "--model must be one of Small, Medium, Large: " + size);
        require(maxEpochs >= 1, "--max-epochs must be at least 1: " + maxEpochs);
        require(maxTrainingMinutes >= 0 && Double.isFinite(maxTrainingMinutes),
                "--max-training-minutes must be a finite number >= 0 (0 = no limit): " + maxTrainingMinutes);
        require(temperature >= 0 && Double.isFinite(temperature),
                "--temperature must be a finite number >= 0: " + temperature);
        require(topP > 0 && topP <= 1, "--top-p must be in (0, 1]: " + topP);
        require(models >= 1 || models == ArgnGenerator.AUTO_MODELS, ArgnGenerator.MODELS_RULE + ": " + models);
        require(threads >= 0, "--threads must not be negative (0 = all cores): " + threads);
        require(tableOrderShare >= 0 && tableOrderShare <= 1,
                "--table-order-share must be in [0, 1]: " + tableOrderShare);
        require(rareCategories != null, "--rare-categories must be new or sample");
        require(averageEpochs >= 0 && Double.isFinite(averageEpochs),
                "--weight-average-epochs must be a finite number >= 0 (0 = off): " + averageEpochs);
        require(maxTrainingRows >= 0, "--max-training-rows must not be negative (0 = auto): " + maxTrainingRows);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults (those of the CLI and config/issosynth.properties). */
    public static ArgnSettings defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** These options with {@code n} worker threads (0 = all cores); results do not depend on it. */
    public ArgnSettings withThreads(int n) {
        return toBuilder().threads(n).build();
    }

    /**
     * The number of models for this table: {@code models}, or for auto two models when the table has at most
     * {@link #AUTO_TWO_MODELS_MAX_CELLS} cells (training is cheap there, and two models' pool is measurably
     * better: bench/argn_quality.md), else one. A saved model file holds one model, so auto means one then.
     */
    public int modelsFor(TrainingTable train, boolean saving) {
        if (models != ArgnGenerator.AUTO_MODELS) {
            return models;
        }
        long cells = (long) train.rowCount() * train.columnCount();
        return !saving && cells <= ArgnGenerator.AUTO_TWO_MODELS_MAX_CELLS ? 2 : 1;
    }

    int effectiveThreads() {
        return threads == 0 ? Parallel.defaultThreads() : threads;
    }

    /** Named setters over the defaults; {@link #build()} checks every value. */
    public static final class Builder {
        private ModelSize size = ModelSize.MEDIUM;
        private int maxEpochs = 100;
        private double maxTrainingMinutes = 10;
        private boolean valueProtection = true;
        private double temperature = 1.0;
        private double topP = 1.0;
        private boolean fixedOrder = false;
        private int models = ArgnGenerator.AUTO_MODELS;
        private int threads = 0;
        private double tableOrderShare = 0.5;
        private double averageEpochs = 4;
        private CategoricalEncoding.RareReplacement rareCategories = CategoricalEncoding.RareReplacement.SAMPLE;
        private long maxTrainingRows = 0;

        private Builder() {
        }

        private Builder(ArgnSettings o) {
            size = o.size;
            maxEpochs = o.maxEpochs;
            maxTrainingMinutes = o.maxTrainingMinutes;
            valueProtection = o.valueProtection;
            temperature = o.temperature;
            topP = o.topP;
            fixedOrder = o.fixedOrder;
            models = o.models;
            threads = o.threads;
            tableOrderShare = o.tableOrderShare;
            averageEpochs = o.averageEpochs;
            rareCategories = o.rareCategories;
            maxTrainingRows = o.maxTrainingRows;
        }

        public Builder size(ModelSize v) {
            size = v;
            return this;
        }

        public Builder maxEpochs(int v) {
            maxEpochs = v;
            return this;
        }

        public Builder maxTrainingMinutes(double v) {
            maxTrainingMinutes = v;
            return this;
        }

        public Builder valueProtection(boolean v) {
            valueProtection = v;
            return this;
        }

        public Builder temperature(double v) {
            temperature = v;
            return this;
        }

        public Builder topP(double v) {
            topP = v;
            return this;
        }

        public Builder fixedOrder(boolean v) {
            fixedOrder = v;
            return this;
        }

        /** A count of at least 1, or {@link ArgnGenerator#AUTO_MODELS}. */
        public Builder models(int v) {
            models = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder tableOrderShare(double v) {
            tableOrderShare = v;
            return this;
        }

        public Builder averageEpochs(double v) {
            averageEpochs = v;
            return this;
        }

        public Builder rareCategories(CategoricalEncoding.RareReplacement v) {
            rareCategories = v;
            return this;
        }

        /** Rows argn trains on at most (a seeded sample of a bigger table); 0 = auto. */
        public Builder maxTrainingRows(long v) {
            maxTrainingRows = v;
            return this;
        }

        /** The options; IllegalArgumentException naming the first bad value. */
        public ArgnSettings build() {
            return new ArgnSettings(size, maxEpochs, maxTrainingMinutes, valueProtection, temperature, topP,
                    fixedOrder, models, threads, tableOrderShare, averageEpochs, rareCategories, maxTrainingRows);
        }
    }
}
