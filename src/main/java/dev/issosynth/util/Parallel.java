package dev.issosynth.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work over fixed-size blocks on a fixed number of threads.
 *
 * <p>Determinism rule of the project: the block boundaries depend only on the problem size, never on the
 * thread count, and anything reduced across blocks is reduced in block order by the caller. So a result is
 * byte-identical with 1 thread or many.
 */
public final class Parallel implements AutoCloseable {
    /** A body for one block of indices {@code [from, to)}; {@code block} is the block's number. */
    @FunctionalInterface
    public interface BlockBody {
        void run(int block, int from, int to);
    }

    /** A body for one task index. */
    @FunctionalInterface
    public interface TaskBody {
        void run(int task);
    }

    /** A body for one task index run by worker {@code worker} in {@code [0, threads())}, for per-worker scratch. */
    @FunctionalInterface
    public interface WorkerTaskBody {
        void run(int worker, int task);
    }

    private final int threads;
    private final ExecutorService pool;

    public Parallel(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "issosynth-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public int threads() {
        return threads;
    }

    public static int blockCount(int n, int blockSize) {
        return (n + blockSize - 1) / blockSize;
    }

    /** Runs {@code body} for every block of {@code blockSize} indices in {@code [0, n)}. */
    public void forBlocks(int n, int blockSize, BlockBody body) {
        int blocks = blockCount(n, blockSize);
        forTasks(blocks, b -> body.run(b, b * blockSize, Math.min(n, (b + 1) * blockSize)));
    }

    /** Runs {@code body} for every task in {@code [0, tasks)}, tasks handed out dynamically. */
    public void forTasks(int tasks, TaskBody body) {
        forTasks(tasks, (worker, task) -> body.run(task));
    }

    /**
     * Runs {@code body} for every task in {@code [0, tasks)}, handed out dynamically; each call names its worker
     * (at most one task runs per worker at a time), so a body may use per-worker scratch buffers.
     */
    public void forTasks(int tasks, WorkerTaskBody body) {
        if (tasks <= 0) {
            return;
        }
        if (pool == null || tasks == 1) {
            for (int t = 0; t < tasks; t++) {
                body.run(0, t);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, tasks);
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            futures.add(pool.submit(() -> {
                for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                    body.run(worker, t);
                }
            }));
        }
        for (Future<?> f : futures) {
            Futures.await(f);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
