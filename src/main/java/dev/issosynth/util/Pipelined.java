package dev.issosynth.util;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One task at a time on a background daemon thread, so the caller prepares the next piece of work meanwhile (a
 * generator writes batch k while its workers compute batch k+1). {@link #submit} first waits for the previous task,
 * so tasks run in submission order and each sees what the ones before it did; a task's exception is rethrown by
 * the next {@link #submit} or {@link #await}. {@link #close} waits for a running task, so nothing it uses is closed
 * under it.
 */
public final class Pipelined implements AutoCloseable {
    private final ExecutorService thread;
    private Future<?> pending;

    public Pipelined(String threadName) {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for the previous task (rethrowing its exception), then starts {@code task}. */
    public void submit(Runnable task) {
        await();
        pending = thread.submit(task);
    }

    /** Waits for the last submitted task; rethrows its unchecked exception or error. */
    public void await() {
        Future<?> f = pending;
        pending = null;
        if (f == null) {
            return;
        }
        Futures.await(f);
    }

    /** Lets a running task finish (its exception, if any, is dropped: close follows a failure or an await). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                // a task that takes longer is still using what the caller is about to close: keep waiting
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
