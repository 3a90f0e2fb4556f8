package dev.issosynth.pipeline;

import dev.issosynth.quality.AccuracyReport;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.selection.SelectionEngine;
import dev.issosynth.selection.StageListener;
import dev.issosynth.util.Parallel;

import java.util.ArrayList;
import java.util.List;

/**
 * One selection stage as a job reports it: the engine's figures and the accuracy of the rows it chose against the
 * training data (null when the stages were not scored).
 */
public record StageFigures(String stage, double seconds, int rows, double objective, AccuracyReport accuracy) {

    /** A stage listener that scores each stage's rows with the evaluator, in stage order. */
    static final class Scorer implements StageListener {
        private final CodeTable train;
        private final CodeTable pool;
        private final long seed;
        private final Parallel par;
        private final List<StageFigures> stages = new ArrayList<>();

        Scorer(CodeTable train, CodeTable pool, long seed, Parallel par) {
            this.train = train;
            this.pool = pool;
            this.seed = seed;
            this.par = par;
        }

        @Override
        public void stageDone(SelectionEngine.StageReport r, int[] rows) {
            AccuracyReport a = dev.issosynth.quality.AccuracyEvaluator.evaluate(train, pool.select(rows), seed, par);
            stages.add(new StageFigures(r.stage(), r.seconds(), r.rows(), r.objective(), a));
        }

        List<StageFigures> stages() {
            return List.copyOf(stages);
        }
    }
}
