package io.osmigration.notification.channel;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.ChannelType;
import io.osmigration.notification.domain.EventType;
import io.osmigration.notification.domain.PerJobMessages;
import io.osmigration.platform.security.SecretSealer;

/**
 * Channels in MongoDB ({@code channels}). The webhook secret (which signs DingTalk requests) and the webhook URL
 * (whose {@code access_token} lets anyone post to the robot) are sealed with {@code osm.security.data-key}
 * ({@link SecretSealer}, AES-GCM, bound to the channel and field); they leave this class only inside a
 * {@link Channel}, whose rendering never shows them. {@link #resealAll()} seals again what an older key (or an older
 * version, in clear) wrote, so that after a key rotation the old key can be retired.
 */
@Component
public class ChannelStore {

    static final String COLLECTION = "channels";
    private static final Logger log = LoggerFactory.getLogger(ChannelStore.class);

    private final MongoTemplate mongo;
    private final SecretSealer sealer;

    public ChannelStore(MongoTemplate mongo, SecretSealer sealer) {
        this.mongo = mongo;
        this.sealer = sealer.requireKey("DingTalk webhook URLs and secrets");
    }

    public void save(Channel channel) {
        Document document = new Document("_id", channel.id())
                .append("type", channel.type().name())
                .append("name", channel.name())
                .append("recipients", channel.recipients())
                .append("webhookUrl", sealer.seal(channel.webhookUrl(), context(channel.id(), "webhookUrl")))
                .append("secret", sealer.seal(channel.secret(), context(channel.id(), "secret")))
                .append("events", channel.events().stream().map(EventType::name).sorted().toList())
                .append("batchIds", channel.batchIds())
                .append("perJobMessages", channel.perJobMessages().name())
                .append("builtIn", channel.builtIn())
                .append("createdAt", Date.from(channel.createdAt()));
        mongo.save(document, COLLECTION);
    }

    public List<Channel> all() {
        return mongo.find(new Query().with(Sort.by("createdAt", "_id")), Document.class, COLLECTION).stream()
                .map(this::toChannel).toList();
    }

    public Optional<Channel> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION)).map(this::toChannel);
    }

    /** Seals again every channel whose secrets are in clear or under an old data key; returns how many. */
    public int resealAll() {
        int resealed = 0;
        for (Document document : mongo.findAll(Document.class, COLLECTION)) {
            if (sealer.needsResealing(document.getString("secret"))
                    || sealer.needsResealing(document.getString("webhookUrl"))) {
                save(toChannel(document));
                resealed++;
            }
        }
        if (resealed > 0) {
            log.info("Sealed the secrets of {} channel(s) again with data key {}", resealed, sealer.currentKeyId());
        }
        return resealed;
    }

    private static String context(String channelId, String field) {
        return COLLECTION + "/" + channelId + "/" + field;
    }

    public boolean delete(String id) {
        return mongo.remove(new Query(Criteria.where("_id").is(id)), COLLECTION).getDeletedCount() > 0;
    }

    private Channel toChannel(Document document) {
        Set<EventType> events = new LinkedHashSet<>();
        for (String name : document.getList("events", String.class, List.of())) {
            // An event type a newer version wrote and this one does not know is skipped: the channel keeps the
            // others. The digest's old constant (BATCH_DIGEST) reads as BATCH_FINISHED.
            EventType.byStoredName(name).ifPresent(events::add);
        }
        Date createdAt = document.getDate("createdAt");
        return new Channel(document.getString("_id"), ChannelType.valueOf(document.getString("type")),
                document.getString("name"), document.getList("recipients", String.class, List.of()),
                sealer.open(document.getString("webhookUrl"), context(document.getString("_id"), "webhookUrl")),
                sealer.open(document.getString("secret"), context(document.getString("_id"), "secret")), events,
                document.getList("batchIds", String.class, List.of()),
                PerJobMessages.valueOf(document.get("perJobMessages", PerJobMessages.ALL.name())),
                document.getBoolean("builtIn", false),
                createdAt == null ? Instant.EPOCH : createdAt.toInstant());
    }
}
