package dev.issosynth.cli;

import dev.issosynth.generator.argn.ArgnSettings;
import dev.issosynth.generator.argn.ArgnGenerator;
import dev.issosynth.generator.argn.ArgnModelFile;
import dev.issosynth.pipeline.PoolSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --save-model} and {@code --model-file} of the argn generator, shared by {@code generate} and {@code run}:
 * the usage checks and the pool's source (train and maybe save, or sample a saved model).
 */
public class ModelFileOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--save-model", paramLabel = "M",
            description = "argn: also write the trained model to this file (atomically, after the pool), to sample "
                    + "from later with --model-file. One model only: with --models above 1 it is a usage error.")
    Path saveModel;

    @Option(names = "--model-file", paramLabel = "M",
            description = "argn: sample from this saved model (see --save-model) instead of training. generate: "
                    + "without --train; run: TRAIN.csv is still needed for the selection and must have the model's "
                    + "columns.")
    Path modelFile;

    /** True when the pool comes from a saved model (no training). */
    boolean sampling() {
        return modelFile != null;
    }

    /**
     * Usage checks (exit 2): a model file is an argn model and excludes --save-model and --models above 1; saving
     * needs the argn generator and one model. {@code generator} is the effective generator name (null = none given:
     * the caller reports that).
     */
    void validate(String generator, ArgnSettings argn) {
        if (modelFile != null) {
            Usage.require(generator == null || ArgnGenerator.NAME.equals(generator), mixee,
                    "--model-file holds an argn model: use it without --generator or with --generator argn, not "
                            + generator);
            Usage.require(saveModel == null, mixee, "--save-model and --model-file exclude each other");
            Usage.require(argn.models() <= 1, mixee, "--model-file samples from one saved model; use --models 1");
            return;
        }
        if (saveModel != null) {
            Usage.require(generator == null || ArgnGenerator.NAME.equals(generator), mixee,
                    "--save-model is only for --generator argn");
            Usage.require(argn.models() <= 1, mixee, ArgnGenerator.SAVE_ONE_MODEL); // auto saves one
        }
    }

    /**
     * Where the pool comes from for generator {@code name}: the saved model (read here; one-line errors, exit 1)
     * or the named generator trained on the training data, saving its model if asked.
     */
    PoolSource source(String name, ArgnOptions argn, MostlyOptions mostly, int threads) {
        if (sampling()) {
            return new PoolSource.SavedModel(ArgnModelFile.read(modelFile), modelFile,
                    new ArgnGenerator(argn.toOptions().withThreads(threads)));
        }
        return new PoolSource.Trained(GenerateCommand.GeneratorNames.create(mixee, name, argn, mostly, threads),
                saveModel);
    }
}
