package io.osmigration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.osmigration.events.MigrationControlRequested;

class DigestAndReminderTest extends IntegrationTest {

    @Test
    void aBatchOf500JobsGivesOneDigestNot500Mails() throws Exception {
        String batch = unique("b");
        String ops = unique("ops") + "@example.org";
        String managers = unique("managers") + "@example.org";
        createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(ops),
                "events", List.of("PrecheckFailed", "MigrationCompleted", "BatchDigest"), "batchIds", List.of(batch),
                "perJobMessages", "FAILURES_ONLY"));
        createChannel(Map.of("type", "EMAIL", "name", "Managers", "recipients", List.of(managers),
                "events", List.of("BatchDigest"), "batchIds", List.of(batch)));
        List<String> sources = IntStream.range(0, 500).mapToObj(i -> "s-" + i + "-" + batch).toList();
        long started = System.nanoTime();

        publish(sources.get(0), TestEvents.submitted(batch, sources));
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sends.add(publisher.publish(sources.get(i), TestEvents.released(batch, job(i, batch), sources.get(i), "NONE")));
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

        await().atMost(Duration.ofSeconds(90)).until(() -> mailsTo(managers).size() == 1);
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
        // Ops asked for failures one by one and the rest in the digest: 25 + 1, not 500.
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(ops).size() == 26);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> mailsTo(ops).size() == 26 && mailsTo(managers).size() == 1);
        assertThat(mailsTo(ops).stream().filter(m -> EmailNotificationTest.subject(m).contains("Batch finished")))
                .hasSize(1);
    }

    @Test
    void aPausedBatchGetsADigestOfWhereItStands() throws Exception {
        String batch = unique("b");
        String to = unique("ops") + "@example.org";
        createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(to),
                "events", List.of("BatchDigest"), "batchIds", List.of(batch)));
        publish("s-p1", TestEvents.released(batch, "j1-" + batch, "s-p1", "NONE"));
        publish("s-p2", TestEvents.released(batch, "j2-" + batch, "s-p2", "NONE"));
        publish("s-p1", TestEvents.completed(batch, "j1-" + batch, "s-p1", null));

        publish("s-p1", MigrationControlRequested.newBuilder().setHeader(TestEvents.header("operator", batch, null))
                .setBatchId(batch).setJobId(null).setAction("PAUSE").setReason("change freeze").build());

        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() == 1);
        MimeMessage mail = mailsTo(to).get(0);
        assertThat(mail.getSubject()).startsWith("[osmigration] Batch paused: " + batch);
        assertThat(MailParts.of(mail).text()).contains("Jobs: 2", "running: 1", "completed: 1");
    }

    @Test
    void aDigestWaitsForRollbacksAndCountsDrillOnlyJobsAsWaitingForApproval() throws Exception {
        String batch = unique("b");
        String to = unique("ops") + "@example.org";
        createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(to),
                "events", List.of("BatchDigest"), "batchIds", List.of(batch)));
        publish("s-d1", TestEvents.released(batch, "j1-" + batch, "s-d1", "DRILL_ONLY"));
        publish("s-d2", TestEvents.released(batch, "j2-" + batch, "s-d2", "NONE"));
        publish("s-d1", TestEvents.drill(batch, "j1-" + batch, "s-d1", false));
        io.osmigration.events.MigrationFailed failed = io.osmigration.events.MigrationFailed.newBuilder(
                TestEvents.failed(batch, "j2-" + batch, "s-d2", "UPGRADE", "leapp failed"))
                .setRollbackRequired(true).build();
        publish("s-d2", failed);

        // The failed job still needs its disks reset: no digest yet, even after the quiet period.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(to).isEmpty());
        publish("s-d2", io.osmigration.events.DisksRolledBack.newBuilder()
                .setHeader(TestEvents.header("snapshot-service", batch, "j2-" + batch)).setSourceId("s-d2")
                .setInstanceId("i-s-d2").setRegionId("cn-hangzhou").setSnapshots(List.of()).setRestoredOs("centos 7")
                .build());

        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() == 1);
        MimeMessage digest = mailsTo(to).get(0);
        assertThat(digest.getSubject()).isEqualTo("[osmigration] Batch finished: " + batch
                + " (1 drill done, awaiting approval, 1 rolled back)");
        assertThat(MailParts.of(digest).text()).contains("STEP_FAILED_UPGRADE (1 job): leapp failed");

        // Approved and migrated later: the batch stops again in a new state, which gets its own digest.
        publish("s-d1", TestEvents.completed(batch, "j1-" + batch, "s-d1", null));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() == 2);
        assertThat(mailsTo(to)).extracting(EmailNotificationTest::subject).contains(
                "[osmigration] Batch finished: " + batch + " (1 completed, 1 rolled back)");
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

    private static String job(int i, String batch) {
        return "j-" + i + "-" + batch;
    }
}
