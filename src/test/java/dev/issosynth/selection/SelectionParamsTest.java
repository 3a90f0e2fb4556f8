package dev.issosynth.selection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SelectionParamsTest {
    @Test
    void theBuilderStartsFromTheDefaults() {
        SelectionParams d = SelectionParams.builder().build();
        assertEquals(0, d.size());
        assertEquals(1.25, d.oversizeFactor());
        assertEquals(-1, d.ipfTopPairs());
        assertEquals(3, d.ipfIterations());
        assertEquals(30.0, d.ipfSmoothing());
        assertEquals(500, d.refineTopPairs());
        assertEquals(300, d.refineRandomTriples());
        assertEquals(500, d.refinementIterations());
        assertEquals(100_000, d.refineCandidates());
        assertEquals(42, d.seed());
        assertEquals(d.withSize(7), SelectionParams.defaults(7));
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        SelectionParams a = SelectionParams.defaults(10).toBuilder().ipfDamping(0.5).seed(3).build();
        assertEquals(0.5, a.ipfDamping());
        assertEquals(3, a.seed());
        assertEquals(SelectionParams.defaults(10).toBuilder().ipfDamping(0.5).seed(3).build(), a);
        assertEquals(a, a.toBuilder().build());
    }

    @Test
    void eachBadValueFailsOnceNamingItsOption() {
        assertEquals("--size must not be negative (0 = as many rows as the training data): -1",
                bad(SelectionParams.builder().size(-1)));
        assertEquals("--oversize-factor must be a finite number of at least 1: 0.5",
                bad(SelectionParams.builder().oversizeFactor(0.5)));
        assertEquals("--ipf-damping must be in [0, 1] (0 = auto): 1.5", bad(SelectionParams.builder().ipfDamping(1.5)));
        assertEquals("--refine-shortlist must be at least 1: 0", bad(SelectionParams.builder().refineShortlist(0)));
        assertEquals("--max-refinement-minutes must be a finite number of at least 0: NaN",
                bad(SelectionParams.builder().maxRefinementMinutes(Double.NaN)));
        assertEquals("--ipf-top-pairs must be -1 (all) or more: -2", bad(SelectionParams.builder().ipfTopPairs(-2)));
    }

    @Test
    void automaticDampingIsGentlerWithMorePairs() {
        assertEquals(1.0, SelectionParams.autoDamping(100));
        assertEquals(0.5, SelectionParams.autoDamping(400));
        assertEquals(0.25, SelectionParams.defaults(1).toBuilder().ipfDamping(0.25).build().effectiveDamping(400));
    }

    private static String bad(SelectionParams.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }
}
