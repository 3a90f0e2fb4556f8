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

    @Test
    void aHugePoolIsNarrowedToTheIpfRowsAndASeededReserve() {
        int[] ipf = {3, 10, 11, 40};
        assertEquals(null, SelectionEngine.narrowedRows(100, ipf, 1, 100), "a pool within the bound is kept whole");
        assertEquals(null, SelectionEngine.narrowedRows(7, new int[] {1, 2, 3, 4}, 1, 5), "8 rows kept of 7: whole");
        int[] a = SelectionEngine.narrowedRows(100, ipf, 1, 10);
        assertEquals(10, a.length, "max(10, 2 x 4 IPF rows)");
        IpfSelectorTest.assertDistinctAscending(a);
        for (int r : ipf) {
            assertTrue(java.util.Arrays.binarySearch(a, r) >= 0, "IPF row " + r + " kept");
        }
        assertArrayEquals(a, SelectionEngine.narrowedRows(100, ipf, 1, 10));
        assertEquals(8, SelectionEngine.narrowedRows(100, ipf, 1, 5).length, "2 x the IPF rows when more");
    }

    @Test
    void aNarrowedRunStillBeatsItsIpfSubsetAndReportsPoolRows() {
        CodeTable train = SyntheticCodes.chained(1000, 6, 5, 0.6, 71);
        CodeTable pool = SyntheticCodes.noisyCopies(train, 30_000, 0.5, 72);
        SelectionParams p = SelectionParams.defaults(train.rows()).toBuilder().ipfIterations(3).refineRandomTriples(10)
                .refinementIterations(30).refineShortlist(200).refineCandidates(2000).seed(3).build();
        try (Parallel par = new Parallel(2)) {
            java.util.Map<String, int[]> seen = new java.util.LinkedHashMap<>();
            java.util.List<String> info = new java.util.ArrayList<>();
            Progress progress = dev.issosynth.testing.TestProgress.infoInto(info);
            // narrowed beyond 5,000 rows: the 1,250 IPF rows and a reserve, 5,000 in all
            SelectionEngine.Result r = SelectionEngine.run(TrainingTargets.of(train), java.util.List.of(), pool, null, p,
                    par, progress, (report, rows) -> seen.put(report.stage(), rows.clone()), 5000);
            assertTrue(info.stream().anyMatch(l -> l.contains("1,250 IPF rows and 3,750 other rows")), info.toString());
            assertEquals(1000, r.rows().length);
            IpfSelectorTest.assertDistinctAscending(r.rows());
            assertArrayEquals(r.rows(), seen.get("refine"), "the listener hears pool rows");
            double ipf = AccuracyEvaluator.evaluate(train, pool.select(seen.get("ipf")), 1, par).overall();
            double out = AccuracyEvaluator.evaluate(train, pool.select(r.rows()), 1, par).overall();
            assertTrue(out > ipf, "narrowed refinement " + out + " vs IPF subset " + ipf);
        }
    }
}
