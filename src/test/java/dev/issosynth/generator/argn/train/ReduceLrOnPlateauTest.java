package dev.issosynth.generator.argn.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReduceLrOnPlateauTest {

    @Test
    void halvesAfterThreeNonImprovingSteps() {
        ReduceLrOnPlateau s = new ReduceLrOnPlateau(0.004);
        assertEquals(0.004, s.step(1.0));
        assertEquals(0.004, s.step(1.0)); // bad 1
        assertEquals(0.004, s.step(1.1)); // bad 2
        assertEquals(0.002, s.step(1.0), 1e-15); // bad 3 > patience 2
        assertEquals(0, s.badSteps());
        assertEquals(0.002, s.step(0.5), 1e-15); // improvement
        assertEquals(0.5, s.best());
    }

    @Test
    void neverBelowMinLr() {
        ReduceLrOnPlateau s = new ReduceLrOnPlateau(0.004);
        s.step(1.0);
        double lr = 0;
        for (int i = 0; i < 30; i++) {
            lr = s.step(2.0);
        }
        assertEquals(0.0004, lr, 1e-15);
        assertEquals(0.0004, s.minLearningRate(), 1e-15);
        // sequence: 0.004 → 0.002 → 0.001 → 0.0005 → 0.0004 (clamped)
        ReduceLrOnPlateau t = new ReduceLrOnPlateau(0.004);
        t.step(1.0);
        double[] expected = {0.002, 0.001, 0.0005, 0.0004, 0.0004};
        for (double e : expected) {
            t.step(2);
            t.step(2);
            assertEquals(e, t.step(2), 1e-15);
        }
    }

    @Test
    void relativeThresholdRespected() {
        ReduceLrOnPlateau s = new ReduceLrOnPlateau(1.0);
        s.step(100.0);
        // 100·(1 − 1e-4) = 99.99: 99.995 is not an improvement, 99.98 is
        s.step(99.995);
        assertEquals(1, s.badSteps());
        assertEquals(100.0, s.best());
        s.step(99.98);
        assertEquals(0, s.badSteps());
        assertEquals(99.98, s.best());
        // three tiny "improvements" in a row count as bad steps and reduce the LR
        s.step(99.979);
        s.step(99.978);
        assertEquals(0.5, s.step(99.977));
    }

    @Test
    void nanCountsAsBad() {
        ReduceLrOnPlateau s = new ReduceLrOnPlateau(1.0);
        s.step(1.0);
        s.step(Double.NaN);
        assertEquals(1, s.badSteps());
    }
}
