package dev.issosynth.generator.argn.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyStoppingTest {

    @Test
    void stopsExactlyOnFifthNonImprovingValidation() {
        EarlyStopping es = new EarlyStopping();
        assertFalse(es.step(1.0));
        assertTrue(es.isLatestBest());
        for (int i = 1; i <= 4; i++) {
            assertFalse(es.step(1.0 + i * 0.1), "validation " + i);
            assertFalse(es.isLatestBest());
            assertEquals(i, es.badCount());
        }
        assertTrue(es.step(1.0)); // equal is not an improvement: 5th bad
        assertTrue(es.shouldStop());
        assertEquals(1.0, es.best());
        assertEquals(6, es.validations());
    }

    @Test
    void improvementResetsCounterAndMarksBest() {
        EarlyStopping es = new EarlyStopping();
        es.step(2.0);
        es.step(3.0);
        es.step(3.0);
        es.step(3.0);
        es.step(3.0);
        assertEquals(4, es.badCount());
        assertFalse(es.step(1.5));
        assertTrue(es.isLatestBest());
        assertEquals(0, es.badCount());
        assertEquals(1.5, es.best());
        for (int i = 0; i < 4; i++) {
            assertFalse(es.step(1.6));
        }
        assertTrue(es.step(Double.NaN)); // NaN is never an improvement
        assertTrue(es.shouldStop());
        assertEquals(1.5, es.best());
    }
}
