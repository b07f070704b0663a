package io.osmigration.notification.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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

/**
 * The {@code notifications} collection: every message this service means to send, one document per (channel,
 * event) under a unique index, so a redelivered event can never produce a second message. It is both the delivery
 * queue (status, attempts, next attempt) and the record the API lists.
 */
@Component
public class DeliveryQueue {

    static final String COLLECTION = "notifications";

    private final MongoTemplate mongo;

    public DeliveryQueue(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("channelId", Sort.Direction.ASC)
                .on("eventId", Sort.Direction.ASC).unique().named("channel_event_unique"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("status", Sort.Direction.ASC)
                .on("nextAttemptAt", Sort.Direction.ASC).named("status_nextAttemptAt"));
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

    /** Channels with at least one message due now. */
    public List<String> channelsWithDueMessages(Instant now) {
        return mongo.findDistinct(dueQuery(now), "channelId", COLLECTION, String.class);
    }

    /** Takes up to {@code limit} due messages of a channel, oldest first, leasing each until {@code leaseUntil}. */
    List<Delivery> take(String channelId, Instant now, Instant leaseUntil, int limit) {
        Query query = dueQuery(now).addCriteria(Criteria.where("channelId").is(channelId))
                .with(Sort.by("createdAt", "_id")).limit(limit);
        List<Delivery> taken = new ArrayList<>();
        for (Document document : mongo.find(query, Document.class, COLLECTION)) {
            Query stillPending = new Query(Criteria.where("_id").is(document.get("_id"))
                    .and("status").is(DeliveryStatus.PENDING.name()));
            Update lease = new Update().set("status", DeliveryStatus.SENDING.name())
                    .set("leaseUntil", Date.from(leaseUntil));
            if (mongo.updateFirst(stillPending, lease, COLLECTION).getModifiedCount() == 1) {
                taken.add(toDelivery(document));
            }
        }
        return taken;
    }

    private static Query dueQuery(Instant now) {
        return new Query(Criteria.where("status").is(DeliveryStatus.PENDING.name())
                .and("nextAttemptAt").lte(Date.from(now)));
    }

    void sent(List<Delivery> deliveries, Instant now, String messageId) {
        for (Delivery delivery : deliveries) {
            mongo.updateFirst(byId(delivery), new Update().set("status", DeliveryStatus.SENT.name())
                    .set("sentAt", Date.from(now)).set("attempts", delivery.attempts() + 1)
                    .set("messageId", messageId).set("groupSize", deliveries.size())
                    .unset("leaseUntil").unset("lastError"), COLLECTION);
        }
    }

    void retryLater(Delivery delivery, Instant nextAttemptAt, String error) {
        mongo.updateFirst(byId(delivery), new Update().set("status", DeliveryStatus.PENDING.name())
                .set("attempts", delivery.attempts() + 1).set("nextAttemptAt", Date.from(nextAttemptAt))
                .set("lastError", error).unset("leaseUntil"), COLLECTION);
    }

    void failed(Delivery delivery, Instant now, String error) {
        mongo.updateFirst(byId(delivery), new Update().set("status", DeliveryStatus.FAILED.name())
                .set("attempts", delivery.attempts() + 1).set("failedAt", Date.from(now))
                .set("lastError", error).unset("leaseUntil"), COLLECTION);
    }

    /** Puts messages back without counting an attempt (e.g. the robot's rate limit is used up). */
    void postpone(List<Delivery> deliveries, Instant nextAttemptAt) {
        for (Delivery delivery : deliveries) {
            mongo.updateFirst(byId(delivery), new Update().set("status", DeliveryStatus.PENDING.name())
                    .set("nextAttemptAt", Date.from(nextAttemptAt)).unset("leaseUntil"), COLLECTION);
        }
    }

    /** Offers again the messages a worker took and never finished (it crashed, or the service stopped). */
    int releaseExpiredLeases(Instant now) {
        return (int) mongo.updateMulti(new Query(Criteria.where("status").is(DeliveryStatus.SENDING.name())
                        .and("leaseUntil").lt(Date.from(now))),
                new Update().set("status", DeliveryStatus.PENDING.name()).unset("leaseUntil"), COLLECTION)
                .getModifiedCount();
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

    private static Query byId(Delivery delivery) {
        return new Query(Criteria.where("_id").is(delivery.id()));
    }

    private static Delivery toDelivery(Document document) {
        return new Delivery(document.getString("_id"), document.getString("channelId"),
                document.getString("eventId"), document.getString("eventType"),
                new RenderedMessage(document.getString("subject"), document.getString("text"),
                        document.getString("html"), document.getString("markdownTitle"),
                        document.getString("markdown")),
                document.getInteger("attempts", 0));
    }
}
