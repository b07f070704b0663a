package io.osmigration.notification.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where messages go. {@code secret} signs DingTalk requests; it is kept here for the sender only and never rendered
 * (see {@link #toString()}).
 *
 * @param batchIds empty: every batch
 */
public record Channel(String id, ChannelType type, String name, List<String> recipients, String webhookUrl,
                      String secret, Set<EventType> events, List<String> batchIds, PerJobMessages perJobMessages,
                      boolean builtIn, Instant createdAt) {

    public Channel {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        events = events == null ? Set.of() : Set.copyOf(events);
        batchIds = batchIds == null ? List.of() : List.copyOf(batchIds);
        perJobMessages = perJobMessages == null ? PerJobMessages.ALL : perJobMessages;
    }

    public boolean secretConfigured() {
        return secret != null && !secret.isEmpty();
    }

    /** Whether this channel wants a message about {@code event}. */
    public boolean wants(JobEvent event) {
        if (event.type() == null || !events.contains(event.type()) || !coversBatch(event.batchId())) {
            return false;
        }
        return switch (perJobMessages) {
            case ALL -> true;
            case FAILURES_ONLY -> event.failure();
            case NONE -> false;
        };
    }

    /** Whether this channel wants a batch-level message ({@link EventType#BATCH_FINISHED} and the like). */
    public boolean wantsBatchMessage(EventType type, String batchId) {
        return events.contains(type) && coversBatch(batchId);
    }

    private boolean coversBatch(String batchId) {
        return batchIds.isEmpty() || (batchId != null && batchIds.contains(batchId));
    }

    @Override
    public String toString() {
        return "Channel[id=" + id + ", type=" + type + ", name=" + name + ", webhook="
                + UrlMasking.mask(webhookUrl) + ", secretConfigured=" + secretConfigured() + "]";
    }
}
