package io.osmigration.platform.work;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A worker thread that runs rounds of work for as long as the application runs: right away while there is work, and
 * after {@link #idleWait()} (or an earlier {@link #wakeUp()}) when a round found none. A failed round is logged and
 * retried after {@link #errorWait()}, doubled with every further failure in a row up to {@link #maxErrorWait()}, so
 * a database or broker that is away for minutes costs a few calls, not a busy loop; a failure never kills the thread.
 * Started and stopped with the Spring context, before the clients it uses go away.
 *
 * <p>Services keep what must survive a crash in MongoDB, not in the loop: the loop only picks work up from there.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    protected BackgroundLoop(String threadName) {
        this.threadName = threadName;
    }

    /** One round of work; returns how much it did, 0 when it found nothing to do. */
    public abstract int runOnce();

    /** How long to wait after a round that found nothing to do. */
    protected abstract Duration idleWait();

    /** How long to wait after a round that failed (the first of a row of failures). */
    protected Duration errorWait() {
        return Duration.ofSeconds(1);
    }

    /** The longest wait after failed rounds, however many failed in a row. */
    protected Duration maxErrorWait() {
        return Duration.ofSeconds(30);
    }

    /** The wait after the {@code failures}-th failed round in a row: {@link #errorWait()} doubled, capped. */
    final Duration backoff(int failures) {
        Duration wait = errorWait();
        for (int i = 1; i < failures && wait.compareTo(maxErrorWait()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxErrorWait()) > 0 ? maxErrorWait() : wait;
    }

    /** Asks for a round now instead of after the idle wait. */
    public void wakeUp() {
        wakeUp.release();
    }

    private void loop() {
        int failures = 0;
        while (running) {
            try {
                int done = runOnce();
                failures = 0;
                if (done == 0) {
                    waitFor(idleWait());
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures++;
                Duration wait = backoff(failures);
                log.warn("{} round failed ({} in a row), next try in {}: {}", threadName, failures, wait,
                        e.toString());
                pause(wait);
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** A back-off: wake-ups do not shorten it (they would turn an outage into a busy loop), stopping does. */
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitFor(Duration duration) {
        try {
            wakeUp.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS);
            wakeUp.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Daemon threads named {@code <prefix>-1}, {@code <prefix>-2}, …, for the pool a loop hands its work to: daemon,
     * so a call stuck in a socket never keeps a stopping JVM alive.
     */
    protected static ThreadFactory workerThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
