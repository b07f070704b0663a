package io.osmigration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

class DingTalkNotificationTest extends IntegrationTest {

    @Autowired
    private MongoTemplate mongo;

    @Test
    void theChannelsCollectionHoldsNeitherTheSecretNorTheWebhooksAccessToken() throws Exception {
        String batch = unique("b");
        try (DingTalkReceiver robot = new DingTalkReceiver("tok-sealed-" + batch, "SEC-sealed-" + batch)) {
            String channelId = createChannel(robotChannel(batch, robot.webhookUrl(), "SEC-sealed-" + batch));

            Document stored = mongo.getCollection("channels").find(new Document("_id", channelId)).first();
            assertThat(stored.toJson()).doesNotContain("SEC-sealed-").doesNotContain("tok-sealed-")
                    .doesNotContain("access_token");
            assertThat(stored.getString("secret")).startsWith("osm:sealed:v1:");
            assertThat(stored.getString("webhookUrl")).startsWith("osm:sealed:v1:");

            publish("s-sealed", TestEvents.failed(batch, "j-" + batch, "s-sealed", "UPGRADE", "leapp upgrade exited 1"));
            await().atMost(Duration.ofSeconds(20)).until(() -> robot.accepted.size() == 1);
            assertThat(robot.rejected).isEmpty();
        }
    }

