package dev.issosynth.selection;

import dev.issosynth.schema.CodeTable;
import dev.issosynth.util.Parallel;
import dev.issosynth.util.Progress;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Privacy marginals in the engine: one-sided caps, exact gains, and codes computed only for rows asked about. */
class PrivacyMarginalTest {

    /** Fixed codes per pool row, lazily "computed": unknown codes read as an impossible value until required. */
    static final class FakeTargets implements PrivacyTargets {
        final byte[] truth;
        final byte[] codes;
        final boolean[] known;
        final double[] shares;
        int required;

        long budget = Long.MAX_VALUE;

        FakeTargets(byte[] truth, double[] shares) {
            this.truth = truth;
            this.codes = new byte[truth.length];
            Arrays.fill(codes, (byte) 0x7F); // reading an unknown code would index far past the histogram
            this.known = new boolean[truth.length];
            this.shares = shares;
        }

        @Override
        public int marginals() {
            return 1;
        }

        @Override
        public String name(int k) {
            return "closeness";
        }

        @Override
        public double[] shares(int k) {
            return shares.clone();
        }

        @Override
        public boolean[] capped(int k) {
            boolean[] c = new boolean[shares.length];
            Arrays.fill(c, 0, c.length - 1, true);
            return c;
        }

        @Override
        public byte[] codes(int k) {
            return codes;
        }

        @Override
        public boolean known(int row) {
            return known[row];
        }

        @Override
        public long refinementBudget() {
            return budget;
        }

        @Override
        public void require(int[] rows, int count, Parallel par) {
            for (int i = 0; i < count; i++) {
                int r = rows[i];
                if (!known[r]) {
                    known[r] = true;
                    codes[r] = truth[r];
                    required++;
                }
            }
        }
    }

    /** Code 0 ("close") for a seeded third of the rows, 1 for the rest. */
    private static byte[] aThirdClose(int rows) {
        byte[] truth = new byte[rows];
        SplittableRandom rng = new SplittableRandom(13);
        for (int r = 0; r < rows; r++) {
            truth[r] = (byte) (rng.nextInt(3) == 0 ? 0 : 1);
        }
        return truth;
    }

    @Test
    void aCappedCodeCostsOnlyTheRowsOverItsTarget() {
        // one column of 1 bin (no accuracy error possible); privacy codes {0 capped at 1/4, 1 free}; size 4
        CodeTable train = CodeTable.ofRows(new int[] {1}, new int[] {0}, new int[] {0}, new int[] {0}, new int[] {0});
        CodeTable pool = CodeTable.ofRows(new int[] {1}, new int[] {0}, new int[] {0}, new int[] {0}, new int[] {0},
                new int[] {0});
        FakeTargets t = new FakeTargets(new byte[] {0, 0, 0, 1, 1}, new double[] {0.25, 0.75});
        t.require(new int[] {0, 1, 2, 3, 4}, 5, null);
        FeatureSet fs = FeatureSet.of(train.cardinalities(), List.of(), List.of(), new int[] {2});
        SubsetState s = new SubsetState(fs, train, pool, 4, t, 2.0);
        s.add(3);
        s.add(4);
        s.add(0);
        // one code-0 row = its target (1 of 4): no cost; two code-1 rows under nothing: free (the accuracy part
        // is one row short of the target size: 1 / (2 * 4))
        assertEquals(0.0, s.privacyExcess(), 1e-15);
        assertEquals(0.125, s.objective(), 1e-15);
        s.add(1);
        // two code-0 rows: one over the cap, cost 2.0 / (2 * 4) = 0.25
        assertEquals(0.25, s.objective(), 1e-15);
        assertEquals(0.25, s.privacyExcess(), 1e-15);
        assertEquals(0.25, s.recomputeObjective(), 1e-15);
        // any row in or out moves the one-bin column off its target by 1: 1 / (2 * 4) = 0.125 of accuracy
        assertEquals(0.25 - 0.125, s.removalGain(1), 1e-15, "dropping a code-0 row removes the excess");
        assertEquals(-0.125, s.removalGain(3), 1e-15, "dropping a free row costs accuracy only");
        assertEquals(-0.25 - 0.125, s.additionGain(2), 1e-15, "a third code-0 row adds one more row of excess");
        assertEquals(0.0, s.privacyAdditionGain(2) + 0.25, 1e-15);
        assertEquals(0.0, s.maxPrivacyAdditionGain(), 1e-15, "the best code (the free one) costs nothing");
        assertEquals(0.0, s.phaseError(FeatureSet.UNI), 1e-15, "privacy is not an accuracy phase");
    }

