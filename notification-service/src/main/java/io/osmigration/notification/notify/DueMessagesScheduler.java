package io.osmigration.notification.notify;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.osmigration.notification.NotificationProperties;
import io.osmigration.platform.work.BackgroundLoop;

/**
 * Composes the digests and snapshot reminders that fell due, every {@code osm.notifications.scan-interval}. Each is
 * claimed through the platform lease, so replicas share the work and compose each once.
 */
@Component
class DueMessagesScheduler extends BackgroundLoop {

    private final NotificationService service;
    private final Duration interval;

    DueMessagesScheduler(NotificationService service, NotificationProperties properties) {
        super("notification-due-scan");
        this.service = service;
        this.interval = properties.scanInterval();
    }

    @Override
    public int runOnce() {
        return service.sendDueDigests() + service.sendDueReminders();
    }

    @Override
    protected Duration idleWait() {
        return interval;
    }

    /** Stops before the delivery worker and the MongoDB client. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1500;
    }
}
