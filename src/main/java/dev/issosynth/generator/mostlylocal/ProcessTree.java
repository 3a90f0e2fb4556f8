package dev.issosynth.generator.mostlylocal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a process together with every process it started (the SDK's local mode trains in child processes). */
final class ProcessTree {
    /** How long the processes get to end after the polite signal before they are killed. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private ProcessTree() {
    }

    /** Asks the whole tree to end, waits up to {@code grace}, then kills what is left; returns when all are gone. */
    static void stop(Process process, Duration grace) {
        // collected before the parent ends: orphaned children are no longer its descendants
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : tree) {
            if (!awaitExit(p, deadline - System.nanoTime())) {
                p.destroyForcibly();
                awaitExit(p, GRACE.toNanos());
            }
        }
    }

    private static boolean awaitExit(ProcessHandle p, long nanos) {
        try {
            p.onExit().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
