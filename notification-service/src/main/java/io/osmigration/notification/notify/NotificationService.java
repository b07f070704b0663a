package io.osmigration.notification.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.osmigration.notification.NotificationProperties;
import io.osmigration.notification.channel.ChannelStore;
import io.osmigration.notification.delivery.DeliveryQueue;
import io.osmigration.notification.delivery.DeliveryWorker;
import io.osmigration.notification.domain.BatchDigest;
import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.EventType;
import io.osmigration.notification.domain.Ids;
import io.osmigration.notification.domain.JobEvent;
import io.osmigration.notification.domain.JobOutcome;
import io.osmigration.notification.domain.KeptSnapshots;
import io.osmigration.notification.domain.RenderedMessage;
import io.osmigration.notification.domain.Templates;
import io.osmigration.notification.tracking.JobTracker;

/**
 * Decides what to say to whom. Per-job events are tracked (for digests and reminders) and queued for the channels
 * that want them; batch digests and snapshot reminders are composed when they fall due. Queueing is idempotent per
 * (channel, event), so handling an event twice sends nothing twice.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    private static final int REMINDER_BATCH = 1000;

    private final ChannelStore channels;
    private final DeliveryQueue queue;
    private final DeliveryWorker worker;
    private final JobTracker tracker;
    private final Templates templates;
    private final NotificationProperties properties;
    private final Clock clock;

    public NotificationService(ChannelStore channels, DeliveryQueue queue, DeliveryWorker worker, JobTracker tracker,
                               NotificationProperties properties, Clock clock) {
        this.channels = channels;
        this.queue = queue;
        this.worker = worker;
        this.tracker = tracker;
        this.templates = new Templates(properties.dashboardUrl());
        this.properties = properties;
        this.clock = clock;
    }

    /** A per-job event: track it, tell the channels that want it, and see whether its batch is done. */
    public void onJobEvent(JobEvent event) {
        Optional<JobOutcome> state = tracker.record(event, properties.snapshotReminderAfter());
        if (event.type() != null) {
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
        if (state.isPresent() && state.get().terminal()) {
            tracker.scheduleDigestIfStopped(event.batchId(), clock.instant(), properties.digestQuietPeriod());
        }
    }

    /** A job was released to run: its batch has one more member. */
    public void onJobReleased(String batchId, String jobId, String sourceId, String instanceId, String destinationOs,
                              String drillMode, Instant at) {
        tracker.jobReleased(batchId, jobId, sourceId, instanceId, destinationOs, drillMode, at);
    }

    /** A batch submitted as an event: remember its size so that no digest goes out before all its jobs ran. */
    public void onBatchSubmitted(String batchId, int jobs) {
        tracker.batchSubmitted(batchId, jobs);
    }

    /** A batch was paused: a digest of where it stands now. */
    public void onBatchPaused(String batchId, String controlEventId) {
        sendDigest(tracker.summarize(batchId, true), "digest-paused:" + controlEventId);
    }

    /** Sends the digests of batches that stayed stopped through their quiet period. */
    public int sendDueDigests() {
        int sent = 0;
        Instant now = clock.instant();
        for (String batchId : tracker.batchesWithDigestDue(now)) {
            Optional<String> identity = tracker.claimDigest(batchId, now);
            if (identity.isPresent()) {
                sendDigest(tracker.summarize(batchId, false), "digest:" + batchId + ":" + identity.get());
                sent++;
            }
        }
        return sent;
    }

    private void sendDigest(BatchDigest digest, String eventId) {
        if (digest.totalJobs() == 0) {
            return; // a batch this service never saw a job of: nothing to tell
        }
        RenderedMessage message = templates.digest(digest);
        for (Channel channel : channels.all()) {
            if (channel.wantsBatchMessage(EventType.BATCH_DIGEST, digest.batchId())) {
                queue.enqueue(channel, eventId, EventType.BATCH_DIGEST, digest.batchId(), null, message,
                        clock.instant());
            }
        }
        log.info("Batch {} digest: {} jobs, {}", digest.batchId(), digest.totalJobs(), digest.countsByState());
        worker.wakeUp();
    }

    /**
     * One reminder listing every job whose snapshots are kept past the reminder time and were not reminded about
     * yet. A channel limited to batches hears only about its batches.
     */
    public int sendDueReminders() {
        Instant now = clock.instant();
        List<KeptSnapshots> kept = tracker.claimDueReminders(now, REMINDER_BATCH);
        if (kept.isEmpty()) {
            return 0;
        }
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
        worker.wakeUp();
        return kept.size();
    }
}
