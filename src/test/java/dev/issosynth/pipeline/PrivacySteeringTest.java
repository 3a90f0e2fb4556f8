package dev.issosynth.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.issosynth.selection.PrivacyTargets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivacySteeringTest {
    @Test
    void aNarrowedSteeringKeepsTheFlagsOfItsRowsAndAnswersForTheWholeOne() {
        byte[] copies = {0, 1, 0, 1, 1, 0};
        PrivacySteering all = new PrivacySteering(null, null, null, 6,
                List.of(new PrivacySteering.Flag("copies", copies, 0.25)), 100);
        PrivacyTargets narrow = all.restrict(new int[] {1, 2, 4});
        assertEquals(1, narrow.marginals());
        assertArrayEquals(new byte[] {1, 0, 1}, narrow.codes(0), "row i of the narrowed steering is kept row i");
        assertArrayEquals(new double[] {0.75, 0.25}, narrow.shares(0));
        assertEquals(100, narrow.refinementBudget());
        // the whole steering's figures come from the narrowed one, for engine rows among the kept ones
        assertEquals(0.5, all.flagShareOf("copies", new int[] {2, 4}), 1e-15);
        assertEquals(1.0, all.flagShareOf("copies", new int[] {1, 4}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> all.flagShareOf("copies", new int[] {3}));
    }
}
