package io.osmigration.notification.notify;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.osmigration.notification.NotificationProperties;

/** Looks for digests and snapshot reminders that fell due, every {@code osm.notifications.scan-interval}. */
@Component
class DueMessagesScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DueMessagesScheduler.class);

    private final NotificationService service;
    private final long intervalMillis;
    private ScheduledExecutorService executor;

    DueMessagesScheduler(NotificationService service, NotificationProperties properties) {
        this.service = service;
        this.intervalMillis = properties.scanInterval().toMillis();
    }

    private void scan() {
        try {
            service.sendDueDigests();
            service.sendDueReminders();
        } catch (RuntimeException e) {
            log.warn("Scan for due digests and reminders failed, will retry: {}", e.toString());
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notification-due-scan");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::scan, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
