package io.osmigration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.osmigration.events.BatchFinished;

/**
 * Batch messages come from the executor's batch events: the digest from BatchFinished (with the counts it carries),
 * never from jobs that merely all stopped; a paused batch gets a "paused" message of its own and no digest.
 */
class DigestAndReminderTest extends IntegrationTest {

    @Autowired
    private MongoTemplate mongo;

    @Test
    void aBatchOf500JobsGivesOneDigestOnBatchFinishedNot500Mails() throws Exception {
        String batch = unique("b");
        String ops = unique("ops") + "@example.org";
        String managers = unique("managers") + "@example.org";
        INFRA.mail().user(managers, "managers-password");
        createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(ops),
                "events", List.of("PrecheckFailed", "MigrationCompleted", "BatchFinished"), "batchIds", List.of(batch),
                "perJobMessages", "FAILURES_ONLY"));
        createChannel(Map.of("type", "EMAIL", "name", "Managers", "recipients", List.of(managers),
                "events", List.of("BatchFinished"), "batchIds", List.of(batch)));
        List<String> sources = IntStream.range(0, 500).mapToObj(i -> "s-" + i + "-" + batch).toList();
        long started = System.nanoTime();

        publish(batch, TestEvents.batchAccepted(batch, 500));
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sends.add(publisher.publish(sources.get(i),
                    TestEvents.jobReleased(batch, job(i, batch), sources.get(i), "NONE")));
        }
        for (int i = 0; i < 500; i++) {
            String source = sources.get(i);
            if (i < 20) {
                sends.add(publisher.publish(source, TestEvents.precheckFailed(batch, job(i, batch), source,
                        "I386_PACKAGES", "i386 packages are installed", "Remove the i386 packages", null)));
                continue;
            }
            if (i < 25) {
                sends.add(publisher.publish(source, TestEvents.precheckFailed(batch, job(i, batch), source,
                        "MYSQL_DOWNGRADE", "MySQL 8.0 would be downgraded", "Keep MySQL on a separate server", null)));
                continue;
            }
            if (i < 35) {
                sends.add(publisher.publish(source, TestEvents.snapshotsCreated(batch, job(i, batch), source,
                        Instant.now(), 0.8)));
            }
            sends.add(publisher.publish(source, TestEvents.completed(batch, job(i, batch), source, null)));
            if (i >= 30 && i < 35) {
                sends.add(publisher.publish(source, TestEvents.snapshotReleased(batch, job(i, batch), source, 0.8)));
            }
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();

        // Every job has stopped, but only the executor says the batch finished: no digest yet.
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(ops).size() == 25);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(managers).isEmpty());

        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("COMPLETED", 475);
        counts.put("PRECHECK_FAILED", 25);
        BatchFinished finished = TestEvents.batchFinished(batch, "COMPLETED", counts);
        publish(batch, finished);

        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(managers).size() == 1);
        System.out.printf("500-job batch: digest mailed %d ms after the first event%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        MimeMessage digest = mailsTo(managers).get(0);
        assertThat(digest.getSubject()).isEqualTo("[osmigration] Batch finished: " + batch
                + " (25 pre-check failed, 475 completed)");
        MailParts parts = MailParts.of(digest);
        assertThat(parts.text()).contains("Jobs: 500", "pre-check failed: 25", "completed: 475",
                "I386_PACKAGES (20 jobs): i386 packages are installed", "Remedy: Remove the i386 packages",
                "MYSQL_DOWNGRADE (5 jobs)", "Snapshots kept: 10 (4.00 per day)",
                "Dashboard: http://dashboard.test:8080/?batch=" + batch);
        assertThat(parts.html()).contains("<h3>Top blockers</h3>");
        assertThat(imapSubjects(managers, "managers-password")).containsExactly(digest.getSubject());
        // Ops asked for failures one by one and the rest in the digest: 25 + 1, not 500.
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(ops).size() == 26);
        publish(batch, finished); // the executor's event redelivered
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> mailsTo(ops).size() == 26 && mailsTo(managers).size() == 1);
        assertThat(mailsTo(ops).stream().filter(m -> EmailNotificationTest.subject(m).contains("Batch finished")))
                .hasSize(1);
    }

    @Test
    void aPausedBatchGetsAPausedMessageByEmailAndDingTalkAndNoFinishedDigest() throws Exception {
        String batch = unique("b");
        String to = unique("ops") + "@example.org";
        String managers = unique("managers") + "@example.org";
        try (DingTalkReceiver robot = new DingTalkReceiver("tok-" + batch, "SEC-" + batch)) {
            createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(to),
                    "events", List.of("BatchPaused", "BatchResumed", "BatchFinished"), "batchIds", List.of(batch)));
            createChannel(Map.of("type", "EMAIL", "name", "Managers", "recipients", List.of(managers),
                    "events", List.of("BatchFinished"), "batchIds", List.of(batch)));
            createChannel(Map.of("type", "DINGTALK", "name", "Robot " + batch, "webhookUrl", robot.webhookUrl(),
                    "secret", "SEC-" + batch, "events", List.of("BatchPaused"), "batchIds", List.of(batch)));
            publish(batch, TestEvents.batchAccepted(batch, 10));
            publish("s-p1", TestEvents.jobReleased(batch, "j1-" + batch, "s-p1", "NONE"));
            publish("s-p2", TestEvents.jobReleased(batch, "j2-" + batch, "s-p2", "NONE"));
            publish("s-p1", TestEvents.completed(batch, "j1-" + batch, "s-p1", null));
            publish("s-p2", TestEvents.failed(batch, "j2-" + batch, "s-p2", "UPGRADE", "leapp upgrade exited 1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> jobsTracked(batch));

            publish(batch, TestEvents.batchPaused(batch, "threshold",
                    "1 of 2 finished jobs failed (50%), the batch allows 20%"));

            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() == 1);
            MimeMessage mail = mailsTo(to).get(0);
            assertThat(mail.getSubject()).isEqualTo("[osmigration] Batch paused: " + batch
                    + " (failure threshold reached)");
            assertThat(MailParts.of(mail).text()).contains("Paused by: the failure threshold",
                    "Reason: 1 of 2 finished jobs failed (50%), the batch allows 20%", "Jobs so far: 2 of 10",
                    "completed: 1", "failed: 1", "STEP_FAILED_UPGRADE (1 job): leapp upgrade exited 1",
                    ":resume");
            await().atMost(Duration.ofSeconds(20)).until(() -> robot.accepted.size() == 1);
            assertThat(robot.accepted.get(0).title()).isEqualTo("[osmigration] Batch paused: " + batch);
            assertThat(robot.accepted.get(0).text()).contains("### Batch paused: " + batch,
                    "Paused by: the failure threshold", "Jobs so far: 2 of 10");

            // Every job it released has ended, but a paused batch has not finished: no digest, to anyone.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> mailsTo(managers).isEmpty() && mailsTo(to).size() == 1);

            publish(batch, TestEvents.batchResumed(batch, "ops-token"));
            await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() == 2);
            assertThat(mailsTo(to)).extracting(EmailNotificationTest::subject)
                    .contains("[osmigration] Batch resumed: " + batch + " (by ops-token)");
            assertThat(robot.accepted).hasSize(1); // the robot did not subscribe to BatchResumed
        }
    }

    @Test
    void aCancelledBatchGetsADigestWithTheExecutorsCountsAlsoForTheOldSubscriptionName() throws Exception {
        String batch = unique("b");
        String to = unique("ops") + "@example.org";
        // "BatchDigest" is what channels subscribed to before batch events: it still means the finished digest.
        String channelId = createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(to),
                "events", List.of("BatchDigest"), "batchIds", List.of(batch)));
        assertThat(http.get().uri("/api/v1/channels/" + channelId).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("\"BatchFinished\"")
                .doesNotContain("BatchDigest");
        publish("s-c1", TestEvents.jobReleased(batch, "j1-" + batch, "s-c1", "NONE"));
        publish("s-c1", TestEvents.snapshotsCreated(batch, "j1-" + batch, "s-c1", Instant.now(), 1.5));
        publish("s-c1", TestEvents.completed(batch, "j1-" + batch, "s-c1", null));
        publish(batch, TestEvents.batchCancelled(batch, "ops-token"));
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("CANCELLED", 2);
        counts.put("COMPLETED", 1);

        publish(batch, TestEvents.batchFinished(batch, "CANCELLED", counts));

        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() == 1);
        MimeMessage digest = mailsTo(to).get(0);
        assertThat(digest.getSubject()).isEqualTo("[osmigration] Batch cancelled: " + batch
                + " (1 completed, 2 cancelled)");
        assertThat(MailParts.of(digest).text()).contains("Jobs: 3", "completed: 1", "cancelled: 2",
                "Snapshots kept: 2 (1.50 per day)");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> mailsTo(to).size() == 1);
    }

    @Test
    void snapshotsKeptPastTheirTimeGetOneReminder() throws Exception {
        String batch = unique("b");
        String to = unique("finance") + "@example.org";
        createChannel(Map.of("type", "EMAIL", "name", "Finance", "recipients", List.of(to),
                "events", List.of("SnapshotReminder"), "batchIds", List.of(batch)));
        Instant fourDaysAgo = Instant.now().minus(Duration.ofDays(4));
        // Released already (the release is seen first here, so no scan can fall in between): no reminder.
        publish("s-r2", TestEvents.snapshotReleased(batch, "j2-" + batch, "s-r2", 0.6));
        publish("s-r2", TestEvents.snapshotsCreated(batch, "j2-" + batch, "s-r2", fourDaysAgo, 0.6));
        // Fresh: not due yet.
        publish("s-r3", TestEvents.snapshotsCreated(batch, "j3-" + batch, "s-r3", Instant.now(), 0.5));
        // Kept for four days, beyond osm.notifications.snapshot-reminder-after (P3D).
        publish("s-r1", TestEvents.snapshotsCreated(batch, "j1-" + batch, "s-r1", fourDaysAgo, 1.2));

        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() == 1);
        MimeMessage mail = mailsTo(to).get(0);
        assertThat(mail.getSubject()).isEqualTo(
                "[osmigration] Snapshots kept past retention: 2 snapshots of 1 job, 1.20 per day");
        String text = MailParts.of(mail).text();
        assertThat(text).contains("j1-" + batch + " (s-r1/i-s-r1, batch " + batch + "): 2 snapshots, 1.20 per day",
                "POST /api/v1/snapshots/jobs/{jobId}:release");
        assertThat(text).doesNotContain("j2-" + batch).doesNotContain("j3-" + batch);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> mailsTo(to).size() == 1);
    }

    /** Both jobs of the batch are known with their outcome (the events came on other topics than the pause). */
    private boolean jobsTracked(String batch) {
        return mongo.count(Query.query(Criteria.where("batchId").is(batch).and("state").in("COMPLETED", "FAILED")),
                "jobs") == 2;
    }

    /** The subjects in the mailbox, read over IMAP as a mail client would. */
    private static List<String> imapSubjects(String address, String password) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", INFRA.mail().imapPort(), address, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            inbox.close(false);
            return subjects;
        }
    }

    private static String job(int i, String batch) {
        return "j-" + i + "-" + batch;
    }
}
