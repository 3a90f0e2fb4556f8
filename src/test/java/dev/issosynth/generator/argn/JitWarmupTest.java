package dev.issosynth.generator.argn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JitWarmupTest {
    @Test
    void runsRoundsInTheBackgroundUntilClosed() throws InterruptedException {
        JitWarmup w = JitWarmup.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (w.rounds() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        w.close();
        long after = w.rounds();
        assertTrue(after >= 2, "warm-up rounds: " + after);
        Thread.sleep(50);
        assertEquals(after, w.rounds(), "no rounds after close");
    }
}
