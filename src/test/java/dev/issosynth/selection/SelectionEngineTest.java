package dev.issosynth.selection;

import dev.issosynth.quality.AccuracyEvaluator;
import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectionEngineTest {

    /** The engine's result and each stage's accuracy, as a listener outside the engine scores them. */
    private record Scored(SelectionEngine.Result result, java.util.Map<String, Double> accuracy) {
        int[] rows() {
            return result.rows();
        }
    }

    private static Scored run(CodeTable train, CodeTable pool, int threads, long seed) {
        SelectionParams p = SelectionParams.defaults(train.rows());
        p = p.toBuilder().ipfIterations(3).refineTopTriples(20).refineRandomTriples(10).refinementIterations(30)
                .refineShortlist(500).refineCandidates(5000).maxTrimmingMinutes(5).maxRefinementMinutes(5).seed(seed).build();
        try (Parallel par = new Parallel(threads)) {
            java.util.Map<String, Double> acc = new java.util.LinkedHashMap<>();
            StageListener scorer = (r, rows) -> acc.put(r.stage(),
                    AccuracyEvaluator.evaluate(train, pool.select(rows), seed, par).overall());
            return new Scored(SelectionEngine.run(train, pool, p, par, Progress.silent(), scorer), acc);
        }
    }

    @Test
    void sameSeedGivesTheSameRowsWithOneOrManyThreads() {
        CodeTable train = SyntheticCodes.chained(1500, 8, 6, 0.6, 51);
        CodeTable pool = SyntheticCodes.noisyCopies(train, 150_000, 0.4, 52);
        int[] one = run(train, pool, 1, 7).rows();
        int[] two = run(train, pool, 2, 7).rows();
        int[] four = run(train, pool, 4, 7).rows();
        assertArrayEquals(one, two);
        assertArrayEquals(one, four);
    }

    @Test
    void liftsAccuracyFarAboveARandomSubsetAndEachStageHelps() {
        CodeTable train = SyntheticCodes.chained(2000, 8, 6, 0.6, 61);
        CodeTable pool = SyntheticCodes.independent(train, 20_000, 62);
        Scored res = run(train, pool, 2, 1);
        assertEquals(2000, res.rows().length);
        IpfSelectorTest.assertDistinctAscending(res.rows());
        double random;
        try (Parallel par = new Parallel(2)) {
            random = AccuracyEvaluator.evaluate(train, pool.select(IntStream.range(0, 2000).toArray()), 1, par).overall();
        }
        assertEquals(java.util.List.of("pool", "ipf", "trim", "refine"), java.util.List.copyOf(res.accuracy().keySet()),
                "the listener hears every stage once, in order");
        double ipf = res.accuracy().get("ipf");
        double trim = res.accuracy().get("trim");
        double refine = res.accuracy().get("refine");
        assertEquals(random, res.accuracy().get("pool"), 0.02, "baseline is a random pool subset");
        assertTrue(ipf > random + 0.02, "ipf " + ipf + " vs random " + random);
        assertTrue(trim > ipf, "trim " + trim + " vs ipf " + ipf);
        assertTrue(refine >= trim, "refine " + refine + " vs trim " + trim);
        assertTrue(stage(res, "refine").objective() <= stage(res, "trim").objective());
    }

    private static SelectionEngine.StageReport stage(Scored res, String name) {
        return res.result().stages().stream().filter(s -> s.stage().equals(name)).findFirst().orElseThrow();
    }
}
