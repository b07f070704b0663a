package io.osmigration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.osmigration.events.MigrationCompleted;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.notification.domain.EventType;
import io.osmigration.notification.domain.JobEvent;
import io.osmigration.notification.domain.JobOutcome;
import io.osmigration.notification.notify.NotificationService;

class EmailNotificationTest extends IntegrationTest {

    @Autowired
    NotificationService service;

    @Test
    void completedMigrationIsMailedOnceWithSubjectContentAndBothParts() throws Exception {
        String batch = unique("b");
        String to = unique("ops") + "@example.org";
        String channelId = createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(to),
                "events", List.of("MigrationCompleted"), "batchIds", List.of(batch)));
        MigrationCompleted event = TestEvents.completed(batch, "j-" + batch, "s-web01", "i-bp1web01");

        publish("s-web01", event);
        publish("s-web01", event); // redelivered: the same event id

        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() == 1);
        MimeMessage mail = mailsTo(to).get(0);
        assertThat(mail.getSubject()).isEqualTo("[osmigration] Migration completed: s-web01/i-bp1web01 → alinux3");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("osmigration@example.org");
        MailParts parts = MailParts.of(mail);
        assertThat(parts.text()).contains("Job: j-" + batch, "Batch: " + batch, "Source: s-web01",
                "Instance: i-bp1web01", "Outcome: completed",
                "Dashboard: http://dashboard.test:8080/?batch=" + batch + "&job=j-" + batch);
        assertThat(parts.html()).contains("<h2>Migration completed</h2>", "s-web01",
                "href=\"http://dashboard.test:8080/?batch=" + batch + "&amp;job=j-" + batch + "\"");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(notifications("?channelId=" + channelId)).singleElement().satisfies(n -> {
                    assertThat(n.get("status")).isEqualTo("SENT");
                    assertThat(n.get("to")).isEqualTo(List.of(to));
                    assertThat(n.get("eventType")).isEqualTo("MigrationCompleted");
                    assertThat(n.get("eventId")).isEqualTo(event.getHeader().getEventId());
                    assertThat(n.get("sentAt")).isNotNull();
                }));
        // Still one mail a while later: the second copy was dropped, not just slow.
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> mailsTo(to).size() == 1);
    }

    @Test
    void handlingTheSameEventTwiceQueuesOneMessagePerChannel() {
        String batch = unique("b");
        String to = unique("ops") + "@example.org";
        String channelId = createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(to),
                "events", List.of("MigrationCompleted"), "batchIds", List.of(batch)));
        JobEvent event = new JobEvent("evt-" + batch, EventType.MIGRATION_COMPLETED, java.time.Instant.now(), batch,
                "j-" + batch, "s-1", null, "alinux3", JobOutcome.COMPLETED, null, null, List.of(), List.of(), 0);

        // As after a crash between the effect and the processed-event mark: the unique (channel, event) index holds.
        service.onJobEvent(event);
        service.onJobEvent(event);

        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(to).size() == 1);
        assertThat(notifications("?channelId=" + channelId)).hasSize(1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> mailsTo(to).size() == 1);
    }

    @Test
    void failedPrecheckNamesFindingsWithRemediesAndReachesTheDefaultChannel() {
        String batch = unique("b");
        String to = unique("ops") + "@example.org";
        createChannel(Map.of("type", "EMAIL", "name", "Blocked checks", "recipients", List.of(to),
                "events", List.of("PrecheckFailed", "MigrationCompleted"), "batchIds", List.of(batch),
                "perJobMessages", "FAILURES_ONLY"));
        PrecheckFailed event = TestEvents.precheckFailed(batch, "j-" + batch, "s-db01", "I386_PACKAGES",
                "i386 packages are installed", "Remove the i386 packages before migrating",
                "yum remove '*.i686'");

        publish("s-db01", event);
        publish("s-db02", TestEvents.completed(batch, "j2-" + batch, "s-db02", null)); // a success: not per job

        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() == 1);
        MimeMessage mail = mailsTo(to).get(0);
        MailParts parts = MailParts.of(mail);
        assertThat(subject(mail)).isEqualTo("[osmigration] Pre-check failed: s-db01/i-s-db01 → alinux3");
        assertThat(parts.text()).contains("[CRITICAL] I386_PACKAGES: i386 packages are installed",
                "Remedy: Remove the i386 packages before migrating", "Command: yum remove '*.i686'",
                "[WARNING] EPEL_MODULAR");
        assertThat(parts.html()).contains("<code>yum remove &#39;*.i686&#39;</code>");
        // The built-in channel from osm.notifications.default-email-recipients hears about failures too.
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo("fleet-ops@example.org").stream()
                .anyMatch(m -> subject(m).equals("[osmigration] Pre-check failed: s-db01/i-s-db01 → alinux3")));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> mailsTo(to).size() == 1);
    }

    @Test
    void everyKindOfJobMessageHasItsSubject() {
        String batch = unique("b");
        String to = unique("ops") + "@example.org";
        createChannel(Map.of("type", "EMAIL", "name", "Everything", "recipients", List.of(to),
                "events", List.of("DrillCompleted", "MigrationFailed", "DisksRolledBack", "SnapshotCreationFailed",
                        "SnapshotReleased"), "batchIds", List.of(batch)));

        publish("s-k1", TestEvents.drill(batch, "j1-" + batch, "s-k1", true));
        publish("s-k2", TestEvents.failed(batch, "j2-" + batch, "s-k2", "REBOOT", "instance did not come back"));
        publish("s-k3", io.osmigration.events.DisksRolledBack.newBuilder()
                .setHeader(TestEvents.header("snapshot-service", batch, "j3-" + batch)).setSourceId("s-k3")
                .setInstanceId("i-k3").setRegionId("cn-hangzhou").setSnapshots(List.of()).setRestoredOs("centos 7")
                .build());
        publish("s-k4", io.osmigration.events.SnapshotCreationFailed.newBuilder()
                .setHeader(TestEvents.header("snapshot-service", batch, "j4-" + batch)).setSourceId("s-k4")
                .setInstanceId("i-k4").setRegionId("cn-hangzhou").setReason("Snapshot quota exceeded")
                .setSnapshots(List.of()).build());
        publish("s-k5", TestEvents.snapshotReleased(batch, "j5-" + batch, "s-k5", 0.75));

        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() == 5);
        assertThat(mailsTo(to)).extracting(EmailNotificationTest::subject).containsExactlyInAnyOrder(
                "[osmigration] Drill found critical items: s-k1/i-s-k1 → alinux3",
                "[osmigration] Migration failed: s-k2/i-s-k2 → alinux3",
                "[osmigration] Disks rolled back: s-k3/i-k3",
                "[osmigration] Snapshot creation failed: s-k4/i-k4",
                "[osmigration] Snapshots released: s-k5/i-s-k5");
        MimeMessage drill = mailsTo(to).stream().filter(m -> subject(m).contains("Drill")).findFirst().orElseThrow();
        assertThat(MailParts.of(drill).text()).contains("KERNEL_MODULE_UNSUPPORTED", "Command: modprobe -r nvidia");
        MimeMessage quota = mailsTo(to).stream().filter(m -> subject(m).contains("Snapshot creation")).findFirst()
                .orElseThrow();
        assertThat(MailParts.of(quota).text()).contains("Reason: Snapshot quota exceeded");
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
