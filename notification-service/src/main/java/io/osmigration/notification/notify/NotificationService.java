package io.osmigration.notification.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.osmigration.notification.NotificationProperties;
import io.osmigration.notification.channel.ChannelStore;
import io.osmigration.notification.delivery.DeliveryQueue;
import io.osmigration.notification.delivery.DeliveryWorker;
import io.osmigration.notification.domain.BatchDigest;
import io.osmigration.notification.domain.BatchPause;
import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.EventType;
import io.osmigration.notification.domain.Ids;
import io.osmigration.notification.domain.JobEvent;
import io.osmigration.notification.domain.KeptSnapshots;
import io.osmigration.notification.domain.RenderedMessage;
import io.osmigration.notification.domain.Templates;
import io.osmigration.notification.tracking.JobTracker;
import io.osmigration.notification.tracking.PendingDigests;

/**
 * Decides what to say to whom. Per-job events are tracked (for digests and reminders) and queued for the channels
 * that want them; batch messages follow the executor's batch events (a digest once a batch finished, a message when
 * it paused or resumed); snapshot reminders are composed when they fall due. Queueing is idempotent per (channel,
 * event), so handling an event twice sends nothing twice.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    private static final int REMINDER_BATCH = 1000;
    /** How long a replica holds a digest or reminder it composes: composing takes well under a second. */
    private static final Duration COMPOSE_LEASE = Duration.ofMinutes(1);

    private final ChannelStore channels;
    private final DeliveryQueue queue;
    private final DeliveryWorker worker;
    private final JobTracker tracker;
    private final PendingDigests digests;
    private final Templates templates;
    private final NotificationProperties properties;
    private final Clock clock;

    public NotificationService(ChannelStore channels, DeliveryQueue queue, DeliveryWorker worker, JobTracker tracker,
                               PendingDigests digests, NotificationProperties properties, Clock clock) {
        this.channels = channels;
        this.queue = queue;
        this.worker = worker;
        this.tracker = tracker;
        this.digests = digests;
        this.templates = new Templates(properties.dashboardUrl());
        this.properties = properties;
        this.clock = clock;
    }

    /** A per-job event: track it and tell the channels that want it. */
    public void onJobEvent(JobEvent event) {
        tracker.record(event, properties.snapshotReminderAfter());
        if (event.type() == null) {
            return;
        }
        RenderedMessage message = null;
        int queued = 0;
        for (Channel channel : channels.all()) {
            if (channel.wants(event)) {
                if (message == null) {
                    message = templates.job(event);
                }
                if (queue.enqueue(channel, event.eventId(), event.type(), event.batchId(), event.jobId(),
                        message, clock.instant())) {
                    queued++;
                }
            }
        }
        if (queued > 0) {
            worker.wakeUp();
        }
    }

    /** A job was released to run: its batch has one more member. */
    public void onJobReleased(String batchId, String jobId, String sourceId, String instanceId, String destinationOs,
                              String drillMode, Instant at) {
        tracker.jobReleased(batchId, jobId, sourceId, instanceId, destinationOs, drillMode, at);
    }

    /** A batch was accepted: remember its size. */
    public void onBatchAccepted(String batchId, int jobs, Instant at) {
        tracker.batchAccepted(batchId, jobs, at);
    }

    /** A batch paused (an operator, its submitter or the failure threshold): say so, and where it stands. */
    public void onBatchPaused(String eventId, String batchId, String by, String reason) {
        BatchPause pause = tracker.pause(batchId, by, reason);
        enqueueBatchMessage(EventType.BATCH_PAUSED, batchId, eventId, templates.paused(pause));
        log.info("Batch {} paused by {}: {}", batchId, by, reason);
    }

    /** A paused batch goes on. */
    public void onBatchResumed(String eventId, String batchId, String by) {
        enqueueBatchMessage(EventType.BATCH_RESUMED, batchId, eventId, templates.resumed(batchId, by));
    }

    /**
     * Every job of the batch ended (BatchFinished, with the final state and the counts the executor reports): its
     * digest is composed after {@code osm.notifications.digest-delay}, so the job events still on their way on
     * other topics (blockers, snapshots) are in it.
     */
    public void onBatchFinished(String eventId, String batchId, String finalState, int total,
                                Map<String, Integer> counts) {
        digests.add(eventId, batchId, finalState, total, counts, clock.instant().plus(properties.digestDelay()));
    }

    /** Composes the digests that fell due; returns how many. */
    public int sendDueDigests() {
        int sent = 0;
        Optional<PendingDigests.Due> due;
        while ((due = digests.claimDue(clock.instant(), COMPOSE_LEASE)).isPresent()) {
            PendingDigests.Due digest = due.get();
            BatchDigest summary = tracker.digest(digest.batchId(), digest.finalState(), digest.total(),
                    digest.counts());
            enqueueBatchMessage(EventType.BATCH_FINISHED, digest.batchId(), "digest:" + digest.eventId(),
                    templates.digest(summary));
            digests.sent(digest, clock.instant());
            log.info("Batch {} digest: {} jobs, {}", digest.batchId(), summary.totalJobs(), summary.countsByState());
            sent++;
        }
        return sent;
    }

    private void enqueueBatchMessage(EventType type, String batchId, String eventId, RenderedMessage message) {
        int queued = 0;
        for (Channel channel : channels.all()) {
            if (channel.wantsBatchMessage(type, batchId)
                    && queue.enqueue(channel, eventId, type, batchId, null, message, clock.instant())) {
                queued++;
            }
        }
        if (queued > 0) {
            worker.wakeUp();
        }
    }

    /**
     * One reminder listing every job whose snapshots are kept past the reminder time and were not reminded about
     * yet. A channel limited to batches hears only about its batches.
     */
    public int sendDueReminders() {
        Instant now = clock.instant();
        List<JobTracker.DueReminder> due = tracker.claimDueReminders(now, REMINDER_BATCH, COMPOSE_LEASE);
        if (due.isEmpty()) {
            return 0;
        }
        List<KeptSnapshots> kept = due.stream().map(JobTracker.DueReminder::kept).toList();
        String eventId = "snapshot-reminder:" + Ids.nameBased(
                String.join(",", kept.stream().map(KeptSnapshots::jobId).sorted().toList()));
        for (Channel channel : channels.all()) {
            List<KeptSnapshots> theirs = kept.stream()
                    .filter(item -> channel.wantsBatchMessage(EventType.SNAPSHOT_REMINDER, item.batchId())).toList();
            if (!theirs.isEmpty()) {
                queue.enqueue(channel, eventId, EventType.SNAPSHOT_REMINDER, theirs.size() == kept.size()
                                ? null : theirs.get(0).batchId(), null,
                        templates.reminder(theirs, properties.snapshotReminderAfter(), now), now);
            }
        }
        tracker.reminded(due);
        worker.wakeUp();
        return kept.size();
    }
}
