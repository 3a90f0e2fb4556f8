package dev.issosynth.pipeline;

import dev.issosynth.io.CsvReader;
import dev.issosynth.io.RawTable;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.schema.MissingValues;
import dev.issosynth.schema.Schema;

import java.nio.file.Path;

/**
 * The tables of an evaluation (training, synthetic, optional holdout) read and binned on the schema fitted to the
 * training data, as {@code evaluate} and {@code report} both need them. {@code holdout} and {@code holdoutCodes}
 * are null without a holdout.
 */
public record EvaluationInputs(RawTable train, Schema schema, CodeTable trainCodes, RawTable synth,
                               CodeTable synthCodes, RawTable holdout, CodeTable holdoutCodes) {

    public static EvaluationInputs read(Path trainPath, Path synthPath, Path holdoutPath, MissingValues na) {
        RawTable train = CsvReader.read(trainPath);
        Schema schema = Schema.fit(train, na);
        CodeTable trainCodes = schema.encode(train, trainPath.getFileName().toString());
        RawTable synth = CsvReader.read(synthPath);
        CodeTable synthCodes = schema.encode(synth, synthPath.getFileName().toString());
        RawTable holdout = holdoutPath == null ? null : CsvReader.read(holdoutPath);
        CodeTable holdoutCodes = holdout == null ? null : schema.encode(holdout, holdoutPath.getFileName().toString());
        return new EvaluationInputs(train, schema, trainCodes, synth, synthCodes, holdout, holdoutCodes);
    }
}
