package dev.issosynth.pipeline;

import dev.issosynth.io.TableFiles;
import dev.issosynth.io.TableFiles;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.ColumnRules;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.TrainingTable;

import java.nio.file.Path;

/**
 * The tables of an evaluation (training, synthetic, optional holdout), each read once and binned on the schema
 * fitted to the training data, as {@code evaluate} and {@code report} both need them. {@code holdout} and
 * {@code holdoutCodes} are null without a holdout.
 */
record EvaluationInputs(TrainingTable train, RawTable synth, CodeTable synthCodes, RawTable holdout,
                        CodeTable holdoutCodes) {

    static EvaluationInputs read(Path trainPath, Path synthPath, Path holdoutPath, MissingValues na, ColumnRules columns) {
        return of(TrainingTable.read(trainPath, na, columns), synthPath, holdoutPath);
    }

    /** As {@link #read} with the training table already read. */
    static EvaluationInputs of(TrainingTable train, Path synthPath, Path holdoutPath) {
        train.codes();
        // keys are compared nowhere (the result's are fresh by design), as MOSTLY AI's QA leaves a key out
        RawTable synth = train.modelledPart(TableFiles.read(synthPath));
        CodeTable synthCodes = train.encode(synth, synthPath.getFileName().toString());
        RawTable holdout = holdoutPath == null ? null : train.modelledPart(TableFiles.read(holdoutPath));
        CodeTable holdoutCodes = holdout == null ? null : train.encode(holdout, holdoutPath.getFileName().toString());
        return new EvaluationInputs(train, synth, synthCodes, holdout, holdoutCodes);
    }
}
