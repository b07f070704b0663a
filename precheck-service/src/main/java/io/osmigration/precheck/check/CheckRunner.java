package io.osmigration.precheck.check;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checks on a bounded pool and gives each a deadline. A check that is still running at its deadline is
 * interrupted and {@code onTimeout} runs, so one dead instance costs one slot for at most the timeout and never
 * holds up the checks queued behind it beyond that.
 */
public class CheckRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckRunner.class);

    private final ExecutorService pool;
    private final ScheduledExecutorService deadlines;
    private final Duration timeout;

    public CheckRunner(int maxConcurrent, Duration timeout) {
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "precheck-" + counter.incrementAndGet()));
        this.deadlines = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "precheck-deadlines"));
        this.timeout = timeout;
    }

    /** The deadline starts when the check starts, not when it is queued: waiting in the queue is not its fault. */
    public void submit(String name, Runnable check, Runnable onTimeout) {
        pool.execute(() -> {
            Thread worker = Thread.currentThread();
            Object lock = new Object();
            boolean[] finished = {false};
            Future<?> deadline = deadlines.schedule(() -> {
                log.warn("Check {} exceeded {}; ending it", name, timeout);
                onTimeout.run();
                synchronized (lock) {
                    if (!finished[0]) {
                        worker.interrupt();
                    }
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                check.run();
            } catch (RuntimeException e) {
                log.error("Check {} failed", name, e);
            } finally {
                deadline.cancel(false);
                synchronized (lock) {
                    finished[0] = true;
                    Thread.interrupted(); // a late interrupt must not leak into the next check on this thread
                }
            }
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
        deadlines.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
