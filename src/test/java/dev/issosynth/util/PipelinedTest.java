package dev.issosynth.util;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelinedTest {
    @Test
    void tasksRunOneAtATimeInSubmissionOrderOffTheCallersThread() {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        try (Pipelined p = new Pipelined("test-writer")) {
            for (int i = 0; i < 50; i++) {
                int n = i;
                p.submit(() -> {
                    seen.add(n);
                    threads.add(Thread.currentThread().getName());
                });
            }
            p.await();
        }
        List<Integer> want = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            want.add(i);
        }
        assertEquals(want, seen);
        assertTrue(threads.stream().allMatch("test-writer"::equals), threads.toString());
        assertNotEquals("test-writer", Thread.currentThread().getName());
    }

    @Test
    void theCallerWorksWhileATaskRuns() {
        CountDownLatch callerDone = new CountDownLatch(1);
        AtomicBoolean sawCaller = new AtomicBoolean();
        try (Pipelined p = new Pipelined("test-writer")) {
            p.submit(() -> {
                try {
                    sawCaller.set(callerDone.await(10, TimeUnit.SECONDS)); // needs the caller's step below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            callerDone.countDown(); // reached only because submit returned before the task finished
            p.await();
        }
        assertTrue(sawCaller.get());
    }

    @Test
    void aTaskFailureIsRethrownByTheNextSubmitOrAwait() {
        try (Pipelined p = new Pipelined("test-writer")) {
            p.submit(() -> {
                throw new IllegalArgumentException("disk full");
            });
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.submit(() -> { }));
            assertEquals("disk full", e.getMessage());
            p.submit(() -> {
                throw new IllegalStateException("again");
            });
            assertThrows(IllegalStateException.class, p::await);
            p.await(); // nothing pending any more
        }
    }

    @Test
    void closeWaitsForTheRunningTask() {
        AtomicBoolean finished = new AtomicBoolean();
        try (Pipelined p = new Pipelined("test-writer")) {
            p.submit(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.set(true);
            });
        }
        assertTrue(finished.get(), "close returned while the task still ran");
    }
}
