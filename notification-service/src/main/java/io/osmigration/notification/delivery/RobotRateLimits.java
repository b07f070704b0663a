package io.osmigration.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.osmigration.notification.NotificationProperties;
import io.osmigration.notification.domain.RateWindow;

/**
 * One {@link RateWindow} per DingTalk robot, kept in MongoDB ({@code robot_rate_limits}) so that every replica of
 * this service draws on the same budget: DingTalk counts per robot, not per sender, and blocks a robot for ten
 * minutes past its limit. Robots are keyed by a hash of their webhook URL (which holds the access token).
 */
@Component
class RobotRateLimits {

    static final String COLLECTION = "robot_rate_limits";
    private static final int MAX_RACES = 10;

    private final MongoTemplate mongo;
    private final NotificationProperties.DingTalk settings;

    RobotRateLimits(MongoTemplate mongo, NotificationProperties properties) {
        this.mongo = mongo;
        this.settings = properties.dingtalk();
    }

    /** Takes one send from the robot's budget; returns empty if allowed now, else when the next one will be. */
    Optional<Instant> tryAcquire(String webhookUrl, Instant now) {
        String id = robotId(webhookUrl);
        for (int race = 0; race < MAX_RACES; race++) {
            Document stored = mongo.findById(id, Document.class, COLLECTION);
            long version = stored == null ? -1 : ((Number) stored.get("version", 0L)).longValue();
            List<Instant> sends = stored == null ? List.of()
                    : stored.getList("sends", Date.class, List.of()).stream().map(Date::toInstant).toList();
            RateWindow window = RateWindow.of(settings.rateLimit(), settings.rateWindow(), sends);
            if (!window.tryAcquire(now)) {
                return Optional.of(window.nextAllowed(now));
            }
            List<Date> updated = window.sends(now).stream().map(Date::from).toList();
            if (store(id, version, updated)) {
                return Optional.empty();
            }
        }
        // Lost every race: someone else is sending to this robot right now; come back shortly.
        return Optional.of(now.plus(settings.rateWindow().dividedBy(settings.rateLimit())));
    }

    private boolean store(String id, long version, List<Date> sends) {
        if (version < 0) {
            try {
                mongo.insert(new Document("_id", id).append("version", 0L).append("sends", sends), COLLECTION);
                return true;
            } catch (DuplicateKeyException raced) {
                return false;
            }
        }
        return mongo.updateFirst(new Query(Criteria.where("_id").is(id).and("version").is(version)),
                new Update().set("sends", sends).set("version", version + 1), COLLECTION).getModifiedCount() == 1;
    }

    static String robotId(String webhookUrl) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(webhookUrl.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
