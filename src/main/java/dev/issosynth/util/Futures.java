package dev.issosynth.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for a task of our own pools, with its failure rethrown as it was thrown. */
final class Futures {
    private Futures() {
    }

    /**
     * Waits for {@code f}; rethrows the task's unchecked exception or error itself (checked ones wrapped in an
     * {@link IllegalStateException}). An interrupt cancels the task and ends in an IllegalStateException, with the
     * thread's interrupt flag set again.
     */
    static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
