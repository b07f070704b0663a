package io.osmigration.notification.channel;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.ChannelType;
import io.osmigration.notification.domain.EventType;
import io.osmigration.notification.domain.PerJobMessages;

/**
 * Channels in MongoDB ({@code channels}). The webhook secret is stored so the sender can sign; it leaves this class
 * only inside a {@link Channel}, whose rendering never shows it.
 */
@Component
public class ChannelStore {

    static final String COLLECTION = "channels";

    private final MongoTemplate mongo;

    public ChannelStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void save(Channel channel) {
        Document document = new Document("_id", channel.id())
                .append("type", channel.type().name())
                .append("name", channel.name())
                .append("recipients", channel.recipients())
                .append("webhookUrl", channel.webhookUrl())
                .append("secret", channel.secret())
                .append("events", channel.events().stream().map(EventType::name).sorted().toList())
                .append("batchIds", channel.batchIds())
                .append("perJobMessages", channel.perJobMessages().name())
                .append("builtIn", channel.builtIn())
                .append("createdAt", Date.from(channel.createdAt()));
        mongo.save(document, COLLECTION);
    }

    public List<Channel> all() {
        return mongo.find(new Query().with(Sort.by("createdAt", "_id")), Document.class, COLLECTION).stream()
                .map(ChannelStore::toChannel).toList();
    }

    public Optional<Channel> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION)).map(ChannelStore::toChannel);
    }

    public boolean delete(String id) {
        return mongo.remove(new Query(Criteria.where("_id").is(id)), COLLECTION).getDeletedCount() > 0;
    }

    private static Channel toChannel(Document document) {
        Set<EventType> events = new LinkedHashSet<>();
        for (String name : document.getList("events", String.class, List.of())) {
            // An event type a newer version wrote and this one does not know is skipped: the channel keeps the
            // others. The digest's old constant (BATCH_DIGEST) reads as BATCH_FINISHED.
            EventType.byStoredName(name).ifPresent(events::add);
        }
        Date createdAt = document.getDate("createdAt");
        return new Channel(document.getString("_id"), ChannelType.valueOf(document.getString("type")),
                document.getString("name"), document.getList("recipients", String.class, List.of()),
                document.getString("webhookUrl"), document.getString("secret"), events,
                document.getList("batchIds", String.class, List.of()),
                PerJobMessages.valueOf(document.get("perJobMessages", PerJobMessages.ALL.name())),
                document.getBoolean("builtIn", false),
                createdAt == null ? Instant.EPOCH : createdAt.toInstant());
    }
}
