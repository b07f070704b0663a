package io.osmigration.platform.work;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A worker thread that runs rounds of work for as long as the application runs: right away while there is work, and
 * after {@link #idleWait()} (or an earlier {@link #wakeUp()}) when a round found none. A failed round is logged and
 * retried after {@link #errorWait()}; it never kills the thread. Started and stopped with the Spring context, before
 * the clients it uses go away.
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

    /** How long to wait after a round that failed. */
    protected Duration errorWait() {
        return Duration.ofSeconds(1);
    }

    /** Asks for a round now instead of after the idle wait. */
    public void wakeUp() {
        wakeUp.release();
    }

    private void loop() {
        while (running) {
            try {
                if (runOnce() == 0) {
                    waitFor(idleWait());
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("{} round failed, will retry: {}", threadName, e.toString());
                waitFor(errorWait());
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
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