    @Test
    void gainsStayExactWithPrivacyMarginals() {
        CodeTable train = SyntheticCodes.chained(300, 5, 4, 0.5, 1);
        CodeTable pool = SyntheticCodes.independent(train, 1000, 2);
        byte[] truth = new byte[pool.rows()];
        SplittableRandom rng = new SplittableRandom(3);
        for (int r = 0; r < truth.length; r++) {
            truth[r] = (byte) rng.nextInt(3);
        }
        FakeTargets t = new FakeTargets(truth, new double[] {0.1, 0.2, 0.7});
        int[] all = new int[pool.rows()];
        Arrays.setAll(all, i -> i);
        t.require(all, all.length, null);
        FeatureSet fs = FeatureSet.of(train.cardinalities(), List.of(new int[] {0, 1}), List.of(), new int[] {3});
        SubsetState s = new SubsetState(fs, train, pool, 300, t, SelectionEngine.PRIVACY_WEIGHT);
        for (int step = 0; step < 3000; step++) {
            int r = rng.nextInt(pool.rows());
            double before = s.recomputeObjective();
            if (s.isChosen(r)) {
                double g = s.removalGain(r);
                s.remove(r);
                assertEquals(before - g, s.recomputeObjective(), 1e-12);
            } else {
                double g = s.additionGain(r);
                s.add(r);
                assertEquals(before - g, s.recomputeObjective(), 1e-12);
            }
        }
    }

    @Test
    void theEngineHoldsTheCapAndAsksOnlyForTheRowsItConsiders() {
        CodeTable train = SyntheticCodes.chained(500, 6, 4, 0.6, 11);
        CodeTable pool = SyntheticCodes.independent(train, 20_000, 12);
        // a third of the pool is "too close" (code 0); real records are that close 5 % of the time
        byte[] truth = aThirdClose(pool.rows());
        FakeTargets t = new FakeTargets(truth, new double[] {0.05, 0.95});
        t.budget = 3000;
        SelectionParams p = SelectionParams.builder().size(500).seed(5).refinementIterations(40)
                .refineCandidates(2000).build();
        SelectionEngine.Result free;
        SelectionEngine.Result steered;
        try (Parallel par = new Parallel(2)) {
            free = SelectionEngine.run(train, pool, p, par, Progress.silent());
            steered = SelectionEngine.run(train, pool, t, p, par, Progress.silent(), null);
        }
        long closeFree = Arrays.stream(free.rows()).filter(r -> truth[r] == 0).count();
        long closeSteered = Arrays.stream(steered.rows()).filter(r -> truth[r] == 0).count();
        assertTrue(closeFree > 100, "unsteered, about a third of the rows are close: " + closeFree);
        assertTrue(closeSteered <= 25, "steered, at most 5 % of 500: " + closeSteered);
        for (int r : steered.rows()) {
            assertTrue(t.known(r), "every chosen row's code was computed");
        }
        // the IPF subset (1.25 x 500) and at most the refinement's budget of new rows
        assertTrue(t.required <= 625 + 3000, "codes computed for " + t.required + " of " + pool.rows() + " rows");
        assertTrue(t.required > 625, "refinement measured new candidates: " + t.required);
    }

    /** Rows over a cap after trimming: refinement may search three IPF subsets' worth, whatever the budget said. */
    @Test
    void refinementSearchesMoreWhenTrimmingLeftRowsOverACap() {
        CodeTable train = SyntheticCodes.chained(500, 6, 4, 0.6, 11);
        CodeTable pool = SyntheticCodes.independent(train, 20_000, 12);
        byte[] truth = aThirdClose(pool.rows());
        FakeTargets t = new FakeTargets(truth, new double[] {0.05, 0.95});
        t.budget = 100;
        SelectionParams p = SelectionParams.builder().size(500).seed(5).refinementIterations(40)
                .refineCandidates(2000).build();
        SelectionEngine.Result steered;
        try (Parallel par = new Parallel(2)) {
            steered = SelectionEngine.run(train, pool, t, p, par, Progress.silent(), null);
        }
        // the IPF subset (625 rows, about a third close) cannot be trimmed under the cap of 25
        assertTrue(t.required > 625 + 100, "the budget grew: " + t.required);
        assertTrue(t.required <= 625 + 3 * 625, "at most 3 x 625 new rows: " + t.required);
        long close = Arrays.stream(steered.rows()).filter(r -> truth[r] == 0).count();
        assertTrue(close <= 25, "the cap holds: " + close);
    }
}
