package dev.issosynth.generator.mostlylocal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessTreeTest {
    /** True once {@code pid} has ended (waits up to 3 s: an orphan is reaped by init, not by us). */
    static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** sh running a background sleep and a foreground sleep; returns once both are running. */
    static Process shellWithChildren(String prelude) throws IOException, InterruptedException {
        Path sh = Path.of("/bin/sh");
        assumeTrue(Files.isExecutable(sh), "no /bin/sh here");
        Process p = new ProcessBuilder(sh.toString(), "-c", prelude + "sleep 600 & sleep 600").start();
        for (int i = 0; i < 100 && p.descendants().count() < 2; i++) {
            Thread.sleep(20);
        }
        assumeTrue(p.descendants().count() == 2, "the shell did not start its two children");
        return p;
    }

    @Test
    void stopsTheProcessAndItsChildren() throws Exception {
        Process p = shellWithChildren("");
        long[] children = p.descendants().mapToLong(ProcessHandle::pid).toArray();
        ProcessTree.stop(p, Duration.ofSeconds(5));
        assertTrue(gone(p.pid()));
        for (long c : children) {
            assertTrue(gone(c), "child " + c + " still runs");
        }
    }

    @Test
    void killsWhatIgnoresThePoliteSignalAfterTheGracePeriod() throws Exception {
        // an ignored signal stays ignored in the children too
        Process p = shellWithChildren("trap '' TERM; ");
        long[] tree = p.descendants().mapToLong(ProcessHandle::pid).toArray();
        long start = System.nanoTime();
        ProcessTree.stop(p, Duration.ofMillis(300));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(gone(p.pid()));
        for (long c : tree) {
            assertTrue(gone(c), "child " + c + " still runs");
        }
        assertTrue(seconds < 3, "took " + seconds + " s");
    }
}
