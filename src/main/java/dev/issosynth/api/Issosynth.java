package dev.issosynth.api;

import dev.issosynth.generator.PoolOutput;
import dev.issosynth.pipeline.EvaluationRun;
import dev.issosynth.pipeline.SelectionRun;
import dev.issosynth.pipeline.StageFigures;
import dev.issosynth.quality.AccuracyReport;
import dev.issosynth.quality.PrivacyEvaluator;
import dev.issosynth.quality.PrivacyReport;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;

import java.nio.file.Path;
import java.util.List;

/**
 * The steps of a job, to call from Java: write a pool, select from any pool (the post-processing on its own),
 * evaluate. Every file is written atomically (a failed step leaves none); bad input is an
 * {@link IssosynthException}; nothing is printed.
 *
 * <pre>{@code
 * Table train = Table.read(Path.of("train.csv"), TableOptions.builder().naValues("?").build());
 * Path pool = Issosynth.generatePool(train, GeneratorOptions.defaults(), 10L * train.rowCount(), 42,
 *         Path.of("pool.csv"), ProgressListener.none());
 * SelectionResult r = Issosynth.select(train, pool, Path.of("result.csv"), SelectionOptions.defaults(),
 *         ProgressListener.none());
 * }</pre>
 */
public final class Issosynth {
    private Issosynth() {
    }

    /** Trains the generator on {@code train} and writes {@code rows} pool rows to the CSV {@code out}. */
    public static Path generatePool(Table train, GeneratorOptions options, long rows, long seed, Path out,
                                    ProgressListener listener) {
        return IssosynthException.wrap(() -> {
            var generator = options.create();
            Progress progress = ProgressListener.progressOf(listener);
            if (!generator.reportsOwnStages()) {
                progress.stage("generate " + generator.name());
            }
            generator.generate(train.training(), rows, seed, PoolOutput.to(out), progress);
            if (!generator.reportsOwnStages()) {
                progress.done(rows + " rows");
            }
            return out;
        });
    }

    /**
     * Chooses the rows of {@code pool} (a CSV with the training columns, from any model) that best match the training
     * data, steered away from the training rows as far as new real records are, and writes them to {@code output}.
     */
    public static SelectionResult select(Table train, Path pool, Path output, SelectionOptions options,
                                         ProgressListener listener) {
        return IssosynthException.wrap(() -> {
            try (Parallel par = new Parallel(options.threads())) {
                SelectionRun.Outcome o = SelectionRun.run(train.training(), pool, output, options.params(),
                        options.privacy(), null, par, ProgressListener.progressOf(listener));
                List<StageFigures> stages = o.stages();
                AccuracyReport a = stages.get(stages.size() - 1).accuracy();
                double steered = o.steering() == null ? Double.NaN : o.steering().headline();
                return new SelectionResult(o.output(), o.rows(), o.poolRows(), a.overall(), a.univariate(),
                        a.bivariate(), a.trivariate(), steered);
            }
        });
    }

    /**
     * Accuracy of the CSV {@code synthetic} against {@code train}, and with a {@code holdout} CSV (real rows the
     * generator never saw; null for none) the privacy figures on all rows, worst column group.
     */
    public static Evaluation evaluate(Table train, Path synthetic, Path holdout, long seed) {
        return IssosynthException.wrap(() -> {
            try (Parallel par = new Parallel(0)) {
                EvaluationRun.Outcome o = EvaluationRun.run(train.training(), synthetic, holdout, seed,
                        PrivacyEvaluator.ALL_ROWS, par);
                AccuracyReport a = o.synthetic();
                PrivacyReport p = o.privacy();
                return new Evaluation(a.overall(), a.univariate(), a.bivariate(), a.trivariate(), a.overallMax(),
                        p != null, p == null ? Double.NaN : p.dcrShare(), p == null ? Double.NaN : p.nndrRatio(),
                        p != null && !p.fails(), o.copying() == null ? Double.NaN : o.copying().syntheticShare(),
                        o.copying() != null && o.copying().moreThanReal());
            }
        });
    }
}
