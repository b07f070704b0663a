package io.osmigration.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.ChannelType;
import io.osmigration.notification.domain.EventType;
import io.osmigration.notification.domain.RenderedMessage;
import io.osmigration.notification.domain.UrlMasking;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.lease.Leases;

/**
 * The {@code notifications} collection: every message this service means to send, one document per (channel,
 * event) under a unique index, so a redelivered event can never produce a second message. It is both the delivery
 * queue (status, attempts, next attempt) and the record the API lists. A worker takes a message with the platform
 * lease ({@link Leases}, status {@code SENDING} in the same write) and records the outcome under that claim, so a
 * message is worked on by one replica at a time, a message whose worker died is taken up again once its claim runs
 * out (it still shows {@code SENDING} until then), and a worker whose claim was taken over records nothing.
 */
@Component
public class DeliveryQueue {

    static final String COLLECTION = "notifications";

    private static final List<String> OPEN = List.of(DeliveryStatus.PENDING.name(), DeliveryStatus.SENDING.name());

    private final MongoTemplate mongo;
    private final Leases leases;

    public DeliveryQueue(MongoTemplate mongo, Leases leases) {
        this.mongo = mongo;
        this.leases = leases;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("channelId", Sort.Direction.ASC)
                .on("eventId", Sort.Direction.ASC).unique().named("channel_event_unique"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("status", Sort.Direction.ASC)
                .on("nextAttemptAt", Sort.Direction.ASC).named("status_nextAttemptAt"));
        // The claim: a channel's due messages that no live lease holds, oldest first.
        mongo.indexOps(COLLECTION).createIndex(new Index().on("channelId", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).on("nextAttemptAt", Sort.Direction.ASC)
                .on(Leases.FIELD + ".until", Sort.Direction.ASC).named("channel_due_lease"));
    }

    /**
     * Queues {@code message} for {@code channel} unless this (channel, event) pair was queued before; returns whether
     * it was new.
     */
    public boolean enqueue(Channel channel, String eventId, EventType type, String batchId, String jobId,
                           RenderedMessage message, Instant now) {
        Document document = new Document("_id", "n-" + UUID.randomUUID())
                .append("channelId", channel.id())
                .append("channelName", channel.name())
                .append("channelType", channel.type().name())
                .append("eventId", eventId)
                .append("eventType", type.eventName())
                .append("batchId", batchId)
                .append("jobId", jobId)
                .append("to", channel.type() == ChannelType.EMAIL ? channel.recipients()
                        : List.of(UrlMasking.mask(channel.webhookUrl())))
                .append("subject", message.subject())
                .append("text", message.text())
                .append("html", message.html())
                .append("markdownTitle", message.markdownTitle())
                .append("markdown", message.markdown())
                .append("status", DeliveryStatus.PENDING.name())
                .append("attempts", 0)
                .append("createdAt", Date.from(now))
                .append("nextAttemptAt", Date.from(now));
        try {
            mongo.insert(document, COLLECTION);
            return true;
        } catch (DuplicateKeyException alreadyQueued) {
            return false;
        }
    }

    /** Channels with at least one message due now that no live claim holds. */
    public List<String> channelsWithDueMessages(Instant now) {
        Query due = new Query(new Criteria().andOperator(due(now), Leases.free(now)));
        return mongo.findDistinct(due, "channelId", COLLECTION, String.class);
    }

    /** Claims up to {@code limit} due messages of a channel, oldest first, for {@code lease}. */
    List<Delivery> take(String channelId, Instant now, Duration lease, int limit) {
        Criteria due = new Criteria().andOperator(due(now), Criteria.where("channelId").is(channelId));
        List<Delivery> taken = new ArrayList<>();
        Optional<Claimed<Document>> next;
        while (taken.size() < limit && (next = leases.claimNext(COLLECTION, due, Sort.by("createdAt", "_id"),
                lease, Document.class, new Update().set("status", DeliveryStatus.SENDING.name()))).isPresent()) {
            taken.add(toDelivery(next.get()));
        }
        return taken;
    }

    /** Waiting for an attempt, or taken by a worker whose claim may have run out (then it is free again). */
    private static Criteria due(Instant now) {
        return Criteria.where("status").in(OPEN).and("nextAttemptAt").lte(Date.from(now));
    }

    /** Sent; false if the claim was lost meanwhile (another replica took the message over). */
    boolean sent(Delivery delivery, Instant now, String messageId, int groupSize) {
        return leases.release(delivery.claim(), new Update().set("status", DeliveryStatus.SENT.name())
                .set("sentAt", Date.from(now)).set("attempts", delivery.attempts() + 1)
                .set("messageId", messageId).set("groupSize", groupSize).unset("lastError"));
    }

    void retryLater(Delivery delivery, Instant nextAttemptAt, String error) {
        leases.release(delivery.claim(), new Update().set("status", DeliveryStatus.PENDING.name())
                .set("attempts", delivery.attempts() + 1).set("nextAttemptAt", Date.from(nextAttemptAt))
                .set("lastError", error));
    }

    void failed(Delivery delivery, Instant now, String error) {
        leases.release(delivery.claim(), new Update().set("status", DeliveryStatus.FAILED.name())
                .set("attempts", delivery.attempts() + 1).set("failedAt", Date.from(now)).set("lastError", error));
    }

    /** Puts messages back without counting an attempt (e.g. the robot's rate limit is used up). */
    void postpone(List<Delivery> deliveries, Instant nextAttemptAt) {
        for (Delivery delivery : deliveries) {
            leases.release(delivery.claim(), new Update().set("status", DeliveryStatus.PENDING.name())
                    .set("nextAttemptAt", Date.from(nextAttemptAt)));
        }
    }

    /** Newest first, for the API. */
    public List<Document> list(String channelId, String status, String batchId, int limit) {
        Query query = new Query();
        if (channelId != null) {
            query.addCriteria(Criteria.where("channelId").is(channelId));
        }
        if (status != null) {
            query.addCriteria(Criteria.where("status").is(status));
        }
        if (batchId != null) {
            query.addCriteria(Criteria.where("batchId").is(batchId));
        }
        query.with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit);
        query.fields().exclude("text").exclude("html").exclude("markdown");
        return mongo.find(query, Document.class, COLLECTION);
    }

    private static Delivery toDelivery(Claimed<Document> claimed) {
        Document document = claimed.document();
        return new Delivery(claimed.claim(), document.getString("_id"), document.getString("channelId"),
                document.getString("eventId"), document.getString("eventType"),
                new RenderedMessage(document.getString("subject"), document.getString("text"),
                        document.getString("html"), document.getString("markdownTitle"),
                        document.getString("markdown")),
                document.getInteger("attempts", 0));
    }
}
