package dev.issosynth.generator.argn.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParameterAverageTest {
    @Test
    void aPlainMeanForTheFirstWindowThenAnExponentialAverage() {
        ParameterAverage avg = new ParameterAverage(new float[] {100, 100}, 2);
        avg.update(new float[] {2, 4});
        assertArrayEquals(new float[] {2, 4}, avg.values(), "the initial weights are gone after one step");
        avg.update(new float[] {4, 0});
        assertArrayEquals(new float[] {3, 2}, avg.values(), "mean of the two steps");
        avg.update(new float[] {5, 2});
        assertArrayEquals(new float[] {4, 2}, avg.values(), "rate 1/2 from now on: (3 + 5) / 2, (2 + 2) / 2");
        assertEquals(3, avg.updates());

        ParameterAverage four = new ParameterAverage(new float[] {0}, 4);
        for (float v : new float[] {1, 2, 3, 6}) {
            four.update(new float[] {v});
        }
        assertArrayEquals(new float[] {3}, four.values(), "mean of 1, 2, 3, 6");
        four.update(new float[] {7});
        assertArrayEquals(new float[] {4}, four.values(), "3 + (7 - 3) / 4");
    }

    @Test
    void blocksOnSeveralThreadsGiveTheSameAverage() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        float[] start = new float[200_003]; // more than three blocks, the last one partial
        ParameterAverage one = new ParameterAverage(start, 3);
        ParameterAverage many = new ParameterAverage(start, 3);
        try (dev.issosynth.util.Parallel par = new dev.issosynth.util.Parallel(3)) {
            for (int step = 0; step < 5; step++) {
                float[] p = new float[start.length];
                for (int i = 0; i < p.length; i++) {
                    p[i] = (float) rnd.nextGaussian();
                }
                one.update(p);
                many.update(p, par);
            }
        }
        assertArrayEquals(one.values(), many.values());
    }

    @Test
    void theStartingArrayIsCopiedAndSizesMustMatch() {
        float[] p = {1, 2};
        ParameterAverage avg = new ParameterAverage(p, 3);
        p[0] = 9;
        assertArrayEquals(new float[] {1, 2}, avg.values());
        assertThrows(IllegalArgumentException.class, () -> avg.update(new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new ParameterAverage(p, 0.5));
    }
}
