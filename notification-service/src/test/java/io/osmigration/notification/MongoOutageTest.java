package io.osmigration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.internet.MimeMessage;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * MongoDB goes away right while a mail is being sent: the mail went out, so it must be recorded as sent once the
 * database is back and never be sent again; the workers back off meanwhile (no dead thread, no busy loop) and go on
 * afterwards. The service reaches MongoDB through {@link IntegrationTest#MONGO}; the test reads it directly.
 */
class MongoOutageTest extends IntegrationTest {

    @AfterEach
    void databaseBack() {
        MONGO.restore();
    }

    @Test
    void aMailSentWhileMongoDbGoesAwayIsRecordedOnceItIsBackAndNeverSentTwice() throws Exception {
        String batch = unique("b");
        String to = unique("ops") + "@example.org";
        createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(to),
                "events", List.of("MigrationFailed"), "batchIds", List.of(batch)));
        AtomicBoolean cut = new AtomicBoolean();
        doAnswer(invocation -> {
            MimeMessage message = invocation.getArgument(0);
            if (addressedTo(message, to) && cut.compareAndSet(false, true)) {
                MONGO.cut(); // the database goes away just as the mail goes out
            }
            return invocation.callRealMethod();
        }).when(mailSender).send(any(MimeMessage.class));

        try (MongoClient direct = MongoClients.create(INFRA.mongoUri())) {
            MongoTemplate mongo = new MongoTemplate(direct, "osm_notification_test");
            publish("s-o1", TestEvents.failed(batch, "j1-" + batch, "s-o1", "UPGRADE", "leapp failed"));

            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(to).size() == 1);
            // Sent, but not recordable while the database is away: the message stays claimed by its worker.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> "SENDING".equals(status(mongo, batch, to)) && mailsTo(to).size() == 1);

            MONGO.restore();

            await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(status(mongo, batch, to)));
            assertThat(notification(mongo, batch, to).getInteger("attempts")).isEqualTo(1);
            // The workers went on after their back-off: the next event is delivered as usual.
            publish("s-o2", TestEvents.failed(batch, "j2-" + batch, "s-o2", "VERIFY", "kernel panic"));
            await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(to).size() == 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(to).size() == 2);
        }
    }

    private static String status(MongoTemplate mongo, String batch, String to) {
        Document notification = notification(mongo, batch, to);
        return notification == null ? null : notification.getString("status");
    }

    /** The first job's message to this test's channel (the built-in channel gets one too). */
    private static Document notification(MongoTemplate mongo, String batch, String to) {
        return mongo.findOne(Query.query(Criteria.where("batchId").is(batch).and("jobId").is("j1-" + batch)
                .and("to").is(to)), Document.class, "notifications");
    }
}