    @Test
    void signedMarkdownReachesTheRobot() throws Exception {
        String batch = unique("b");
        try (DingTalkReceiver robot = new DingTalkReceiver("tok-" + batch, "SEC-right-" + batch)) {
            String channelId = createChannel(robotChannel(batch, robot.webhookUrl(), "SEC-right-" + batch));

            publish("s-app01", TestEvents.failed(batch, "j-" + batch, "s-app01", "UPGRADE", "leapp upgrade exited 1"));

            await().atMost(Duration.ofSeconds(20)).until(() -> robot.accepted.size() == 1);
            DingTalkReceiver.Accepted message = robot.accepted.get(0);
            assertThat(message.title()).isEqualTo("[osmigration] Migration failed");
            assertThat(message.text()).contains("### Migration failed", "Job: j-" + batch, "Step: UPGRADE",
                    "Reason: leapp upgrade exited 1", "(http://dashboard.test:8080/?batch=" + batch);
            assertThat(robot.rejected).isEmpty();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(notifications("?channelId=" + channelId)).singleElement().satisfies(n -> {
                        assertThat(n.get("status")).isEqualTo("SENT");
                        assertThat(n.get("to").toString()).doesNotContain("tok-").contains("/robot/send?***");
                    }));
        }
    }

    @Test
    void aWrongSecretIsCaughtAndRecordedAsFailed() throws Exception {
        String batch = unique("b");
        try (DingTalkReceiver robot = new DingTalkReceiver("tok-" + batch, "SEC-right-" + batch)) {
            String channelId = createChannel(robotChannel(batch, robot.webhookUrl(), "SEC-wrong"));

            publish("s-app02", TestEvents.failed(batch, "j-" + batch, "s-app02", "REBOOT", "instance did not come back"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(notifications("?channelId=" + channelId)).singleElement().satisfies(n -> {
                        assertThat(n.get("status")).isEqualTo("FAILED");
                        assertThat((String) n.get("lastError")).contains("310000").doesNotContain("SEC-");
                        // A refused signature does not get better by retrying.
                        assertThat(n.get("attempts")).isEqualTo(1);
                    }));
            assertThat(robot.accepted).isEmpty();
            assertThat(robot.rejected).containsExactly("310000 sign not match");
        }
    }

    @Test
    void aWebhookFailingTwiceThenSucceedingGetsTheMessageOnce() throws Exception {
        String batch = unique("b");
        try (DingTalkReceiver robot = new DingTalkReceiver("tok-" + batch, "SEC-" + batch)) {
            robot.failNext(2);
            String channelId = createChannel(robotChannel(batch, robot.webhookUrl(), "SEC-" + batch));

            publish("s-app03", TestEvents.failed(batch, "j-" + batch, "s-app03", "VERIFY", "sshd not running"));

            await().atMost(Duration.ofSeconds(20)).until(() -> robot.accepted.size() == 1);
            assertThat(robot.requests.get()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(notifications("?channelId=" + channelId)).singleElement().satisfies(n -> {
                        assertThat(n.get("status")).isEqualTo("SENT");
                        assertThat(n.get("attempts")).isEqualTo(3);
                    }));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> robot.accepted.size() == 1);
        }
    }

    @Test
    void aHundredNotificationsWithinAMinuteAreGroupedUnderTheRobotsLimit() throws Exception {
        String batch = unique("b");
        try (DingTalkReceiver robot = new DingTalkReceiver("tok-" + batch, "SEC-" + batch)) {
            String channelId = createChannel(robotChannel(batch, robot.webhookUrl(), "SEC-" + batch));
            long started = System.nanoTime();

            for (int i = 0; i < 100; i++) {
                publisher.publish("s-" + i, TestEvents.failed(batch, "j-" + i + "-" + batch, "s-" + i, "UPGRADE",
                        "failure " + i));
            }

            Pattern job = Pattern.compile("Job: (j-\\d+-" + Pattern.quote(batch) + ")");
            await().atMost(Duration.ofSeconds(50)).until(() -> jobsMentioned(robot, job).size() == 100);
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            System.out.printf("100 notifications to one robot: %d messages, all delivered after %d s%n",
                    robot.accepted.size(), seconds);
            assertThat(seconds).isLessThan(60);
            assertThat(robot.accepted).hasSizeLessThanOrEqualTo(20);
            assertThat(jobsMentioned(robot, job).values()).allMatch(count -> count == 1);
            assertThat(robot.accepted).anySatisfy(m -> assertThat(m.title()).endsWith("notifications"));
            // Each message is recorded as sent right after the robot accepted it: the last ones a moment later.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(notifications("?channelId=" + channelId + "&limit=1000"))
                            .hasSize(100).allSatisfy(n -> assertThat(n.get("status")).isEqualTo("SENT")));
        }
    }

    @Test
    void aHangingRobotDoesNotHoldUpOtherChannels() throws Exception {
        String batch = unique("b");
        String to = unique("ops") + "@example.org";
        try (DingTalkReceiver robot = new DingTalkReceiver("tok-" + batch, "SEC-" + batch)) {
            robot.close(true);
            createChannel(robotChannel(batch, robot.webhookUrl(), "SEC-" + batch));
            createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(to),
                    "events", List.of("MigrationFailed"), "batchIds", List.of(batch)));

            publish("s-app04", TestEvents.failed(batch, "j1-" + batch, "s-app04", "UPGRADE", "first"));
            await().atMost(Duration.ofSeconds(20)).until(() -> robot.waiting.get() >= 1 && mailsTo(to).size() == 1);
            // The robot's worker is stuck in its request; the next failure still reaches the mailbox.
            publish("s-app05", TestEvents.failed(batch, "j2-" + batch, "s-app05", "UPGRADE", "second"));
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() == 2);
            assertThat(robot.accepted).isEmpty();

            robot.open();
            await().atMost(Duration.ofSeconds(20)).until(() -> jobsMentioned(robot,
                    Pattern.compile("Job: (j\\d-" + Pattern.quote(batch) + ")")).size() == 2);
        }
    }

    private static Map<String, Object> robotChannel(String batch, String webhookUrl, String secret) {
        return Map.of("type", "DINGTALK", "name", "Robot " + batch, "webhookUrl", webhookUrl, "secret", secret,
                "events", List.of("MigrationFailed"), "batchIds", List.of(batch));
    }

    private static Map<String, Integer> jobsMentioned(DingTalkReceiver robot, Pattern job) {
        Map<String, Integer> counts = new HashMap<>();
        for (DingTalkReceiver.Accepted message : robot.accepted) {
            Matcher matcher = job.matcher(message.text());
            while (matcher.find()) {
                counts.merge(matcher.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }
}
