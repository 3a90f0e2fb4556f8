package dev.issosynth.schema;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** New keys keep the training keys' shape and never repeat one, even where the shapes run out. */
class FreshKeysTest {

    private static void drawAndCheck(String[] training, int draws, String pattern, long seed) {
        FreshKeys fresh = FreshKeys.fit(training, seed);
        Set<String> taken = new HashSet<>(Set.of(training));
        for (int i = 0; i < draws; i++) {
            String k = fresh.next();
            assertTrue(taken.add(k), "repeats a training or earlier key: " + k);
            assertTrue(k.matches(pattern), k + " does not match " + pattern);
        }
    }

    @Test
    void lettersStayLettersDigitsStayDigitsAndSeparatorsStay() {
        drawAndCheck(new String[] {"milletr01", "rojasme01", "aaronha02"}, 2_000, "[a-z]{7}\\d\\d", 1);
        drawAndCheck(new String[] {"AB-1234", "CD-9876", "EF-5555"}, 2_000, "[A-Z]{2}-[1-9]\\d{3}", 2);
    }

    @Test
    void aCommonPrefixIsKeptAndNumbersKeepTheirLength() {
        drawAndCheck(new String[] {"CUST-000123", "CUST-004711", "CUST-000999"}, 1_000, "CUST-00\\d{4}", 3);
        drawAndCheck(new String[] {"5012", "7344", "9120"}, 1_000, "[1-9]\\d{3}", 4);
    }

    @Test
    void hexKeysStayHex() {
        drawAndCheck(new String[] {"3f9a0c1e", "b27d44a0", "0c1d2e3f"}, 1_000, "[0-9a-f]{8}", 5);
    }

    @Test
    void usedUpShapesGrowADigitInsteadOfRepeating() {
        String[] ids = new String[90];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Integer.toString(10 + i); // every two-digit number is taken
        }
        drawAndCheck(ids, 300, "[1-9]\\d{2,}", 6);
    }

    @Test
    void theSameSeedGivesTheSameKeys() {
        String[] t = {"x1", "y2", "z3"};
        FreshKeys a = FreshKeys.fit(t, 9);
        FreshKeys b = FreshKeys.fit(t, 9);
        for (int i = 0; i < 50; i++) {
            String k = a.next();
            assertTrue(k.equals(b.next()), k);
        }
        String first = FreshKeys.fit(t, 9).next();
        boolean differs = false;
        for (long seed = 10; seed < 15; seed++) {
            differs |= !first.equals(FreshKeys.fit(t, seed).next());
        }
        assertTrue(differs, "other seeds, other keys");
    }
}
